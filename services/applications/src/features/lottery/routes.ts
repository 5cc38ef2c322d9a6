import { idSchema, regionIdSchema } from '@zhas/contracts';
import { type Api, idempotencyKeyHeader } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import * as commands from './commands';
import { lotteryIdOf } from './domain';
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

const regionParams = z.object({ roundId: idSchema, region: regionIdSchema });
const lotteryParams = z.object({ lotteryId: idSchema });
const tags = ['lottery'];

export function declareRoutes(api: Api, app: ApplicationsContext): void {
  const lottery = api.schema('Lottery', lotteryView);

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/regions/{region}/lottery',
    summary: "Draw the region's lottery and decide its bids",
    description:
      'After the youth window closes and every bid of the region is decided on review. Among the qualified bids, ' +
      "sorted by id, fills the region's quota with the documented sha256-ctr-fisher-yates-v1 procedure from the " +
      'seed and the candidate list hash; publishes lottery drawn, then awards the winners and tells the others.',
    tags,
    auth: { roles: ['coordinator'] },
    params: regionParams,
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
      app.idempotent(
        {
          scope: `lottery-draw:${principal.subject}`,
          key: headers['Idempotency-Key'],
          payload: { ...params, ...body },
        },
        async () => ({
          status: 201 as const,
          body: await commands.drawLottery(app, principal, { ...params, ...body }, requestId),
        }),
      ),
  });

  api.route({
    method: 'post',
    path: '/lotteries/{lotteryId}/outcomes',
    summary: 'Apply a drawn lottery to the bids it has not decided yet',
    description: 'Completes the awards after an interruption; bids already decided are left as they are.',
    tags,
    auth: { roles: ['coordinator'] },
    params: lotteryParams,
    responses: { 200: { description: 'Applied', schema: z.object({ decidedBids: z.number().int() }) } },
    handler: async ({ params, principal, requestId }) => ({
      status: 200,
      body: { decidedBids: await commands.completeOutcomes(app, principal, params.lotteryId, requestId) },
    }),
  });

  api.route({
    method: 'get',
    path: '/lotteries/{lotteryId}',
    summary: 'A drawn lottery: seed, sorted candidates, their hash and the winners',
    description: 'Public, so that anyone can repeat the draw.',
    tags,
    auth: 'public',
    params: lotteryParams,
    responses: { 200: { description: 'The lottery', schema: lottery } },
    handler: async ({ params }) => ({
      status: 200,
      body: (await commands.readLottery(app, params.lotteryId)).state,
    }),
  });

  api.route({
    method: 'get',
    path: '/rounds/{roundId}/regions/{region}/lottery',
    summary: "The region's lottery",
    tags,
    auth: 'public',
    params: regionParams,
    responses: { 200: { description: 'The lottery', schema: lottery } },
    handler: async ({ params }) => ({
      status: 200,
      body: (await commands.readLottery(app, lotteryIdOf(params.roundId, params.region))).state,
    }),
  });

  api.route({
    method: 'get',
    path: '/lotteries/{lotteryId}/verification',
    summary: 'Re-run a drawn lottery from its published seed and candidates',
    tags,
    auth: 'public',
    params: lotteryParams,
    responses: { 200: { description: 'Whether the re-run agrees', schema: verificationView } },
    handler: async ({ params }) => ({
      status: 200,
      body: verifyDraw((await commands.readLottery(app, params.lotteryId)).state),
    }),
  });

  api.route({
    method: 'post',
    path: '/lotteries/verification',
    summary: 'Re-run any published draw',
    description:
      'Give the published algorithm, seed, candidates, hash, quota and winners; the service re-runs it.',
    tags,
    auth: 'public',
    body: z.object({
      algorithm: z.string().min(1).max(64),
      seed: seedField,
      candidateBidIds: z.array(idSchema).max(100_000),
      candidateListHash: z.string().regex(/^[0-9a-f]{64}$/, 'A lowercase hex SHA-256'),
      quota: z.int().min(0).max(100_000),
      winnerBidIds: z.array(idSchema).max(100_000),
    }),
    responses: { 200: { description: 'Whether the re-run agrees', schema: verificationView } },
    handler: ({ body }) => ({ status: 200, body: verifyDraw(body) }),
  });
}
