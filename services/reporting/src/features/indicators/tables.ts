import { type DisaggregationDimension } from '@zhas/contracts';
import { type Observation, round2, type Selection, valueOf, type IndicatorValue } from './compute';
import { type IndicatorDefinition, type LocalizedName, targetFor } from '../framework/domain';
import { type Granularity, type Period, periodsBetween, yearOf } from './periods';

/*
 * The tables readers see, built from indicator values: the results framework of a semester (baseline, target,
 * actual, share of target), and time series. The JSON endpoints and the CSV/XLSX exports use the same functions.
 */

export interface ResultsFrameworkRow {
  readonly code: string;
  readonly name: LocalizedName;
  readonly level: IndicatorDefinition['level'];
  readonly unit: IndicatorDefinition['unit'];
  readonly baseline: number;
  /** The target of the period's year (cumulative for counts and amounts). */
  readonly target: number | null;
  /** From the beginning of the programme to the end of the period (stocks: at its end). */
  readonly actual: number | null;
  /** Within the period only (stocks: at its end). */
  readonly periodValue: number | null;
  /** actual / target, in percent; null without a target or an actual value. */
  readonly shareOfTarget: number | null;
  /** The actual value at the end of the previous semester, for the trend. */
  readonly previousActual: number | null;
}

export function resultsFramework(
  definitions: readonly IndicatorDefinition[],
  observations: ReadonlyMap<string, readonly Observation[]>,
  period: Period,
  scope: Pick<Selection, 'roundIds' | 'regions'>,
): ResultsFrameworkRow[] {
  return definitions.map((definition) => {
    const observed = observations.get(definition.code) ?? [];
    const actual = valueOf(definition, observed, { ...scope, to: period.to }).value;
    const previousActual = valueOf(definition, observed, { ...scope, to: dayBefore(period.from) }).value;
    const periodValue = valueOf(definition, observed, { ...scope, from: period.from, to: period.to }).value;
    const target = targetFor(definition.targets, yearOf(period)) ?? null;
    return {
      code: definition.code,
      name: definition.name,
      level: definition.level,
      unit: definition.unit,
      baseline: definition.baseline,
      target,
      actual,
      periodValue,
      shareOfTarget:
        target === null || target === 0 || actual === null ? null : round2((100 * actual) / target),
      previousActual,
    };
  });
}

export interface SeriesPoint {
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly value: number | null;
}

function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** One indicator by month, quarter, semester or year; cumulative adds everything since the beginning. */
export function timeSeries(
  definition: IndicatorDefinition,
  observations: readonly Observation[],
  range: { from: string; to: string },
  granularity: Granularity,
  cumulative: boolean,
  scope: Pick<Selection, 'roundIds' | 'regions'>,
): SeriesPoint[] {
  return periodsBetween(range.from, range.to, granularity).map((period) => ({
    period: period.label,
    from: period.from,
    to: period.to,
    value: valueOf(definition, observations, {
      ...scope,
      ...(cumulative ? {} : { from: period.from }),
      to: period.to,
    }).value,
  }));
}

/** Values of several indicators for one selection, with the requested disaggregations. */
export function indicatorValues(
  definitions: readonly IndicatorDefinition[],
  observations: ReadonlyMap<string, readonly Observation[]>,
  selection: Selection,
  dimensions: readonly DisaggregationDimension[],
): (IndicatorValue & Pick<IndicatorDefinition, 'unit' | 'level' | 'name'>)[] {
  return definitions.map((definition) => ({
    ...valueOf(definition, observations.get(definition.code) ?? [], selection, dimensions),
    unit: definition.unit,
    level: definition.level,
    name: definition.name,
  }));
}
