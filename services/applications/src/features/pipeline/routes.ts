import { bidCheckReasonCodes, idSchema } from '@zhas/contracts';
import { type Api, listFilters } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import { bidStatuses } from '../bids/domain';
import * as commands from './commands';

const pipelineView = z.object({
  roundId: z.string(),
  items: z.array(
    z.object({
      region: z.string(),
      projectQuota: z.number().int(),
      byStatus: z.record(z.enum(bidStatuses), z.number().int()),
      checkFailures: z.array(z.object({ code: z.enum(bidCheckReasonCodes), count: z.number().int() })),
      review: z.object({
        unassigned: z.number().int(),
        awaiting: z.number().int(),
        complete: z.number().int().meta({ description: 'Every assigned reviewer done: ready to decide.' }),
        reviewersPerBid: z.number().int().nullable(),
        dueAt: z.string().nullable(),
      }),
      lottery: z.object({
        lotteryId: z.string(),
        status: z.enum(['not-started', 'seed-fixed', 'drawn', 'published']),
      }),
    }),
  ),
});

export function declareRoutes(api: Api, app: ApplicationsContext): void {
  api.route({
    method: 'get',
    path: '/rounds/{roundId}/pipeline',
    summary: "The round's bids region by region: counts by status, check failures by reason, review, lottery",
    description: 'For coordinators and viewers, limited to their regions; `region` narrows it further.',
    tags: ['bids'],
    auth: { roles: ['coordinator', 'viewer'] },
    params: z.object({ roundId: idSchema }),
    query: z.object({ ...listFilters.region }),
    responses: { 200: { description: 'The pipeline', schema: api.schema('BidPipeline', pipelineView) } },
    handler: async ({ params, query, principal }) => ({
      status: 200,
      body: await commands.pipeline(app, principal, { roundId: params.roundId, region: query.region }),
    }),
  });
}
