import { disaggregationDimensions, indicatorUnits } from '@zhas/contracts';
import { type Api, type Principal, problems, queryList } from '@zhas/service-kit';
import { z } from 'zod';
import { type FigureSet, type Figures } from '../figures/commands';
import { figureSource, snapshotSchema, snapshotOf, sourceLinksSchema } from '../figures/links';
import { selectCells, sumCells } from '../figures/domain';
import { funnelCode, funnelStages } from '../figures/funnel';
import { comparableView, type RegionBasis } from '../figures/regions';
import { type IndicatorDefinition } from '../framework/domain';
import { READERS } from '../framework/routes';
import { type IndicatorDefinitions } from '../framework/store';
import { fileName, sendTable } from './export';
import { granularities, parsePeriod } from './periods';
import { dateRangeOf, isoDate, periodQuery, scopeOf, scopeQuery } from './query';
import { indicatorValues, resultsFramework, timeSeries } from './tables';

/*
 * The reading side: indicator definitions, values with disaggregations, the results framework per semester, time
 * series, and the same tables as CSV and XLSX. Viewers, coordinators and admins read; a `regions` claim limits
 * every number to those regions. Only aggregates leave the service: no participant id, no personal data.
 */

const localizedName = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
const dimension = z.enum(disaggregationDimensions);
const lang = z.enum(['kk', 'ru', 'en']);

const measureShape = {
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
};

const valueSchema = z.object({
  code: z.string(),
  name: localizedName,
  unit: z.enum(indicatorUnits),
  level: z.enum(['pdo', 'intermediate']),
  ...measureShape,
  disaggregations: z.array(z.object({ dimension, key: z.string(), ...measureShape })),
  source: sourceLinksSchema,
});

const rowSchema = z.object({
  code: z.string(),
  name: localizedName,
  level: z.enum(['pdo', 'intermediate']),
  unit: z.enum(indicatorUnits),
  baseline: z.number(),
  target: z.number().nullable(),
  actual: z.number().nullable(),
  periodValue: z.number().nullable(),
  shareOfTarget: z.number().nullable(),
  previousActual: z.number().nullable(),
  source: sourceLinksSchema,
});

const pointSchema = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  value: z.number().nullable(),
});

const codeQuery = queryList(z.string().min(1).max(32))
  .optional()
  .meta({ description: 'Indicator codes (all when absent).' });
const valuesQuery = z.object({
  code: codeQuery,
  ...scopeQuery,
  ...periodQuery,
  disaggregateBy: queryList(dimension).optional(),
});
const frameworkQuery = z.object({
  semester: z
    .string()
    .regex(/^20\d\d-S[12]$/)
    .meta({ description: "'2019-S1' (January-June) or '2019-S2' (July-December), years 2000-2099." }),
  ...scopeQuery,
});
const seriesQuery = z.object({
  code: z.string().min(1).max(32),
  granularity: z.enum(granularities).default('month'),
  from: isoDate,
  to: isoDate,
  cumulative: z.stringbool().default(false),
  ...scopeQuery,
});
const exportFormat = { format: z.enum(['csv', 'xlsx']).default('csv'), lang: lang.default('en') };

export interface IndicatorRouteDeps {
  readonly api: Api;
  readonly definitions: IndicatorDefinitions;
  readonly figures: Figures;
}

export function declareIndicatorRoutes({ api, definitions, figures }: IndicatorRouteDeps): void {
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

  const valuesResponse = z.object({
    generation: z.int(),
    snapshot: snapshotSchema,
    from: z.string().nullable(),
    to: z.string().nullable(),
    items: z.array(valueSchema),
  });
  api.route({
    method: 'get',
    path: '/indicator-values',
    summary: 'Indicator values, filtered and disaggregated',
    description:
      'Flows count what happened within the period, stocks (projects active) the state at its end. Participant ' +
      "attributes not known yet (their registration not received) are grouped under 'unknown'.",
    tags: ['indicators'],
    auth: READERS,
    query: valuesQuery,
    responses: { 200: { description: 'The values', schema: valuesResponse } },
    handler: async ({ query, principal }) => ({ status: 200, body: await valuesTable(principal, query) }),
  });

  const frameworkResponse = z.object({
    generation: z.int(),
    snapshot: snapshotSchema,
    semester: z.string(),
    from: z.string(),
    to: z.string(),
    rows: z.array(rowSchema),
  });
  api.route({
    method: 'get',
    path: '/results-framework',
    summary: 'The results-framework table of a semester',
    description:
      "Baseline, the target of the semester's year, the actual value since the beginning of the programme up to the " +
      "end of the semester, the semester's own value, and the actual value as a share of the target.",
    tags: ['indicators'],
    auth: READERS,
    query: frameworkQuery,
    responses: { 200: { description: 'The table', schema: frameworkResponse } },
    handler: async ({ query, principal }) => ({ status: 200, body: await frameworkTable(principal, query) }),
  });

  const seriesResponse = z.object({
    generation: z.int(),
    snapshot: snapshotSchema,
    code: z.string(),
    unit: z.enum(indicatorUnits),
    granularity: z.enum(granularities),
    cumulative: z.boolean(),
    points: z.array(pointSchema),
  });
  api.route({
    method: 'get',
    path: '/time-series',
    summary: "An indicator's time series by month, quarter, semester or year",
    tags: ['indicators'],
    auth: READERS,
    query: seriesQuery,
    responses: { 200: { description: 'The series', schema: seriesResponse } },
    handler: async ({ query, principal }) => ({ status: 200, body: await seriesTable(principal, query) }),
  });

  api.route({
    method: 'get',
    path: '/funnel',
    summary:
      'The selection funnel in people: registered, in a team, submitted, passed the check, qualified, awarded, completed',
    description:
      'Each stage counts the people who reached it within the period (by the date they reached it), in the round ' +
      'and region of their bid (of their registration for the first stage).',
    tags: ['indicators'],
    auth: READERS,
    query: z.object({ ...scopeQuery, ...periodQuery }),
    responses: {
      200: {
        description: 'The stages in order',
        schema: z.object({
          generation: z.int(),
          snapshot: snapshotSchema,
          stages: z.array(z.object({ stage: z.enum(funnelStages), value: z.number() })),
        }),
      },
    },
    handler: async ({ query, principal }) => {
      const selection = { ...scopeOf(principal, query), ...dateRangeOf(query) };
      const observed = await observations(query.regionBasis);
      return {
        status: 200,
        body: {
          generation: observed.generation,
          snapshot: observed.snapshot,
          stages: funnelStages.map((stage) => ({
            stage,
            value: sumCells(
              selectCells(observed.observations.get(funnelCode(stage)) ?? [], 'flow', selection),
            ).numerator,
          })),
        },
      };
    },
  });

  // Exports: the same tables, as files.
  const fileResponses = { 200: { description: 'A CSV (UTF-8 with BOM) or XLSX file' } } as const;

  api.route({
    method: 'get',
    path: '/exports/indicator-values',
    summary: 'Indicator values as CSV or XLSX',
    tags: ['exports'],
    auth: READERS,
    query: valuesQuery.extend(exportFormat),
    responses: fileResponses,
    handler: async ({ query, principal, res }) => {
      const table = await valuesTable(principal, query);
      const rows = table.items.flatMap((item) => [
        [
          item.code,
          item.name[query.lang],
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
          item.name[query.lang],
          item.unit,
          item.level,
          d.dimension,
          d.key,
          d.value,
          d.numerator,
          d.denominator,
        ]),
      ]);
      await sendTable(
        res,
        {
          columns: [
            'code',
            'name',
            'unit',
            'level',
            'dimension',
            'group',
            'value',
            'numerator',
            'denominator',
          ],
          rows,
        },
        query.format,
        fileName(['indicator-values', table.from ?? undefined, table.to ?? undefined], query.format),
      );
      return { status: 200 };
    },
  });

  api.route({
    method: 'get',
    path: '/exports/results-framework',
    summary: 'The results-framework table of a semester as CSV or XLSX',
    tags: ['exports'],
    auth: READERS,
    query: frameworkQuery.extend(exportFormat),
    responses: fileResponses,
    handler: async ({ query, principal, res }) => {
      const table = await frameworkTable(principal, query);
      await sendTable(
        res,
        {
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
            row.name[query.lang],
            row.level,
            row.unit,
            row.baseline,
            row.target,
            row.actual,
            row.periodValue,
            row.shareOfTarget,
          ]),
        },
        query.format,
        fileName(['results-framework', query.semester], query.format),
      );
      return { status: 200 };
    },
  });

  api.route({
    method: 'get',
    path: '/exports/time-series',
    summary: "An indicator's time series as CSV or XLSX",
    tags: ['exports'],
    auth: READERS,
    query: seriesQuery.extend(exportFormat),
    responses: fileResponses,
    handler: async ({ query, principal, res }) => {
      const table = await seriesTable(principal, query);
      await sendTable(
        res,
        {
          columns: ['code', 'period', 'from', 'to', 'value'],
          rows: table.points.map((point) => [table.code, point.period, point.from, point.to, point.value]),
        },
        query.format,
        fileName(['time-series', table.code, query.granularity, query.from, query.to], query.format),
      );
      return { status: 200 };
    },
  });
}
