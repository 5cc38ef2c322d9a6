import { grievanceCategories, type GrievanceCategory } from '@zhas/contracts';
import { baseConfigSchema, personalDataConfigShape, portSchema } from '@zhas/service-kit';
import { z } from 'zod';

export const SERVICE_NAME = 'tracking';

/**
 * Days a grievance may wait for its answer, per category: `corruption=7,payments=10`; categories not named get
 * GRIEVANCE_RESPONSE_DAYS_DEFAULT. The feedback and resolution mechanism's deadlines change by policy, not code.
 */
const responseDaysSchema = z
  .string()
  .default('')
  .transform((text, context) => {
    const days: Partial<Record<GrievanceCategory, number>> = {};
    for (const entry of text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)) {
      const [category, value] = entry.split('=').map((part) => part.trim());
      const parsed = Number(value);
      if (
        !grievanceCategories.includes(category as GrievanceCategory) ||
        !Number.isInteger(parsed) ||
        parsed < 1
      ) {
        context.addIssue({ code: 'custom', message: `"${entry}" is not <category>=<days>` });
        return z.NEVER;
      }
      days[category as GrievanceCategory] = parsed;
    }
    return days;
  });

export const configSchema = baseConfigSchema.extend({
  PORT: portSchema.default(4103),
  MONGO_DB: baseConfigSchema.shape.MONGO_DB.default('zhas-tracking'),
  GRIEVANCE_RESPONSE_DAYS_DEFAULT: z.coerce.number().int().min(1).max(365).default(15),
  GRIEVANCE_RESPONSE_DAYS: responseDaysSchema,
  /** The keys that seal grievance contacts at rest, the same as applications' (service-kit's personal-data.ts). */
  ...personalDataConfigShape,
});

export type Config = z.infer<typeof configSchema>;
