import { idSchema, regionIdSchema } from '@zhas/contracts';
import { paginatedResponse } from '@zhas/service-kit';
import { z } from 'zod';
import { type LotteryState, statusOf } from './domain';

// Request and response schemas of the lottery endpoints (and the OpenAPI document), and the views they describe.

export const seedField = z
  .string()
  .regex(/^[0-9a-f]{32,128}$/, '32-128 lowercase hex characters')
  .meta({ description: 'Fixed by the coordinator, e.g. from a public source drawn on the day; published.' });

export const lotteryView = z.object({
  lotteryId: z.string(),
  roundId: z.string(),
  region: z.string(),
  algorithm: z.string(),
  seed: z.string(),
  candidateListHash: z.string(),
  quota: z.number().int(),
  candidateBidIds: z.array(z.string()),
  candidateRegistrationNumbers: z
    .array(z.string())
    .meta({ description: 'Registration number of each candidate, in the order of candidateBidIds.' }),
  winnerBidIds: z.array(z.string()),
  drawnAt: z.string(),
  publishedAt: z.string(),
});

/** The published lottery as everyone sees it (no names: ids and registration numbers only). */
export function publicView(lottery: LotteryState) {
  return {
    lotteryId: lottery.lotteryId,
    roundId: lottery.roundId,
    region: lottery.region,
    algorithm: lottery.algorithm,
    seed: lottery.seed,
    candidateListHash: lottery.candidateListHash,
    quota: lottery.quota,
    candidateBidIds: [...lottery.candidateBidIds],
    candidateRegistrationNumbers: [...(lottery.candidateRegistrationNumbers ?? [])],
    winnerBidIds: [...lottery.winnerBidIds],
    drawnAt: lottery.drawnAt,
    publishedAt: lottery.publishedAt ?? lottery.drawnAt,
  };
}

export const stepView = z.object({
  lotteryId: z.string(),
  roundId: z.string(),
  region: z.string(),
  status: z.enum(['seed-fixed', 'drawn', 'published']),
  seed: z.string(),
  seedFixedAt: z.string().nullable(),
  quota: z.number().int(),
  candidateCount: z.number().int(),
  candidateListHash: z.string(),
  winnerBidIds: z.array(z.string()),
  drawnAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
});

/** A 200 answer with the lottery's step. */
export const stepAnswer = (saved: { state: LotteryState; version: number }) => ({
  status: 200 as const,
  body: stepOf(saved),
});

/** The published lottery with how many bids its publication decided. */
export const drawView = ({
  lottery,
  decidedBids,
}: {
  readonly lottery: LotteryState;
  readonly decidedBids: number;
}) => ({
  lottery: publicView(lottery),
  decidedBids,
});

export function stepOf(saved: { state: LotteryState; version: number }) {
  const { state } = saved;
  const status = statusOf(state);
  return {
    lotteryId: state.lotteryId,
    roundId: state.roundId,
    region: state.region,
    status,
    seed: state.seed,
    seedFixedAt: state.seedFixedAt ?? null,
    quota: state.quota,
    candidateCount: state.candidateBidIds.length,
    candidateListHash: state.candidateListHash,
    winnerBidIds: [...state.winnerBidIds],
    drawnAt: status === 'seed-fixed' ? null : state.drawnAt,
    publishedAt: state.publishedAt ?? (status === 'published' ? state.drawnAt : null),
    version: saved.version,
  };
}

export const verificationView = z.object({
  agrees: z.boolean(),
  algorithmAgrees: z.boolean(),
  candidatesSorted: z.boolean(),
  hashAgrees: z.boolean(),
  winnersAgree: z.boolean(),
  recomputedCandidateListHash: z.string(),
  recomputedWinnerBidIds: z.array(z.string()),
});

export const preparationView = z.object({
  lotteryId: z.string(),
  roundId: z.string(),
  region: z.string(),
  status: z.enum(['not-started', 'seed-fixed', 'drawn', 'published']),
  seed: z.string().nullable(),
  seedFixedAt: z.string().nullable(),
  quota: z.number().int(),
  youthWindowClosesAt: z.string(),
  bidsInReview: z.number().int(),
  candidateCount: z.number().int(),
  candidateListHash: z
    .string()
    .meta({ description: 'Of the whole list: as it stands, or as frozen by the draw.' }),
  winnerBidIds: z.array(z.string()),
  drawnAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  candidates: paginatedResponse(
    z.object({
      bidId: z.string(),
      registrationNumber: z.string(),
      averageScore: z.number().nullable(),
      winner: z.boolean(),
    }),
  ),
});

export const regionParams = z.object({ roundId: idSchema, region: regionIdSchema });
export const lotteryParams = z.object({ lotteryId: idSchema });
