import { kazakhstanDateOf } from '@zhas/kz';
import { problems } from '@zhas/service-kit';
import { type z } from 'zod';
import { type DisclosureRule } from '../disclosure/domain';
import { type Figures } from '../figures/commands';
import { comparableGroups, comparableView, membersOfComparable } from '../figures/regions';
import { type IndicatorDefinition } from '../framework/domain';
import { type IndicatorDefinitions } from '../framework/store';
import { type Table } from '../indicators/export';
import { breakdown, headline, PUBLIC_CODES, PUBLIC_DIMENSIONS, type PublicPeriod, regionMap } from './domain';
import { type breakdownQuery, type mapQuery } from './views';

/*
 * The public side: no sign-in, aggregates only, every number protected (see domain.ts and the service README,
 * "Public figures"). Each response says which snapshot it comes from (its id and time, not its offsets) and the
 * rule applied.
 */

export interface PublicTableDeps {
  readonly figures: Figures;
  readonly definitions: IndicatorDefinitions;
  readonly rule: DisclosureRule;
  readonly now: () => Date;
}

export function publicTables({ figures, definitions, rule, now }: PublicTableDeps) {
  async function indicators() {
    const all = await definitions.list();
    return {
      items: all
        .filter((definition) => PUBLIC_CODES.includes(definition.code))
        .map((definition) => ({
          ...head(definition),
          definition: definition.definition,
          level: definition.level,
          baseline: definition.baseline,
          baselineYear: definition.baselineYear,
          ...(definition.baselineSource ? { baselineSource: definition.baselineSource } : {}),
          targets: [...definition.targets],
        })),
      dimensions: [...PUBLIC_DIMENSIONS],
      comparableRegions: comparableGroups(),
      rule,
    };
  }

  async function publicDefinition(code: string): Promise<IndicatorDefinition> {
    if (!PUBLIC_CODES.includes(code)) throw problems.notFound('Public indicator', code);
    const definition = await definitions.get(code);
    if (!definition) throw problems.notFound('Public indicator', code);
    return definition;
  }

  const head = (definition: IndicatorDefinition) => ({
    code: definition.code,
    name: definition.name,
    unit: definition.unit,
  });

  async function headlineTable(period: PublicPeriod) {
    const [all, set] = await Promise.all([definitions.list(), figures.current()]);
    const currentYear = Number(kazakhstanDateOf(now()).slice(0, 4));
    const byCode = new Map(all.map((definition) => [definition.code, definition]));
    return {
      snapshot: { id: set.info.id, asOf: set.info.asOf },
      rule,
      period,
      items: headline(all, set.tally, period, currentYear, rule).map((item) => ({
        ...item,
        ...head(byCode.get(item.code)!),
      })),
    };
  }

  async function mapTable(query: z.infer<typeof mapQuery>) {
    const definition = await publicDefinition(query.code);
    const set = await figures.current();
    const tally = query.regionBasis === 'comparable' ? comparableView(set.tally) : set.tally;
    return {
      snapshot: { id: set.info.id, asOf: set.info.asOf },
      rule,
      period: query.period,
      indicator: head(definition),
      ...regionMap(definition, tally, query.period, rule),
    };
  }

  async function breakdownTable(query: z.infer<typeof breakdownQuery>) {
    const definition = await publicDefinition(query.code);
    if (!definition.disaggregations.includes(query.dimension)) {
      throw problems.validation([
        { field: 'query.dimension', message: `${definition.code} is not split by ${query.dimension}.` },
      ]);
    }
    const set = await figures.current();
    const regions =
      query.region === undefined
        ? undefined
        : query.regionBasis === 'comparable'
          ? membersOfComparable(query.region)
          : [query.region];
    return {
      snapshot: { id: set.info.id, asOf: set.info.asOf },
      rule,
      period: query.period,
      indicator: head(definition),
      ...breakdown(definition, set.tally, query.period, query.dimension, rule, regions),
    };
  }

  return { indicators, headline: headlineTable, map: mapTable, breakdown: breakdownTable };
}

type Tables = ReturnType<typeof publicTables>;
type Lang = 'kk' | 'ru' | 'en';

// The same tables as files.

export function headlineFile(table: Awaited<ReturnType<Tables['headline']>>, lang: Lang): Table {
  return {
    columns: [
      'code',
      'name',
      'unit',
      'period',
      'value',
      'withheld',
      'target',
      'share_of_target',
      'snapshot_as_of',
    ],
    rows: table.items.map((item) => [
      item.code,
      item.name[lang],
      item.unit,
      String(table.period),
      item.value,
      item.suppressed ? 'yes' : '',
      item.target,
      item.shareOfTarget,
      table.snapshot.asOf,
    ]),
  };
}

const groupColumns = ['code', 'name', 'unit', 'period', 'group', 'value', 'withheld', 'snapshot_as_of'];
const groupRows = (table: Awaited<ReturnType<Tables['map']>>, lang: Lang) => [
  ...table.groups.map((group) => [
    table.indicator.code,
    table.indicator.name[lang],
    table.indicator.unit,
    String(table.period),
    group.key,
    group.value,
    group.suppressed ? 'yes' : '',
    table.snapshot.asOf,
  ]),
  [
    table.indicator.code,
    table.indicator.name[lang],
    table.indicator.unit,
    String(table.period),
    'total',
    table.total.value,
    table.total.suppressed ? 'yes' : '',
    table.snapshot.asOf,
  ],
];

/** A map or breakdown: one row per group, then the total. */
export function groupsFile(table: Awaited<ReturnType<Tables['map']>>, lang: Lang): Table {
  return { columns: groupColumns, rows: groupRows(table, lang) };
}
