import { indicatorUnits } from '@zhas/contracts';
import { kazakhstanDateOf } from '@zhas/kz';
import { type Api, problems } from '@zhas/service-kit';
import { z } from 'zod';
import { type DisclosureRule } from '../disclosure/domain';
import { type Figures } from '../figures/commands';
import { comparableGroups, comparableView, membersOfComparable, regionBases } from '../figures/regions';
import { type IndicatorDefinition } from '../framework/domain';
import { localizedText, sourceSchema, yearTargetSchema } from '../framework/routes';
import { type IndicatorDefinitions } from '../framework/store';
import { fileName, sendTable } from '../indicators/export';
import { breakdown, headline, PUBLIC_CODES, PUBLIC_DIMENSIONS, type PublicPeriod, regionMap } from './domain';

/*
 * The public side: no sign-in, aggregates only, every number protected (see domain.ts and the service README,
 * "Public figures"). Each response says which snapshot it comes from (its id and time, not its offsets) and the
 * rule applied.
 */

const PUBLIC = 'public' as const;

const periodSchema = z
  .union([z.literal('all'), z.coerce.number().int().min(2017).max(2099)])
  .default('all')
  .meta({ description: "A calendar year, or 'all' for the whole programme to date." });

const publishedValue = { value: z.number().nullable(), suppressed: z.boolean() };
const ruleSchema = z.object({
  threshold: z.int().meta({ description: 'No shown cell rests on fewer people or facts.' }),
  roundTo: z
    .int()
    .meta({ description: 'Counts are rounded to multiples of this; amounts to thousands of tenge.' }),
});
const publicSnapshot = z.object({ id: z.string(), asOf: z.string() });
const indicatorHead = {
  code: z.string(),
  name: localizedText,
  unit: z.enum(indicatorUnits),
};
const groupsResponse = z.object({
  snapshot: publicSnapshot,
  rule: ruleSchema,
  period: z.union([z.literal('all'), z.int()]),
  indicator: z.object(indicatorHead),
  total: z.object(publishedValue),
  groups: z.array(z.object({ key: z.string(), ...publishedValue })),
});

const mapQuery = z.object({
  code: z.string().min(1).max(32),
  period: periodSchema,
  regionBasis: z.enum(regionBases).default('recorded'),
});
const breakdownQuery = z.object({
  code: z.string().min(1).max(32),
  period: periodSchema,
  dimension: z.enum(PUBLIC_DIMENSIONS),
  region: z.string().min(1).max(64).optional(),
  regionBasis: z.enum(regionBases).default('recorded'),
});

export function declarePublicRoutes(
  api: Api,
  figures: Figures,
  definitions: IndicatorDefinitions,
  rule: DisclosureRule,
  now: () => Date,
): void {
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

  api.route({
    method: 'get',
    path: '/public/indicators',
    summary: 'The published indicators: names, definitions, targets and their sources',
    tags: ['public'],
    auth: PUBLIC,
    responses: {
      200: {
        description: 'The public part of the results framework',
        schema: z.object({
          items: z.array(
            z.object({
              ...indicatorHead,
              definition: localizedText,
              level: z.enum(['pdo', 'intermediate']),
              baseline: z.number(),
              baselineYear: z.int(),
              baselineSource: sourceSchema.optional(),
              targets: z.array(yearTargetSchema),
            }),
          ),
          dimensions: z.array(z.enum(PUBLIC_DIMENSIONS)),
          comparableRegions: z.record(z.string(), z.array(z.string())),
          rule: ruleSchema,
        }),
      },
    },
    handler: async (_context) => {
      const all = await definitions.list();
      return {
        status: 200,
        body: {
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
        },
      };
    },
  });

  api.route({
    method: 'get',
    path: '/public/headline',
    summary: "The programme's headline results, nationally",
    tags: ['public'],
    auth: PUBLIC,
    query: z.object({ period: periodSchema }),
    responses: {
      200: {
        description: 'One protected value per public indicator, with the target of the year',
        schema: z.object({
          snapshot: publicSnapshot,
          rule: ruleSchema,
          period: z.union([z.literal('all'), z.int()]),
          items: z.array(
            z.object({
              ...indicatorHead,
              ...publishedValue,
              target: z.number().nullable(),
              shareOfTarget: z.number().nullable(),
            }),
          ),
        }),
      },
    },
    handler: async ({ query }) => ({ status: 200, body: await headlineTable(query.period) }),
  });

  api.route({
    method: 'get',
    path: '/public/map',
    summary: 'One public indicator by region',
    description:
      "Regions as recorded, or on the 'comparable' basis (regions split since 2018 and 2022 counted with the " +
      'region they came from). Regions without facts are left out.',
    tags: ['public'],
    auth: PUBLIC,
    query: mapQuery,
    responses: { 200: { description: 'The protected values by region', schema: groupsResponse } },
    handler: async ({ query }) => ({ status: 200, body: await mapTable(query) }),
  });

  api.route({
    method: 'get',
    path: '/public/breakdown',
    summary: 'One public indicator split by one attribute, nationally or in one region',
    tags: ['public'],
    auth: PUBLIC,
    query: breakdownQuery,
    responses: { 200: { description: 'The protected values by group', schema: groupsResponse } },
    handler: async ({ query }) => ({ status: 200, body: await breakdownTable(query) }),
  });

  // The same tables as files.
  const format = {
    format: z.enum(['csv', 'xlsx']).default('csv'),
    lang: z.enum(['kk', 'ru', 'en']).default('en'),
  };
  const fileResponses = { 200: { description: 'A CSV (UTF-8 with BOM) or XLSX file' } } as const;
  const groupColumns = ['code', 'name', 'unit', 'period', 'group', 'value', 'withheld', 'snapshot_as_of'];
  const groupRows = (table: Awaited<ReturnType<typeof mapTable>>, lang: 'kk' | 'ru' | 'en') => [
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

  api.route({
    method: 'get',
    path: '/public/exports/headline',
    summary: 'The headline results as CSV or XLSX',
    tags: ['public', 'exports'],
    auth: PUBLIC,
    query: z.object({ period: periodSchema, ...format }),
    responses: fileResponses,
    handler: async ({ query, res }) => {
      const table = await headlineTable(query.period);
      await sendTable(
        res,
        {
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
            item.name[query.lang],
            item.unit,
            String(table.period),
            item.value,
            item.suppressed ? 'yes' : '',
            item.target,
            item.shareOfTarget,
            table.snapshot.asOf,
          ]),
        },
        query.format,
        fileName(['zhas-headline', String(query.period)], query.format),
      );
      return { status: 200 };
    },
  });

  api.route({
    method: 'get',
    path: '/public/exports/map',
    summary: 'One public indicator by region as CSV or XLSX',
    tags: ['public', 'exports'],
    auth: PUBLIC,
    query: mapQuery.extend(format),
    responses: fileResponses,
    handler: async ({ query, res }) => {
      const table = await mapTable(query);
      await sendTable(
        res,
        { columns: groupColumns, rows: groupRows(table, query.lang) },
        query.format,
        fileName(['zhas-map', query.code, String(query.period)], query.format),
      );
      return { status: 200 };
    },
  });

  api.route({
    method: 'get',
    path: '/public/exports/breakdown',
    summary: 'One public indicator by one attribute as CSV or XLSX',
    tags: ['public', 'exports'],
    auth: PUBLIC,
    query: breakdownQuery.extend(format),
    responses: fileResponses,
    handler: async ({ query, res }) => {
      const table = await breakdownTable(query);
      await sendTable(
        res,
        { columns: groupColumns, rows: groupRows(table, query.lang) },
        query.format,
        fileName(['zhas-breakdown', query.code, query.dimension, String(query.period)], query.format),
      );
      return { status: 200 };
    },
  });
}
