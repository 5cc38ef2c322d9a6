import { type Principal, problems } from '@zhas/service-kit';
import { type z } from 'zod';
import { type FigureSet, type Figures } from '../figures/commands';
import { selectCells, sumCells } from '../figures/domain';
import { funnelCode, funnelStages } from '../figures/funnel';
import { figureSource, snapshotOf } from '../figures/links';
import { comparableView, type RegionBasis } from '../figures/regions';
import { type IndicatorDefinition } from '../framework/domain';
import { type IndicatorDefinitions } from '../framework/store';
import { type Table } from './export';
import { parsePeriod } from './periods';
import { dateRangeOf, scopeOf } from './query';
import { indicatorValues, resultsFramework, timeSeries } from './tables';
import { type frameworkQuery, type funnelQuery, type seriesQuery, type valuesQuery } from './views';

/*
 * The reading side: indicator definitions, values with disaggregations, the results framework per semester, time
 * series and the funnel, from the current figures. A `regions` claim limits every number to those regions. Only
 * aggregates leave the service: no participant id, no personal data.
 */

export function indicatorTables({
  definitions,
  figures,
}: {
  definitions: IndicatorDefinitions;
  figures: Figures;
}) {
  async function chosen(codes: readonly string[] | undefined): Promise<IndicatorDefinition[]> {
    const all = await definitions.list();
    if (!codes) return all;
    const unknown = codes.filter((code) => !all.some((definition) => definition.code === code));
    if (unknown.length > 0) {
      throw problems.validation([
        { field: 'query.code', message: `Unknown indicator codes: ${unknown.join(', ')}` },
      ]);
    }
    return all.filter((definition) => codes.includes(definition.code));
  }

  async function observations(basis: RegionBasis) {
    const set: FigureSet = await figures.current();
    const tally = basis === 'comparable' ? comparableView(set.tally) : set.tally;
    return { observations: tally.cells, generation: set.info.generation, snapshot: snapshotOf(set) };
  }

  async function valuesTable(principal: Principal, query: z.infer<typeof valuesQuery>) {
    const selection = { ...scopeOf(principal, query), ...dateRangeOf(query) };
    const [chosenDefinitions, observed] = await Promise.all([
      chosen(query.code),
      observations(query.regionBasis),
    ]);
    return {
      generation: observed.generation,
      snapshot: observed.snapshot,
      from: selection.from ?? null,
      to: selection.to ?? null,
      items: indicatorValues(
        chosenDefinitions,
        observed.observations,
        selection,
        query.disaggregateBy ?? [],
      ).map((item) => ({ ...item, source: figureSource(item.code, query, selection) })),
    };
  }

  async function frameworkTable(principal: Principal, query: z.infer<typeof frameworkQuery>) {
    const selection = scopeOf(principal, query);
    const period = parsePeriod(query.semester);
    if (!period) throw problems.validation([{ field: 'query.semester', message: 'Not a semester.' }]);
    const [all, observed] = await Promise.all([definitions.list(), observations(query.regionBasis)]);
    return {
      generation: observed.generation,
      snapshot: observed.snapshot,
      semester: query.semester,
      from: period.from,
      to: period.to,
      rows: resultsFramework(all, observed.observations, period, selection).map((row) => ({
        ...row,
        source: figureSource(row.code, query, { ...selection, to: period.to }),
      })),
    };
  }

  async function seriesTable(principal: Principal, query: z.infer<typeof seriesQuery>) {
    const selection = scopeOf(principal, query);
    if (query.from > query.to)
      throw problems.validation([{ field: 'query.to', message: 'to is before from.' }]);
    const [definition] = await chosen([query.code]);
    if (!definition) throw problems.notFound('Indicator', query.code);
    const observed = await observations(query.regionBasis);
    return {
      generation: observed.generation,
      snapshot: observed.snapshot,
      code: definition.code,
      unit: definition.unit,
      granularity: query.granularity,
      cumulative: query.cumulative,
      points: timeSeries(
        definition,
        observed.observations.get(definition.code) ?? [],
        { from: query.from, to: query.to },
        query.granularity,
        query.cumulative,
        selection,
      ),
    };
  }

  async function funnelTable(principal: Principal, query: z.infer<typeof funnelQuery>) {
    const selection = { ...scopeOf(principal, query), ...dateRangeOf(query) };
    const observed = await observations(query.regionBasis);
    return {
      generation: observed.generation,
      snapshot: observed.snapshot,
      stages: funnelStages.map((stage) => ({
        stage,
        value: sumCells(selectCells(observed.observations.get(funnelCode(stage)) ?? [], 'flow', selection))
          .numerator,
      })),
    };
  }

  return { values: valuesTable, framework: frameworkTable, series: seriesTable, funnel: funnelTable };
}

type Tables = ReturnType<typeof indicatorTables>;
type Lang = 'kk' | 'ru' | 'en';

// The same tables as files: one row per indicator and per disaggregation group, names in the chosen language.

export function valuesFile(table: Awaited<ReturnType<Tables['values']>>, lang: Lang): Table {
  return {
    columns: ['code', 'name', 'unit', 'level', 'dimension', 'group', 'value', 'numerator', 'denominator'],
    rows: table.items.flatMap((item) => [
      [
        item.code,
        item.name[lang],
        item.unit,
        item.level,
        'total',
        '',
        item.value,
        item.numerator,
        item.denominator,
      ],
      ...item.disaggregations.map((d) => [
        item.code,
        item.name[lang],
        item.unit,
        item.level,
        d.dimension,
        d.key,
        d.value,
        d.numerator,
        d.denominator,
      ]),
    ]),
  };
}

export function frameworkFile(table: Awaited<ReturnType<Tables['framework']>>, lang: Lang): Table {
  return {
    columns: [
      'code',
      'name',
      'level',
      'unit',
      'baseline',
      'target',
      'actual',
      'periodValue',
      'shareOfTarget',
    ],
    rows: table.rows.map((row) => [
      row.code,
      row.name[lang],
      row.level,
      row.unit,
      row.baseline,
      row.target,
      row.actual,
      row.periodValue,
      row.shareOfTarget,
    ]),
  };
}

export function seriesFile(table: Awaited<ReturnType<Tables['series']>>): Table {
  return {
    columns: ['code', 'period', 'from', 'to', 'value'],
    rows: table.points.map((point) => [table.code, point.period, point.from, point.to, point.value]),
  };
}
