import { idSchema, instantSchema } from '@zhas/contracts';
import { z } from 'zod';
import { recoveryReasons, stipendConditions, stipendStatuses } from './domain';

export const isoDate = z.iso.date();
const instant = instantSchema;

export const trancheView = z.object({
  trancheId: idSchema,
  version: z.int(),
  projectId: idSchema,
  trancheNumber: z.int(),
  amountKzt: z.int(),
  payeeParticipantId: idSchema,
  status: z.enum(['scheduled', 'payable', 'disbursed']),
  basis: z.enum(['agreement-signed', 'mid-term-report-accepted']).optional(),
  payableAt: instant.optional(),
  disbursedOn: isoDate.optional(),
  disbursedAt: instant.optional(),
});

export const stipendView = z.object({
  stipendId: idSchema,
  version: z.int(),
  projectId: idSchema,
  roundId: idSchema,
  region: z.string(),
  participantId: idSchema,
  projectMonth: z.int(),
  status: z.enum(stipendStatuses),
  rateCategory: z.enum(['graduate', 'other']).optional(),
  amountKzt: z.int().optional(),
  payableAt: instant.optional(),
  paidOn: isoDate.optional(),
  paidAt: instant.optional(),
});

export const recoveryView = z.object({
  recoveryId: idSchema,
  version: z.int(),
  projectId: idSchema,
  reason: z.enum(recoveryReasons),
  amountKzt: z.int(),
  status: z.enum(['open', 'settled']),
  openedAt: instant,
  outcome: z.enum(['recovered', 'partially-recovered', 'written-off']).optional(),
  recoveredAmountKzt: z.int().optional(),
  writtenOffAmountKzt: z.int().optional(),
  settledAt: instant.optional(),
});

export const memberStipendMonthView = z.object({
  projectMonth: z.int(),
  status: z.enum([...stipendStatuses, 'withheld', 'pending']),
  reasons: z
    .array(z.enum(stipendConditions))
    .meta({ description: 'Why nothing is earned for the month (yet).' }),
  stipendId: idSchema.optional(),
  rateCategory: z.enum(['graduate', 'other']).optional(),
  amountKzt: z.int().optional(),
  payableAt: instant.optional(),
  paidOn: isoDate.optional(),
});
