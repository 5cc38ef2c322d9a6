import { ConcurrencyConflict } from '@zhas/messaging';
import { type Api, idempotencyKeyHeader, problems } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import { load, retryOnConflict } from '../../shared/retry';
import { idField } from '../bids/schemas';
import { type LotteryState, bidOutcome, drawLottery, lotteryIdOf } from './domain';
import { verifyDraw } from './draw';

const seedField = z
  .string()
  .regex(/^[0-9a-f]{32,128}$/, '32-128 lowercase hex characters')
  .meta({ description: 'Fixed by the coordinator, e.g. from a public source drawn on the day; published.' });

const lotteryView = z.object({
  lotteryId: z.string(),
  roundId: z.string(),
  region: z.string(),
  algorithm: z.string(),
  seed: z.string(),
  candidateListHash: z.string(),
  quota: z.number().int(),
  candidateBidIds: z.array(z.string()),
  winnerBidIds: z.array(z.string()),
  drawnAt: z.string(),
});

const verificationView = z.object({
  agrees: z.boolean(),
  algorithmAgrees: z.boolean(),
  candidatesSorted: z.boolean(),
  hashAgrees: z.boolean(),
  winnersAgree: z.boolean(),
  recomputedCandidateListHash: z.string(),
  recomputedWinnerBidIds: z.array(z.string()),
});

export function declareLotteryRoutes(api: Api, context: ApplicationsContext): void {
  const { bids, teams, rounds, lotteries, now } = context;
  const lottery = api.schema('Lottery', lotteryView);

  /**
   * Applies the drawn lottery to every bid of its region, one bid at a time (no transactions): winners awarded,
   * the others told why. Bids already decided are skipped, so running it again after a crash completes the work.
   */
  const applyOutcomes = async (drawn: LotteryState, requestId: string): Promise<number> => {
    const ids = await bids.idsOf({
      roundId: drawn.roundId,
      region: drawn.region,
      status: ['qualified', 'not-qualified', 'check-failed'],
    });
    let decided = 0;
    for (const bidId of ids) {
      const changed = await retryOnConflict(async () => {
        const at = now();
        const current = await bids.get(bidId);
        const team = (await teams.get(current.state.teamId)).state;
        const decision = bidOutcome(current.state, drawn, team, at);
        if (!decision) return false;
        await bids.store.update(current.id, current.version, decision.state, decision.events, {
          correlationId: requestId,
          causationId: drawn.lotteryId,
          now: at,
        });
        return true;
      });
      if (changed) decided += 1;
    }
    return decided;
  };

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/regions/{region}/lottery',
    summary: "Draw the region's lottery and decide its bids",
    description:
      'After the youth window closes and every bid of the region is decided on review. Among the qualified bids, ' +
      "sorted by id, fills the region's quota with the documented sha256-ctr-fisher-yates-v1 procedure from the " +
      'seed and the candidate list hash; publishes lottery drawn, then awards the winners and tells the others.',
    tags: ['lottery'],
    auth: { roles: ['coordinator'] },
    params: z.object({ roundId: idField, region: z.string().min(1).max(64) }),
    headers: idempotencyKeyHeader,
    body: z.object({ seed: seedField }),
    responses: {
      201: {
        description: 'Drawn; outcomes applied',
        schema: z.object({ lottery, decidedBids: z.number().int() }),
      },
      409: { description: 'Drawn already, window still open, or reviews pending' },
    },
    handler: ({ params, headers, body, principal, requestId }) =>
      context.idempotent(
        {
          scope: `lottery-draw:${principal.subject}`,
          key: headers['Idempotency-Key'],
          payload: { ...params, ...body },
        },
        async () => {
          const at = now();
          const round = await rounds.get(params.roundId);
          const decision = drawLottery(
            principal,
            {
              region: params.region,
              seed: body.seed,
              candidateBidIds: await bids.idsOf({ ...params, status: 'qualified' }),
              bidsInReview: (await bids.idsOf({ ...params, status: 'in-review' })).length,
            },
            round,
            at,
          );
          try {
            await lotteries.create(decision.state.lotteryId, decision.state, decision.events, {
              correlationId: requestId,
              now: at,
            });
          } catch (error) {
            if (error instanceof ConcurrencyConflict) {
              throw problems.conflict(
                '/problems/lottery-already-drawn',
                "The region's lottery is drawn already.",
                {
                  lotteryId: decision.state.lotteryId,
                },
              );
            }
            throw error;
          }
          const decidedBids = await applyOutcomes(decision.state, requestId);
          return { status: 201 as const, body: { lottery: decision.state, decidedBids } };
        },
      ),
  });

  api.route({
    method: 'post',
    path: '/lotteries/{lotteryId}/outcomes',
    summary: 'Apply a drawn lottery to the bids it has not decided yet',
    description: 'Completes the awards after an interruption; bids already decided are left as they are.',
    tags: ['lottery'],
    auth: { roles: ['coordinator'] },
    params: z.object({ lotteryId: idField }),
    responses: { 200: { description: 'Applied', schema: z.object({ decidedBids: z.number().int() }) } },
    handler: async ({ params, principal, requestId }) => {
      const found = await load(lotteries, 'Lottery', params.lotteryId);
      if (principal.regions !== undefined && !principal.regions.includes(found.state.region)) {
        throw problems.forbidden(`Your access does not cover region ${found.state.region}.`);
      }
      return { status: 200, body: { decidedBids: await applyOutcomes(found.state, requestId) } };
    },
  });

  api.route({
    method: 'get',
    path: '/lotteries/{lotteryId}',
    summary: 'A drawn lottery: seed, sorted candidates, their hash and the winners',
    description: 'Public, so that anyone can repeat the draw.',
    tags: ['lottery'],
    auth: 'public',
    params: z.object({ lotteryId: idField }),
    responses: { 200: { description: 'The lottery', schema: lottery } },
    handler: async ({ params }) => {
      const found = await load(lotteries, 'Lottery', params.lotteryId);
      return { status: 200, body: found.state };
    },
  });

  api.route({
    method: 'get',
    path: '/rounds/{roundId}/regions/{region}/lottery',
    summary: "The region's lottery",
    tags: ['lottery'],
    auth: 'public',
    params: z.object({ roundId: idField, region: z.string().min(1).max(64) }),
    responses: { 200: { description: 'The lottery', schema: lottery } },
    handler: async ({ params }) => {
      const found = await load(lotteries, 'Lottery', lotteryIdOf(params.roundId, params.region));
      return { status: 200, body: found.state };
    },
  });

  api.route({
    method: 'get',
    path: '/lotteries/{lotteryId}/verification',
    summary: 'Re-run a drawn lottery from its published seed and candidates',
    tags: ['lottery'],
    auth: 'public',
    params: z.object({ lotteryId: idField }),
    responses: { 200: { description: 'Whether the re-run agrees', schema: verificationView } },
    handler: async ({ params }) => {
      const found = await load(lotteries, 'Lottery', params.lotteryId);
      return { status: 200, body: verifyDraw(found.state) };
    },
  });

  api.route({
    method: 'post',
    path: '/lotteries/verification',
    summary: 'Re-run any published draw',
    description:
      'Give the published algorithm, seed, candidates, hash, quota and winners; the service re-runs it.',
    tags: ['lottery'],
    auth: 'public',
    body: z.object({
      algorithm: z.string().min(1).max(64),
      seed: seedField,
      candidateBidIds: z.array(idField).max(100_000),
      candidateListHash: z.string().regex(/^[0-9a-f]{64}$/, 'A lowercase hex SHA-256'),
      quota: z.int().min(0).max(100_000),
      winnerBidIds: z.array(idField).max(100_000),
    }),
    responses: { 200: { description: 'Whether the re-run agrees', schema: verificationView } },
    handler: ({ body }) => ({ status: 200, body: verifyDraw(body) }),
  });
}
