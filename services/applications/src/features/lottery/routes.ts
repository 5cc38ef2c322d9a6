import { type Api, actHandler, idempotencyKeyHeader, paginationQuery, shown } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import * as commands from './commands';
import { declarePublicRoutes } from './public-routes';
import {
  drawView,
  lotteryParams,
  lotteryView,
  preparationView,
  regionParams,
  seedField,
  stepAnswer,
  stepOf,
  stepView,
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
    handler: actHandler(app, 'lotteryId', commands.runDraw, stepAnswer),
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
    handler: actHandler(app, 'lotteryId', commands.publishDraw, (published) => shown(drawView(published))),
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
    // Not `once`, whose fingerprint is { params, body }: this route's kept requests are fingerprinted by the params
    // and body merged, and a retry with a key used before must still find its first answer.
    handler: ({ params, headers, body, principal, requestId }) =>
      app.idempotent(
        {
          scope: `lottery-draw:${principal.subject}`,
          key: headers['Idempotency-Key'],
          payload: { ...params, ...body },
        },
        async () => {
          const drawn = await commands.drawLottery(app, principal, { ...params, ...body }, requestId);
          return { status: 201 as const, body: drawView(drawn) };
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
    handler: actHandler(app, 'lotteryId', commands.completeOutcomes, (decidedBids) => shown({ decidedBids })),
  });

  declarePublicRoutes(api, app, lottery);
}
