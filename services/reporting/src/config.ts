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
  /** The publisher's registered organisation identifier (IATI org-id); the default is a placeholder. */
  OPEN_DATA_ORG_REF: z.string().min(3).max(100).default('KZ-BIN-000000000000'),
  /** The publisher's 360Giving identifier prefix; the default is a placeholder. */
  OPEN_DATA_GRANT_PREFIX: z
    .string()
    .regex(/^360G-[A-Za-z0-9-]+$/)
    .default('360G-zhas'),
  OPEN_DATA_WEBSITE: z.url().default('https://zhasproject.kz'),
  OPEN_DATA_LICENCE: z.url().default('https://creativecommons.org/licenses/by/4.0/'),
  /** The day the programme ended, if it has (the IATI activity is then closed). */
  OPEN_DATA_ENDED_ON: z.iso.date().optional(),
});

export type Config = z.infer<typeof configSchema>;
