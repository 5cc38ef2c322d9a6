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
});

export type Config = z.infer<typeof configSchema>;
