import { idSchema, instantSchema, regionIdSchema } from '@zhas/contracts';
import { type Api, listFilters, paginatedResponse, paginationQuery } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import { bidParams, viewOf } from '../bids/routes';
import { bidView } from '../bids/schemas';
import * as commands from './commands';
import { conflictReasons } from './domain';

const criterionCode = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'A kebab-case criterion code');
const regionParams = z.object({ roundId: idSchema, region: regionIdSchema });
const translatedText = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

const reviewSheetView = z.object({
  bidId: z.string(),
  registrationNumber: z.string(),
  roundId: z.string(),
  region: z.string(),
  status: z.string(),
  submittedAt: z.string().nullable(),
  content: bidView.shape.content,
  blind: z.boolean().meta({ description: "The round reviews blind: the team's names are not given." }),
  team: z.object({ members: z.array(z.object({ name: z.string(), leader: z.boolean() })) }).nullable(),
  criteria: z.array(z.object({ code: z.string(), weightPercent: z.number() })),
  dueAt: z.string().nullable(),
  draft: z
    .object({
      criteria: z.array(z.object({ code: z.string(), score: z.number().nullable(), comment: z.string() })),
      savedAt: z.string(),
    })
    .nullable(),
  review: z
    .object({
      criteria: z.array(z.object({ code: z.string(), score: z.number(), comment: z.string() })),
      totalScore: z.number(),
      reviewedAt: z.string(),
    })
    .nullable(),
  version: z.number().int(),
});

export function declareRoutes(api: Api, app: ApplicationsContext): void {
  api.route({
    method: 'get',
    path: '/review-queue',
    summary: 'The bids waiting for your scores',
    description: 'Bids in review assigned to you that you have neither scored nor declared a conflict on.',
    tags: ['reviews'],
    auth: { roles: ['host_org', 'committee'] },
    query: paginationQuery.extend({ ...listFilters.round, ...listFilters.region }),
    responses: {
      200: {
        description: 'A page of your queue',
        schema: paginatedResponse(
          z.object({
            bidId: z.string(),
            registrationNumber: z.string(),
            roundId: z.string(),
            region: z.string(),
            title: z.string(),
            requestedAmountKzt: z.number().nullable(),
            submittedAt: z.string().nullable(),
            draftSavedAt: z.string().nullable(),
            dueAt: z.string().nullable(),
          }),
        ),
      },
    },
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
    responses: {
      200: {
        description: 'Per round and region',
        schema: z.object({
          items: z.array(
            z.object({
              roundId: z.string(),
              roundYear: z.number().int().nullable(),
              roundTitle: translatedText.nullable(),
              region: z.string(),
              assigned: z.number().int(),
              awaiting: z.number().int(),
              dueAt: z.string().nullable(),
            }),
          ),
        }),
      },
    },
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
    handler: async ({ params, principal }) => ({
      status: 200,
      body: await commands.reviewSheet(app, principal, params.bidId),
    }),
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
    body: z.object({
      criteria: z
        .array(
          z.object({
            code: criterionCode,
            score: z.number().min(0).max(100).nullable(),
            comment: z.string().trim().max(2000).default(''),
          }),
        )
        .max(20),
    }),
    responses: { 204: { description: 'Saved' } },
    handler: async ({ params, body, principal, requestId }) => {
      await commands.saveReviewDraft(app, principal, params.bidId, body, requestId);
      return { status: 204 };
    },
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
    responses: {
      200: {
        description: 'Assigned',
        schema: z.object({
          bidsInReview: z.number().int(),
          assignmentsAdded: z.number().int(),
          bidsShortOfReviewers: z
            .number()
            .int()
            .meta({ description: 'Bids whose pool has too few reviewers (more must join).' }),
        }),
      },
    },
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
    responses: {
      200: {
        description: 'Reviewers with their work',
        schema: z.object({
          roundId: z.string(),
          region: z.string(),
          reviewersPerBid: z.number().int().nullable(),
          dueAt: z.string().nullable(),
          items: z.array(
            z.object({
              reviewerId: z.string(),
              name: z.string(),
              kind: z.enum(['committee', 'host-organization']),
              hostOrganizationId: z.string().nullable(),
              assigned: z.number().int(),
              awaiting: z.number().int(),
              scored: z.number().int(),
              conflicts: z.number().int(),
            }),
          ),
        }),
      },
    },
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
    responses: {
      200: {
        description: 'Decided',
        schema: z.object({
          qualified: z.number().int(),
          notQualified: z.number().int(),
          stillInReview: z.number().int(),
        }),
      },
    },
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
            code: criterionCode,
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
