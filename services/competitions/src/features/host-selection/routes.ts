import { idSchema, hostRejectionReasons } from '@zhas/contracts';
import { regionIdSchema } from '@zhas/kz';
import {
  type Api,
  shown,
  idempotencyKeyHeader,
  once,
  pageOfList,
  paginatedResponse,
  paginationQuery,
  queryList,
} from '@zhas/service-kit';
import { z } from 'zod';
import { type CompetitionsContext } from '../../shared/context';
import * as commands from './commands';

const outcomeSchema = z.object({
  hostApplicationId: z.string(),
  hostOrganizationId: z.string(),
  outcome: z.enum(['selected', 'rejected']),
  rank: z.int().optional(),
  reason: z.enum(hostRejectionReasons).optional(),
  totalScore: z.number().optional(),
});

const rankingSchema = z.object({
  roundId: z.string(),
  region: z.string(),
  seats: z.int(),
  confirmed: z.boolean(),
  confirmedAt: z.string().optional(),
  outcomes: z.array(outcomeSchema),
  unscored: z
    .array(z.string())
    .meta({ description: 'Eligible applications nobody has scored yet: the selection waits for them.' }),
});

const selectedOrganizationSchema = z.object({
  region: z.string(),
  rank: z.int(),
  hostOrganizationId: z.string(),
  name: z.string(),
  totalScore: z.number(),
  hostApplicationId: z.string(),
  confirmedAt: z.string(),
});

// Regions of the map in force (the competition runs in real regions only).
const regionParams = z.object({ roundId: idSchema, region: regionIdSchema });
const tags = ['host-selection'];

export function declareRoutes(api: Api, app: CompetitionsContext): void {
  const ranking = api.schema('HostRanking', rankingSchema);

  api.route({
    method: 'get',
    path: '/rounds/{roundId}/regions/{region}/host-ranking',
    summary: "A region's ranking of host organizations",
    description:
      'The proposal (by score, ties to the earlier submission, up to the seats), or the confirmed selection.',
    tags,
    auth: { roles: ['coordinator', 'committee'] },
    params: regionParams,
    responses: { 200: { description: 'The ranking', schema: ranking } },
    handler: async ({ params, principal }) =>
      shown(await commands.ranking(app, principal, params.roundId, params.region)),
  });

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/regions/{region}/host-selection',
    summary: "Confirm a region's selection of host organizations",
    description:
      'After the window has closed and every eligible application is scored (409 /problems/scoring-incomplete ' +
      'otherwise). Publishes `selected` (with the rank) or `rejected` (with the reason) for each application. ' +
      'Confirming again finishes an interrupted confirmation and changes nothing else.',
    tags,
    auth: { roles: ['coordinator'] },
    params: regionParams,
    headers: idempotencyKeyHeader,
    responses: {
      200: { description: 'The selection was already confirmed', schema: ranking },
      201: { description: 'The confirmed selection', schema: ranking },
    },
    handler: (request) =>
      once(app, 'host-selection', request, async ({ params, principal, requestId }) => {
        const { roundId, region } = params;
        const confirmed = await commands.confirmSelection(app, principal, roundId, region, requestId);
        return { status: confirmed.first ? (201 as const) : (200 as const), body: confirmed.ranking };
      }),
  });

  api.route({
    method: 'get',
    path: '/rounds/{roundId}/selected-host-organizations',
    summary: 'The selected host organizations of a round (public)',
    description:
      'By region and rank, with the organizations’ names; regions appear once their selection is confirmed. ' +
      'No BINs: an individual entrepreneur’s BIN is their IIN.',
    tags,
    auth: 'public',
    params: z.object({ roundId: idSchema }),
    query: paginationQuery.extend({ region: queryList(regionIdSchema).optional() }),
    responses: {
      200: {
        description: 'A page of selected organizations',
        schema: paginatedResponse(selectedOrganizationSchema),
      },
    },
    handler: async ({ params, query }) =>
      shown(pageOfList(await commands.selectedOrganizations(app, params.roundId, query.region), query)),
  });
}
