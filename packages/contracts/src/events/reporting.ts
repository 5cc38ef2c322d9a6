import { z } from 'zod';
import { defineEvent } from '../define-event';
import { idSchema, instantSchema, isoDateSchema } from '../primitives';

// The reporting service's only event: a published snapshot of the results-framework indicators, so that other
// systems (or a data warehouse) can take the official numbers without reading reporting's database.

export const disaggregationDimensions = [
  'sex',
  'age-band',
  'region',
  'settlement',
  'vulnerability',
  'neet',
  'round',
] as const;
export type DisaggregationDimension = (typeof disaggregationDimensions)[number];

export const indicatorUnits = ['count', 'percent', 'kzt', 'days', 'score'] as const;
export type IndicatorUnit = (typeof indicatorUnits)[number];

const indicatorValueSchema = z.number().finite();

export const indicatorSnapshotPublishedV1 = defineEvent({
  service: 'reporting',
  aggregate: 'indicator-snapshot',
  name: 'published',
  version: 1,
  schema: z
    .object({
      indicatorSnapshotId: idSchema,
      /** The events up to this instant are counted. */
      asOf: instantSchema,
      period: z
        .object({ from: isoDateSchema, to: isoDateSchema })
        .refine((period) => period.from <= period.to, { message: 'from <= to', path: ['to'] }),
      /** Absent for a snapshot across all rounds. */
      roundId: idSchema.optional(),
      indicators: z
        .array(
          z.object({
            /** The indicator's code in the results framework, e.g. 'PDO-1' or 'IR-2.3'. */
            code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/),
            level: z.enum(['pdo', 'intermediate']),
            unit: z.enum(indicatorUnits),
            value: indicatorValueSchema,
            baseline: indicatorValueSchema.optional(),
            target: indicatorValueSchema.optional(),
            disaggregations: z.array(
              z.object({
                dimension: z.enum(disaggregationDimensions),
                /** The group within the dimension: 'female', '18-24', a region id, 'rural', 'true'. */
                key: z.string().min(1).max(64),
                value: indicatorValueSchema,
              }),
            ),
          }),
        )
        .min(1),
      publishedAt: instantSchema,
    })
    .refine(
      (snapshot) =>
        new Set(snapshot.indicators.map((indicator) => indicator.code)).size === snapshot.indicators.length,
      { message: 'Each indicator appears once', path: ['indicators'] },
    ),
});
