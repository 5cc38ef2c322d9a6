import { disaggregationDimensions, indicatorUnits } from '@zhas/contracts';
import { queryBoolean, queryList } from '@zhas/service-kit';
import { z } from 'zod';
import { snapshotSchema, sourceLinksSchema } from '../figures/links';
import { funnelStages } from '../figures/funnel';
import { granularities } from './periods';
import { isoDate, periodQuery, scopeQuery } from './query';

// What the indicator routes take and give.

export const localizedName = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
export const dimension = z.enum(disaggregationDimensions);
export const lang = z.enum(['kk', 'ru', 'en']);

export const measureShape = {
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
};

export const valueSchema = z.object({
  code: z.string(),
  name: localizedName,
  unit: z.enum(indicatorUnits),
  level: z.enum(['pdo', 'intermediate']),
  ...measureShape,
  disaggregations: z.array(z.object({ dimension, key: z.string(), ...measureShape })),
  source: sourceLinksSchema,
});

export const rowSchema = z.object({
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

export const pointSchema = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  value: z.number().nullable(),
});

export const codeQuery = queryList(z.string().min(1).max(32))
  .optional()
  .meta({ description: 'Indicator codes (all when absent).' });
export const valuesQuery = z.object({
  code: codeQuery,
  ...scopeQuery,
  ...periodQuery,
  disaggregateBy: queryList(dimension).optional(),
});
export const frameworkQuery = z.object({
  semester: z
    .string()
    .regex(/^20\d\d-S[12]$/)
    .meta({ description: "'2019-S1' (January-June) or '2019-S2' (July-December), years 2000-2099." }),
  ...scopeQuery,
});
export const seriesQuery = z.object({
  code: z.string().min(1).max(32),
  granularity: z.enum(granularities).default('month'),
  from: isoDate,
  to: isoDate,
  cumulative: queryBoolean.default(false),
  ...scopeQuery,
});
export const exportFormat = { format: z.enum(['csv', 'xlsx']).default('csv'), lang: lang.default('en') };

export const valuesResponse = z.object({
  generation: z.int(),
  snapshot: snapshotSchema,
  from: z.string().nullable(),
  to: z.string().nullable(),
  items: z.array(valueSchema),
});

export const frameworkResponse = z.object({
  generation: z.int(),
  snapshot: snapshotSchema,
  semester: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(rowSchema),
});

export const seriesResponse = z.object({
  generation: z.int(),
  snapshot: snapshotSchema,
  code: z.string(),
  unit: z.enum(indicatorUnits),
  granularity: z.enum(granularities),
  cumulative: z.boolean(),
  points: z.array(pointSchema),
});

export const funnelQuery = z.object({ ...scopeQuery, ...periodQuery });

export const funnelResponse = z.object({
  generation: z.int(),
  snapshot: snapshotSchema,
  stages: z.array(z.object({ stage: z.enum(funnelStages), value: z.number() })),
});
