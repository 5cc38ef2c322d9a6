import {
  bidCheckReasonCodes,
  reviewerRoleSchema,
  notAwardedReasons,
  withdrawalReasons,
} from '@zhas/contracts';
import { idSchema } from '@zhas/contracts';
import { type Aggregate } from '@zhas/messaging';
import { z } from 'zod';
import { activitySchema, budgetLineSchema } from './content';
import { type BidState, bidStatuses } from './domain';

// The bid endpoints' parameters and response schemas (and the OpenAPI document), beside the views they check.

export const bidParams = z.object({ bidId: idSchema });

/** A bid as the API shows it: its state, when it was started, its history and its version. */
export const bidViewOf = (saved: Aggregate<BidState>) => ({
  ...saved.state,
  startedAt: saved.createdAt.toISOString(),
  history: saved.state.history ?? [],
  version: saved.version,
});

/** A 200 answer with the bid. */
export const bidAnswer = (saved: Aggregate<BidState>) => ({ status: 200 as const, body: bidViewOf(saved) });

/** A 201 answer with the bid just started or reviewed. */
export const bidCreated = (saved: Aggregate<BidState>) => ({ status: 201 as const, body: bidViewOf(saved) });

const checkReasonSchema = z.object({ code: z.enum(bidCheckReasonCodes), field: z.string().nullable() });

export const bidContentView = z.object({
  title: z.string(),
  problem: z.string(),
  goal: z.string(),
  beneficiaries: z.string(),
  plannedBeneficiaries: z.number().nullable(),
  activities: z.array(activitySchema),
  budgetLines: z.array(budgetLineSchema),
  requestedAmountKzt: z.number().nullable(),
  durationMonths: z.number().nullable(),
  nonCommercialDeclared: z.boolean(),
});

/** Which bid, of which team, and where it stands. */
const bidOfTeamFields = {
  bidId: z.string(),
  registrationNumber: z.string(),
  teamId: z.string(),
  roundId: z.string(),
  region: z.string(),
  hostOrganizationId: z.string().nullable(),
  status: z.enum(bidStatuses),
};

/** What the selection decided for the bid (null until then). */
const decisionFields = {
  notAwardedReason: z.enum(notAwardedReasons).nullable(),
  awardedAmountKzt: z.number().nullable(),
  decidedAt: z.string().nullable(),
};

export const bidView = z.object({
  ...bidOfTeamFields,
  content: bidContentView,
  submissionNumber: z.number().int(),
  submittedAt: z.string().nullable(),
  checkReasons: z.array(checkReasonSchema),
  checkedAt: z.string().nullable(),
  reviews: z.array(
    z.object({
      reviewId: z.string(),
      reviewerId: z.string(),
      reviewerRole: reviewerRoleSchema,
      criteria: z.array(z.object({ code: z.string(), score: z.number(), comment: z.string() })),
      totalScore: z.number(),
      reviewedAt: z.string(),
    }),
  ),
  averageScore: z.number().nullable(),
  lotteryId: z.string().nullable(),
  ...decisionFields,
  withdrawalReason: z.enum(withdrawalReasons).nullable(),
  startedAt: z.string().meta({ description: 'When the draft was started.' }),
  history: z
    .array(
      z.object({
        step: z.enum(['submitted', ...bidStatuses.filter((status) => status !== 'draft')]),
        at: z.string(),
        submissionNumber: z.number().int(),
      }),
    )
    .meta({ description: 'Its submissions and the statuses it reached, oldest first.' }),
  version: z.number().int(),
});

export const bidSummaryView = z.object({
  ...bidOfTeamFields,
  submissionNumber: z.number().int(),
  requestedAmountKzt: z.number().nullable(),
  reviewCount: z.number().int(),
  averageScore: z.number().nullable(),
  ...decisionFields,
});

export const bidStatusView = z.object({
  bidId: z.string(),
  registrationNumber: z.string(),
  roundId: z.string(),
  region: z.string(),
  status: z.enum(bidStatuses),
  submissionNumber: z.number().int(),
  submittedAt: z.string().nullable(),
  checkReasons: z.array(checkReasonSchema),
  reviewCount: z.number().int(),
  averageScore: z.number().nullable(),
  lotteryId: z.string().nullable(),
  ...decisionFields,
});
