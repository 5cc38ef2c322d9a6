import { baseConfigSchema, portSchema } from '@zhas/service-kit';
import { type z } from 'zod';

export const SERVICE_NAME = 'applications';

export const configSchema = baseConfigSchema.extend({
  PORT: portSchema.default(4102),
  MONGO_DB: baseConfigSchema.shape.MONGO_DB.default('zhas-applications'),
});

export type Config = z.infer<typeof configSchema>;
