import { type DisaggregationDimension } from '@zhas/contracts';
import { type DisclosureRule, protectCell, protectGroup, type RawCell } from '../disclosure/domain';
import { type Cell, selectCells, sumCells, type Tally } from '../figures/domain';
import { type IndicatorDefinition, targetFor } from '../framework/domain';
import { groupByDimension } from '../indicators/compute';

/*
 * The programme's results for everyone, without signing in: a fixed set of tables (headline figures, the map of
 * regions, one breakdown at a time), each for a calendar year or for the whole programme to date, all protected
 * by the disclosure rules (disclosure/domain.ts). The set is fixed on purpose: free filters (any date range, any
 * combination of region, round and attributes) would let anyone subtract two answers to isolate a few people.
 * Within each table the cells that add up to a total are protected together; every count is rounded to fives,
 * so subtracting tables from each other never gives an exact small number.
 */

/** The indicators published: the development objective's and the main intermediate results. */
export const PUBLIC_CODES: readonly string[] = [
  'PDO-1',
  'PDO-1.1',
  'PDO-1.2',
  'PDO-1.3',
  'PDO-2',
  'PDO-3',
  'PDO-4',
  'IR-1.2',
  'IR-2.1',
  'IR-2.3',
  'IR-2.4',
  'IR-3.1',
  'IR-3.2',
  'IR-4.1',
];

/** The attributes a public breakdown may use, one at a time. */
export const PUBLIC_DIMENSIONS = ['sex', 'age-band', 'settlement', 'vulnerability', 'neet'] as const;
export type PublicDimension = (typeof PUBLIC_DIMENSIONS)[number];

/** A calendar year, or 'all': the whole programme to date. */
export type PublicPeriod = number | 'all';

export interface PublishedValue {
  readonly value: number | null;
  readonly suppressed: boolean;
}

export interface PublishedGroup extends PublishedValue {
  readonly key: string;
}

function rangeOf(period: PublicPeriod): { from?: string; to?: string } {
  return period === 'all' ? {} : { from: `${period}-01-01`, to: `${period}-12-31` };
}

function selected(
  tally: Tally,
  definition: IndicatorDefinition,
  period: PublicPeriod,
  regions?: readonly string[],
) {
  return selectCells(tally.cells.get(definition.code) ?? [], definition.timing, {
    ...rangeOf(period),
    ...(regions ? { regions } : {}),
  });
}

function raw(cells: readonly Cell[]): RawCell {
  return sumCells(cells);
}

/** A total and its groups, protected together. */
function protectedGroups(
  definition: IndicatorDefinition,
  cells: readonly Cell[],
  dimension: DisaggregationDimension,
  rule: DisclosureRule,
): { total: PublishedValue; groups: PublishedGroup[] } {
  const groups = groupByDimension(cells, dimension);
  const published = protectGroup(
    [...groups.values()].map(raw),
    definition.unit,
    definition.aggregation,
    rule,
  );
  return {
    total: protectCell(raw(cells), definition.unit, definition.aggregation, rule),
    groups: [...groups.keys()].map((key, index) => ({ key, ...published[index]! })),
  };
}

export interface HeadlineItem extends PublishedValue {
  readonly code: string;
  readonly target: number | null;
  /** The published value as a share of the target, in whole percent (never from the exact value). */
  readonly shareOfTarget: number | null;
}

/** The national value of every public indicator, with the year's target. */
export function headline(
  definitions: readonly IndicatorDefinition[],
  tally: Tally,
  period: PublicPeriod,
  currentYear: number,
  rule: DisclosureRule,
): HeadlineItem[] {
  return definitions
    .filter((definition) => PUBLIC_CODES.includes(definition.code))
    .map((definition) => {
      const published = protectCell(
        raw(selected(tally, definition, period)),
        definition.unit,
        definition.aggregation,
        rule,
      );
      const year = period === 'all' ? currentYear : period;
      // Flows of one year are compared with the year's increase for cumulative targets.
      const cumulative = definition.aggregation === 'sum';
      const target = targetFor(definition.targets, year);
      const before = period === 'all' || !cumulative ? 0 : (targetFor(definition.targets, year - 1) ?? 0);
      const yearTarget = target === undefined ? null : target - before;
      return {
        code: definition.code,
        ...published,
        target: yearTarget,
        shareOfTarget:
          published.value === null || yearTarget === null || yearTarget <= 0
            ? null
            : Math.round((100 * published.value) / yearTarget),
      };
    });
}

/** One indicator by region (the regions a fact was counted in; comparable groups if the tally is on that basis). */
export function regionMap(
  definition: IndicatorDefinition,
  tally: Tally,
  period: PublicPeriod,
  rule: DisclosureRule,
): { total: PublishedValue; groups: PublishedGroup[] } {
  return protectedGroups(definition, selected(tally, definition, period), 'region', rule);
}

/** One indicator split by one attribute, nationally or in one region. */
export function breakdown(
  definition: IndicatorDefinition,
  tally: Tally,
  period: PublicPeriod,
  dimension: PublicDimension,
  rule: DisclosureRule,
  regions?: readonly string[],
): { total: PublishedValue; groups: PublishedGroup[] } {
  return protectedGroups(definition, selected(tally, definition, period, regions), dimension, rule);
}
