import { baseConfigSchema, portSchema } from '@zhas/service-kit';
import { type z } from 'zod';

export const SERVICE_NAME = 'reporting';

export const configSchema = baseConfigSchema.extend({
  PORT: portSchema.default(4104),
  MONGO_DB: baseConfigSchema.shape.MONGO_DB.default('zhas-reporting'),
});

export type Config = z.infer<typeof configSchema>;
