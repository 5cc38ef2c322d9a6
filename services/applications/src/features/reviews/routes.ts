import { type Api } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import { bidParams, viewOf } from '../bids/routes';
import { bidView } from '../bids/schemas';
import * as commands from './commands';
import { conflictReasons } from './domain';

export function declareRoutes(api: Api, app: ApplicationsContext): void {
  api.route({
    method: 'post',
    path: '/bids/{bidId}/conflicts',
    summary: 'Declare a conflict of interest and abstain from reviewing the bid',
    tags: ['reviews'],
    auth: { roles: ['host_org', 'committee'] },
    params: bidParams,
    body: z.object({ reason: z.enum(conflictReasons) }),
    responses: { 204: { description: 'Declared; you will not be asked to score this bid' } },
    handler: async ({ params, body, principal, requestId }) => {
      await commands.declareConflict(app, principal, params.bidId, body.reason, requestId);
      return { status: 204 };
    },
  });

  api.route({
    method: 'post',
    path: '/bids/{bidId}/reviews',
    summary: "Score the round's rubric for the bid",
    description:
      "Every criterion of the round's bidReviewCriteria once, 0-100, with an optional comment (kept in this " +
      'service). The weighted total is computed here.',
    tags: ['reviews'],
    auth: { roles: ['host_org', 'committee'] },
    params: bidParams,
    body: z.object({
      criteria: z
        .array(
          z.object({
            code: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'A kebab-case criterion code'),
            score: z.number().min(0).max(100),
            comment: z.string().trim().max(2000).default(''),
          }),
        )
        .min(1)
        .max(20),
    }),
    responses: {
      201: { description: 'Recorded', schema: bidView },
      409: { description: 'Reviewed already, conflict declared, or not in review' },
      422: { description: "The scores do not match the round's criteria" },
    },
    handler: async ({ params, body, principal, requestId }) => ({
      status: 201,
      body: viewOf(await commands.review(app, principal, params.bidId, body, requestId)),
    }),
  });

  api.route({
    method: 'post',
    path: '/bids/{bidId}/qualification',
    summary: 'Decide whether the bid qualifies for the lottery',
    description: "Qualified when the mean of the reviewers' totals reaches the round's qualifying score.",
    tags: ['reviews'],
    auth: { roles: ['coordinator'] },
    params: bidParams,
    responses: {
      200: { description: 'Decided', schema: bidView },
      409: { description: 'No review yet, or not in review' },
    },
    handler: async ({ params, principal, requestId }) => ({
      status: 200,
      body: viewOf(await commands.decideQualification(app, principal, params.bidId, requestId)),
    }),
  });
}
