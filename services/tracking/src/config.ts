import { baseConfigSchema, portSchema } from '@zhas/service-kit';
import { type z } from 'zod';

export const SERVICE_NAME = 'tracking';

export const configSchema = baseConfigSchema.extend({
  PORT: portSchema.default(4103),
  MONGO_DB: baseConfigSchema.shape.MONGO_DB.default('zhas-tracking'),
});

export type Config = z.infer<typeof configSchema>;
