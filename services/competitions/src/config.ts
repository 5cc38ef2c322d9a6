import { notificationConfigShape } from '@zhas/notifications';
import { baseConfigSchema, portSchema } from '@zhas/service-kit';
import { type z } from 'zod';

export const SERVICE_NAME = 'competitions';

export const configSchema = baseConfigSchema.extend({
  PORT: portSchema.default(4101),
  MONGO_DB: baseConfigSchema.shape.MONGO_DB.default('zhas-competitions'),
  /** E-mail and SMS to staff: host organizations, reviewers, coordinators (packages/notifications). */
  ...notificationConfigShape,
});

export type Config = z.infer<typeof configSchema>;
