import { indicatorUnits } from '@zhas/contracts';
import { z } from 'zod';
import { regionBases } from '../figures/regions';
import { localizedText, sourceSchema, yearTargetSchema } from '../framework/routes';
import { PUBLIC_DIMENSIONS } from './domain';

// What the public routes take and give.

export const periodSchema = z
  .union([z.literal('all'), z.coerce.number().int().min(2017).max(2099)])
  .default('all')
  .meta({ description: "A calendar year, or 'all' for the whole programme to date." });

export const publishedValue = { value: z.number().nullable(), suppressed: z.boolean() };
export const ruleSchema = z.object({
  threshold: z.int().meta({ description: 'No shown cell rests on fewer people or facts.' }),
  roundTo: z
    .int()
    .meta({ description: 'Counts are rounded to multiples of this; amounts to thousands of tenge.' }),
});
export const publicSnapshot = z.object({ id: z.string(), asOf: z.string() });
export const indicatorHead = {
  code: z.string(),
  name: localizedText,
  unit: z.enum(indicatorUnits),
};
export const groupsResponse = z.object({
  snapshot: publicSnapshot,
  rule: ruleSchema,
  period: z.union([z.literal('all'), z.int()]),
  indicator: z.object(indicatorHead),
  total: z.object(publishedValue),
  groups: z.array(z.object({ key: z.string(), ...publishedValue })),
});

export const mapQuery = z.object({
  code: z.string().min(1).max(32),
  period: periodSchema,
  regionBasis: z.enum(regionBases).default('recorded'),
});
export const breakdownQuery = z.object({
  code: z.string().min(1).max(32),
  period: periodSchema,
  dimension: z.enum(PUBLIC_DIMENSIONS),
  region: z.string().min(1).max(64).optional(),
  regionBasis: z.enum(regionBases).default('recorded'),
});

export const headlineQuery = z.object({ period: periodSchema });

export const indicatorsResponse = z.object({
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
});

export const headlineResponse = z.object({
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
});
