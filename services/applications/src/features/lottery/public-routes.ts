import { verifyDraw } from '@zhas/lottery';
import { idSchema } from '@zhas/contracts';
import { type Api } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import * as commands from './commands';
import { lotteryIdOf } from './domain';
import {
  lotteryParams,
  type lotteryView,
  publicView,
  regionParams,
  seedField,
  verificationView,
} from './schemas';

const tags = ['lottery'];

/** What anyone may read of a published draw, and the re-runs that let them check it. */
export function declarePublicRoutes(api: Api, app: ApplicationsContext, lottery: typeof lotteryView): void {
  /** A 200 answer with the published lottery, by its id or by its round and region. */
  const published = async (lotteryId: string) => ({
    status: 200 as const,
    body: publicView((await commands.readPublishedLottery(app, lotteryId)).state),
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
    handler: ({ params }) => published(params.lotteryId),
  });

  api.route({
    method: 'get',
    path: '/rounds/{roundId}/regions/{region}/lottery',
    summary: "The region's published lottery",
    tags,
    auth: 'public',
    params: regionParams,
    responses: { 200: { description: 'The lottery', schema: lottery } },
    handler: ({ params }) => published(lotteryIdOf(params.roundId, params.region)),
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
