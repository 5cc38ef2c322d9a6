import {
  emailSchema,
  grievanceCategorySchema,
  grievanceChannelSchema,
  idSchema,
  instantSchema,
  phoneSchema,
} from '@zhas/contracts';
import { regionIdSchema } from '@zhas/kz';
import { z } from 'zod';
import { grievanceOutcomes, grievanceStatuses } from './domain';

export const instant = instantSchema;

export const contactSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    phone: phoneSchema.optional(),
    email: emailSchema.optional(),
  })
  .meta({ description: 'Optional: how to reach the person. Seen by coordinators only; never published.' });

/** A grievance as the API answers it; the routes add `overdue` from the clock. */
export const grievanceView = z.object({
  grievanceId: idSchema,
  version: z.int(),
  category: grievanceCategorySchema,
  channel: grievanceChannelSchema,
  region: z.string(),
  roundId: idSchema.optional(),
  projectId: idSchema.optional(),
  description: z.string(),
  contact: contactSchema.optional(),
  status: z.enum(grievanceStatuses),
  lodgedAt: instant,
  responseDueOn: z.iso.date(),
  overdue: z.boolean().meta({ description: 'Not resolved, and the due date has passed (Kazakhstan time).' }),
  assigneeId: idSchema.optional(),
  assignedAt: instant.optional(),
  answer: z.string().optional(),
  answeredAt: instant.optional(),
  outcome: z.enum(grievanceOutcomes).optional(),
  resolvedAt: instant.optional(),
});

/** What a person (or staff on their behalf) sends to lodge a grievance. */
export const lodgeBody = z.object({
  category: grievanceCategorySchema,
  channel: grievanceChannelSchema.default('portal'),
  region: regionIdSchema,
  roundId: idSchema.optional(),
  projectId: idSchema.optional(),
  description: z.string().trim().min(1).max(4000),
  contact: contactSchema.optional(),
});

/** The answer to a lodged grievance: its reference, the tracking code (shown once) and when the answer is due. */
export const lodgedView = z.object({
  grievanceId: idSchema,
  trackingCode: z.string().meta({
    description:
      'Given once, kept nowhere: the person follows the grievance with it at /grievances/status/{trackingCode}.',
    example: '7KQ2-M9XD-4TRB',
  }),
  status: z.enum(grievanceStatuses),
  responseDueOn: z.iso.date(),
});

/** Where a grievance stands, for whoever holds its tracking code: no description, no contact. */
export const grievanceStatusView = z.object({
  category: grievanceCategorySchema,
  status: z.enum(grievanceStatuses),
  lodgedAt: instant,
  responseDueOn: z.iso.date(),
  overdue: z.boolean(),
  answer: z.string().optional(),
  answeredAt: instant.optional(),
  outcome: z.enum(grievanceOutcomes).optional(),
  resolvedAt: instant.optional(),
});
