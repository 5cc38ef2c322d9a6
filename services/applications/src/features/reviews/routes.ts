import { instantSchema } from '@zhas/contracts';
import {
  type Api,
  actHandler,
  changeHandler,
  listFilters,
  noContent,
  paginatedResponse,
  paginationQuery,
  readHandler,
  shown,
} from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import { bidAnswer, bidCreated, bidParams, bidView } from '../bids/schemas';
import * as commands from './commands';
import { conflictReasons } from './domain';
import {
  draftRubricBody,
  readyBidsDecidedView,
  regionParams,
  reviewAssignmentsView,
  reviewerProgressView,
  reviewQueueItem,
  reviewQueueSummaryView,
  reviewSheetView,
  rubricBody,
} from './schemas';

export function declareRoutes(api: Api, app: ApplicationsContext): void {
  api.route({
    method: 'get',
    path: '/review-queue',
    summary: 'The bids waiting for your scores',
    description: 'Bids in review assigned to you that you have neither scored nor declared a conflict on.',
    tags: ['reviews'],
    auth: { roles: ['host_org', 'committee'] },
    query: paginationQuery.extend({ ...listFilters.round, ...listFilters.region }),
    responses: { 200: { description: 'A page of your queue', schema: paginatedResponse(reviewQueueItem) } },
    handler: async ({ query, principal }) => ({
      status: 200,
      body: await commands.queue(app, principal, query),
    }),
  });

  api.route({
    method: 'get',
    path: '/review-queue/summary',
    summary: 'Your review work per round and region: assigned, still waiting, due date',
    tags: ['reviews'],
    auth: { roles: ['host_org', 'committee'] },
    responses: { 200: { description: 'Per round and region', schema: reviewQueueSummaryView } },
    handler: async ({ principal }) => ({ status: 200, body: await commands.queueSummary(app, principal) }),
  });

  api.route({
    method: 'get',
    path: '/bids/{bidId}/review-sheet',
    summary: 'A bid as its reviewer scores it',
    description:
      "The bid's content, the team's names unless the round reviews blind, the round's criteria and weights, and " +
      "your draft or score. Other reviewers' scores are not shown. A declared conflict hides the bid (409).",
    tags: ['reviews'],
    auth: { roles: ['host_org', 'committee'] },
    params: bidParams,
    responses: {
      200: { description: 'The sheet', schema: api.schema('ReviewSheet', reviewSheetView) },
      409: { description: 'You declared a conflict of interest for this bid' },
    },
    handler: readHandler(app, 'bidId', commands.reviewSheet, shown),
  });

  api.route({
    method: 'put',
    path: '/bids/{bidId}/reviews/mine/draft',
    summary: 'Save your scores and comments so far',
    description:
      'Any criteria of the round, a score (0-100) or null for one not scored yet. Nothing is published.',
    tags: ['reviews'],
    auth: { roles: ['host_org', 'committee'] },
    params: bidParams,
    body: draftRubricBody,
    responses: { 204: { description: 'Saved' } },
    handler: changeHandler(app, 'bidId', commands.saveReviewDraft, noContent),
  });

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/regions/{region}/review-assignments',
    summary: "Assign reviewers to the region's bids in review",
    description:
      'Sets how many reviewers each bid gets and when scores are due, then tops every bid in review up to that ' +
      "number from its pool (the host organization's staff, or the region's committee), spreading the work " +
      'evenly; reviewers who scored or declared a conflict are not assigned again. Running it again adds only ' +
      'what is missing.',
    tags: ['reviews'],
    auth: { roles: ['coordinator'] },
    params: regionParams,
    body: z.object({ reviewersPerBid: z.int().min(1).max(10), dueAt: instantSchema }),
    responses: { 200: { description: 'Assigned', schema: reviewAssignmentsView } },
    handler: async ({ params, body, principal, requestId }) => ({
      status: 200,
      body: await commands.assignReviewers(app, principal, { ...params, ...body }, requestId),
    }),
  });

  api.route({
    method: 'get',
    path: '/rounds/{roundId}/regions/{region}/reviewers',
    summary: "The region's reviewers and their progress",
    tags: ['reviews'],
    auth: { roles: ['coordinator'] },
    params: regionParams,
    responses: { 200: { description: 'Reviewers with their work', schema: reviewerProgressView } },
    handler: async ({ params, principal }) => ({
      status: 200,
      body: await commands.progress(app, principal, params),
    }),
  });

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/regions/{region}/qualification-decisions',
    summary: 'Decide every bid of the region that is ready',
    description:
      'A bulk action: each bid in review that has scores and no assigned reviewer still to score is qualified or ' +
      "not by the round's qualifying score. Bids not ready stay in review. Safe to repeat.",
    tags: ['reviews'],
    auth: { roles: ['coordinator'] },
    params: regionParams,
    responses: { 200: { description: 'Decided', schema: readyBidsDecidedView } },
    handler: async ({ params, principal, requestId }) => ({
      status: 200,
      body: await commands.decideReadyBids(app, principal, params, requestId),
    }),
  });

  api.route({
    method: 'post',
    path: '/bids/{bidId}/conflicts',
    summary: 'Declare a conflict of interest and abstain from reviewing the bid',
    tags: ['reviews'],
    auth: { roles: ['host_org', 'committee'] },
    params: bidParams,
    body: z.object({ reason: z.enum(conflictReasons) }),
    responses: { 204: { description: 'Declared; you will not be asked to score this bid' } },
    handler: changeHandler(app, 'bidId', commands.declareConflict, noContent),
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
    body: rubricBody,
    responses: {
      201: { description: 'Recorded', schema: bidView },
      409: { description: 'Reviewed already, conflict declared, or not in review' },
      422: { description: "The scores do not match the round's criteria" },
    },
    handler: changeHandler(app, 'bidId', commands.review, bidCreated),
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
    handler: actHandler(app, 'bidId', commands.decideQualification, bidAnswer),
  });
}
