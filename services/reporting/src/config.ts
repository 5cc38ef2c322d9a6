import { baseConfigSchema, portSchema } from '@zhas/service-kit';
import { z } from 'zod';

export const SERVICE_NAME = 'reporting';

export const configSchema = baseConfigSchema.extend({
  PORT: portSchema.default(4104),
  MONGO_DB: baseConfigSchema.shape.MONGO_DB.default('zhas-reporting'),
  /** A rebuild that has not caught up with the topics' ends by then fails (the active generation stays). */
  REBUILD_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 60_000),
  /** How long a query waits for a new tally of changed read models before answering from the previous one. */
  FIGURES_MAX_WAIT_MS: z.coerce.number().int().min(0).default(5_000),
  /** How often the consumer group's offsets are compared with the tally's (writes by other instances). */
  FIGURES_RECHECK_MS: z.coerce.number().int().min(0).default(5_000),
  /** No number shown rests on fewer people or facts than this (small-cell suppression). */
  SMALL_CELL_THRESHOLD: z.coerce.number().int().min(3).max(100).default(5),
});

export type Config = z.infer<typeof configSchema>;
