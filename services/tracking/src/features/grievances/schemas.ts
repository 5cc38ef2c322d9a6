import {
  emailSchema,
  grievanceCategorySchema,
  grievanceChannelSchema,
  idSchema,
  instantSchema,
  phoneSchema,
} from '@zhas/contracts';
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
