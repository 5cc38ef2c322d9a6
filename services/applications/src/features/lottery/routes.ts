import { idSchema, regionIdSchema } from '@zhas/contracts';
import { verifyDraw } from '@zhas/lottery';
import { type Api, idempotencyKeyHeader, paginatedResponse, paginationQuery } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import * as commands from './commands';
import { type LotteryState, lotteryIdOf, statusOf } from './domain';

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
  candidateRegistrationNumbers: z
    .array(z.string())
    .meta({ description: 'Registration number of each candidate, in the order of candidateBidIds.' }),
  winnerBidIds: z.array(z.string()),
  drawnAt: z.string(),
  publishedAt: z.string(),
});

/** The published lottery as everyone sees it (no names: ids and registration numbers only). */
function publicView(lottery: LotteryState) {
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

const stepView = z.object({
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

function stepOf(saved: { state: LotteryState; version: number }) {
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

const verificationView = z.object({
  agrees: z.boolean(),
  algorithmAgrees: z.boolean(),
  candidatesSorted: z.boolean(),
  hashAgrees: z.boolean(),
  winnersAgree: z.boolean(),
  recomputedCandidateListHash: z.string(),
  recomputedWinnerBidIds: z.array(z.string()),
});

const preparationView = z.object({
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

const regionParams = z.object({ roundId: idSchema, region: regionIdSchema });
const lotteryParams = z.object({ lotteryId: idSchema });
const tags = ['lottery'];

export function declareRoutes(api: Api, app: ApplicationsContext): void {
  const lottery = api.schema('Lottery', lotteryView);
  const step = api.schema('LotteryStep', stepView);

  api.route({
    method: 'put',
    path: '/rounds/{roundId}/regions/{region}/lottery/seed',
    summary: "Fix the seed of the region's lottery",
    description:
      'Once: a fixed seed never changes, so that nobody can try seeds until one gives the draw they want. Kept ' +
      'private until the draw is published.',
    tags,
    auth: { roles: ['coordinator'] },
    params: regionParams,
    body: z.object({ seed: seedField }),
    responses: {
      201: { description: 'Fixed', schema: step },
      409: { description: 'Fixed already, or drawn already' },
    },
    handler: async ({ params, body, principal, requestId }) => ({
      status: 201,
      body: stepOf(await commands.fixSeed(app, principal, { ...params, ...body }, requestId)),
    }),
  });

  api.route({
    method: 'get',
    path: '/rounds/{roundId}/regions/{region}/lottery/preparation',
    summary: "The region's lottery before and after the draw, for its coordinators",
    description:
      'The step it is in, the seed if fixed, the quota, the bids still in review, and the candidates (a page, with ' +
      'the count and hash of the whole list): the qualified bids as they stand, or the list the draw froze.',
    tags,
    auth: { roles: ['coordinator'] },
    params: regionParams,
    query: paginationQuery,
    responses: { 200: { description: 'The preparation', schema: preparationView } },
    handler: async ({ params, query, principal }) => ({
      status: 200,
      body: await commands.preparation(app, principal, params, query),
    }),
  });

  api.route({
    method: 'post',
    path: '/lotteries/{lotteryId}/draw',
    summary: 'Run the draw with the fixed seed',
    description:
      'After the youth window closes and with no bid of the region still in review. Freezes the candidates (the ' +
      "region's qualified bids, sorted by id) with their hash and computes the winners with the documented " +
      'sha256-ctr-fisher-yates-v1 procedure. Nothing is public until the draw is published.',
    tags,
    auth: { roles: ['coordinator'] },
    params: lotteryParams,
    responses: {
      200: { description: 'Drawn', schema: step },
      409: { description: 'Drawn already, window still open, or reviews pending' },
    },
    handler: async ({ params, principal, requestId }) => ({
      status: 200,
      body: stepOf(await commands.runDraw(app, principal, params.lotteryId, requestId)),
    }),
  });

  api.route({
    method: 'post',
    path: '/lotteries/{lotteryId}/publish',
    summary: 'Publish the draw and decide the bids of the region',
    description:
      'Publishes lottery drawn (the seed, the candidates, their hash and the winners), then awards the winners and ' +
      'tells the other bids of the region why they were not. Publishing again completes an interrupted run.',
    tags,
    auth: { roles: ['coordinator'] },
    params: lotteryParams,
    responses: {
      200: { description: 'Published', schema: z.object({ lottery, decidedBids: z.number().int() }) },
      409: { description: 'Not drawn yet' },
    },
    handler: async ({ params, principal, requestId }) => {
      const { lottery: published, decidedBids } = await commands.publishDraw(
        app,
        principal,
        params.lotteryId,
        requestId,
      );
      return { status: 200, body: { lottery: publicView(published), decidedBids } };
    },
  });

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/regions/{region}/lottery',
    summary: "Fix the seed, draw the region's lottery, publish it and decide its bids, at once",
    description:
      'The three steps (PUT .../lottery/seed, POST /lotteries/{id}/draw, POST /lotteries/{id}/publish) in one ' +
      'call, for a seed fixed on the day of the draw.',
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
      409: { description: 'Seed fixed or drawn already, window still open, or reviews pending' },
    },
    handler: ({ params, headers, body, principal, requestId }) =>
      app.idempotent(
        {
          scope: `lottery-draw:${principal.subject}`,
          key: headers['Idempotency-Key'],
          payload: { ...params, ...body },
        },
        async () => {
          const drawn = await commands.drawLottery(app, principal, { ...params, ...body }, requestId);
          return {
            status: 201 as const,
            body: { lottery: publicView(drawn.lottery), decidedBids: drawn.decidedBids },
          };
        },
      ),
  });

  api.route({
    method: 'post',
    path: '/lotteries/{lotteryId}/outcomes',
    summary: 'Apply a published lottery to the bids it has not decided yet',
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
    summary: 'A published lottery: seed, sorted candidates, their hash and the winners',
    description: 'Public, so that anyone can repeat the draw. A lottery not published yet is not found.',
    tags,
    auth: 'public',
    params: lotteryParams,
    responses: { 200: { description: 'The lottery', schema: lottery } },
    handler: async ({ params }) => ({
      status: 200,
      body: publicView((await commands.readPublishedLottery(app, params.lotteryId)).state),
    }),
  });

  api.route({
    method: 'get',
    path: '/rounds/{roundId}/regions/{region}/lottery',
    summary: "The region's published lottery",
    tags,
    auth: 'public',
    params: regionParams,
    responses: { 200: { description: 'The lottery', schema: lottery } },
    handler: async ({ params }) => ({
      status: 200,
      body: publicView(
        (await commands.readPublishedLottery(app, lotteryIdOf(params.roundId, params.region))).state,
      ),
    }),
  });

  api.route({
    method: 'get',
    path: '/rounds/{roundId}/lotteries',
    summary: "The round's published lotteries, region by region",
    description:
      'Public: the round (year, title) and, per region with a published draw, its quota and counts.',
    tags,
    auth: 'public',
    params: z.object({ roundId: idSchema }),
    responses: {
      200: {
        description: 'The published lotteries',
        schema: z.object({
          roundId: z.string(),
          year: z.number().int(),
          title: z.object({ kk: z.string(), ru: z.string(), en: z.string() }).optional(),
          items: z.array(
            z.object({
              lotteryId: z.string(),
              region: z.string(),
              quota: z.number().int(),
              candidateCount: z.number().int(),
              winnerCount: z.number().int(),
              publishedAt: z.string(),
            }),
          ),
        }),
      },
    },
    handler: async ({ params }) => ({ status: 200, body: await commands.listPublished(app, params.roundId) }),
  });

  api.route({
    method: 'get',
    path: '/lotteries/{lotteryId}/verification',
    summary: 'Re-run a published lottery from its seed and candidates',
    tags,
    auth: 'public',
    params: lotteryParams,
    responses: { 200: { description: 'Whether the re-run agrees', schema: verificationView } },
    handler: async ({ params }) => ({
      status: 200,
      body: await verifyDraw((await commands.readPublishedLottery(app, params.lotteryId)).state),
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
    handler: async ({ body }) => ({ status: 200, body: await verifyDraw(body) }),
  });
}
