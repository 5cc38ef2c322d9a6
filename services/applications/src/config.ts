import { notificationConfigShape } from '@zhas/notifications';
import { baseConfigSchema, personalDataConfigShape, portSchema } from '@zhas/service-kit';
import { z } from 'zod';

export const SERVICE_NAME = 'applications';

export const configSchema = baseConfigSchema.extend({
  PORT: portSchema.default(4102),
  MONGO_DB: baseConfigSchema.shape.MONGO_DB.default('zhas-applications'),
  /**
   * Key of the HMAC that makes the IIN's unique index: the index and its backups then reveal nothing without the key.
   * Set it in production (a secret); the default is for local use and tests only.
   */
  IIN_INDEX_KEY: z.string().min(16).default('zhas-applications-local-iin-index-key'),
  /** E-mail and SMS to young people (packages/notifications). */
  ...notificationConfigShape,
  /** The keys that seal participants' personal data at rest (see service-kit's personal-data.ts). */
  ...personalDataConfigShape,
});

export type Config = z.infer<typeof configSchema>;
