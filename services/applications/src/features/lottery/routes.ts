import { verifyDraw } from '@zhas/lottery';
import { idSchema } from '@zhas/contracts';
import { type Api, idempotencyKeyHeader, paginationQuery } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import * as commands from './commands';
import { lotteryIdOf } from './domain';
import {
  lotteryParams,
  lotteryView,
  preparationView,
  publicView,
  regionParams,
  seedField,
  stepOf,
  stepView,
  verificationView,
} from './schemas';

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
