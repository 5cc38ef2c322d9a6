import { emailSchema, idSchema, mentorExpertiseAreas, phoneSchema, regionIdSchema } from '@zhas/contracts';
import { z } from 'zod';
import { mentorConflictReasons } from './domain';

/** A mentor as the API shows it: the profile, the projects accompanied and the conflicts declared. */
export const mentorView = z.object({
  mentorId: z.string(),
  fullName: z.string(),
  phone: z.string(),
  email: z.string(),
  regions: z.array(z.string()),
  expertise: z.array(z.enum(mentorExpertiseAreas)),
  capacity: z.number().int(),
  employerHostOrganizationIds: z.array(z.string()),
  projects: z.array(
    z.object({ projectId: z.string(), roundId: z.string(), region: z.string(), assignedAt: z.string() }),
  ),
  conflicts: z.array(
    z.object({
      projectId: z.string(),
      reason: z.enum(mentorConflictReasons),
      declaredBy: z.enum(['mentor', 'coordinator']),
      declaredAt: z.string(),
    }),
  ),
  registeredAt: z.string(),
  version: z.number().int(),
});

/** What a mentor fills in about themselves. */
export const profileBody = z.object({
  fullName: z.string().trim().min(2).max(200),
  phone: phoneSchema,
  email: emailSchema,
  regions: z
    .array(regionIdSchema)
    .min(1)
    .max(20)
    .refine((regions) => new Set(regions).size === regions.length, { message: 'Each region once' })
    .meta({ uniqueItems: true }),
  expertise: z
    .array(z.enum(mentorExpertiseAreas))
    .min(1)
    .max(mentorExpertiseAreas.length)
    .refine((areas) => new Set(areas).size === areas.length, { message: 'Each area once' })
    .meta({ uniqueItems: true }),
  capacity: z.int().min(1).max(50),
  employerHostOrganizationIds: z.array(idSchema).max(10).default([]),
});
