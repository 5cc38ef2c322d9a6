import { idSchema, notAwardedReasons, withdrawalReasons } from '@zhas/contracts';
import {
  type Api,
  changeHandler,
  idempotencyKeyHeader,
  listFilters,
  pageHandler,
  paginatedResponse,
  paginationQuery,
  queryList,
  readHandler,
  shown,
} from '@zhas/service-kit';
import { type Document } from 'mongodb';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import * as commands from './commands';
import { bidContentSchema } from './content';
import { bidStatuses } from './domain';
import { bidAnswer, bidCreated, bidParams, bidStatusView, bidSummaryView, bidView } from './schemas';
const LEADER = { roles: ['applicant', 'coordinator'] } as const;
const tags = ['bids'];

export function declareRoutes(api: Api, app: ApplicationsContext): void {
  const bid = api.schema('Bid', bidView);

  api.route({
    method: 'post',
    path: '/bids',
    summary: "Start the team's bid as a draft",
    description: 'The leader starts the one bid of the team; it gets a registration number at once.',
    tags,
    auth: LEADER,
    body: z.object({ teamId: idSchema, content: bidContentSchema.default(bidContentSchema.parse({})) }),
    responses: {
      201: { description: 'The draft', schema: bid },
      409: { description: 'The team has a bid already' },
    },
    handler: async ({ body, principal, requestId }) =>
      bidCreated(await commands.startBid(app, principal, body, requestId)),
  });

  api.route({
    method: 'get',
    path: '/bids',
    summary: 'List bids',
    description:
      "Host organizations see the submitted bids of their teams, committee members the independent teams' bids " +
      'of their regions, coordinators and viewers every bid of their regions.',
    tags,
    auth: { roles: ['host_org', 'committee', 'coordinator', 'viewer'] },
    query: paginationQuery.extend({
      ...listFilters.round,
      ...listFilters.region,
      ...listFilters.status(bidStatuses),
      registrationNumber: z
        .string()
        .regex(/^ZHAS-\d{4}-[A-Z0-9]{3}-\d{6,}$/, 'Like ZHAS-2019-ALM-000123')
        .optional(),
      notAwardedReason: queryList(z.enum(notAwardedReasons)).optional(),
    }),
    responses: { 200: { description: 'A page of bids', schema: paginatedResponse(bidSummaryView) } },
    handler: pageHandler(app, commands.listBids, summaryOf),
  });

  api.route({
    method: 'get',
    path: '/bids/{bidId}',
    summary: 'A bid with its content, check result and reviews',
    tags,
    auth: { roles: ['applicant', 'host_org', 'committee', 'coordinator', 'viewer'] },
    params: bidParams,
    responses: { 200: { description: 'The bid', schema: bid } },
    handler: readHandler(app, 'bidId', commands.readBid, bidAnswer),
  });

  api.route({
    method: 'get',
    path: '/bid-status/{registrationNumber}',
    summary: 'Where a bid stands, by its registration number',
    description: "For the team's members (and coordinators): status, check reasons, score and the outcome.",
    tags,
    auth: { roles: ['applicant', 'coordinator', 'viewer'] },
    params: z.object({
      registrationNumber: z.string().regex(/^ZHAS-\d{4}-[A-Z0-9]{3}-\d{6,}$/, 'Like ZHAS-2019-ALM-000123'),
    }),
    responses: { 200: { description: 'The status', schema: bidStatusView } },
    handler: readHandler(app, 'registrationNumber', commands.readBidStatus, shown),
  });

  api.route({
    method: 'put',
    path: '/bids/{bidId}/draft',
    summary: 'Save the draft',
    description:
      'Replaces the content. Send the version you edited: if someone saved in between, the answer is 409 and ' +
      'nothing is overwritten; reload and apply your change again.',
    tags,
    auth: LEADER,
    params: bidParams,
    body: z.object({ version: z.int().min(1), content: bidContentSchema }),
    responses: {
      200: { description: 'Saved', schema: bid },
      409: { description: 'A stale version, or the bid is no longer editable' },
    },
    handler: changeHandler(app, 'bidId', commands.saveDraft, bidAnswer),
  });

  api.route({
    method: 'post',
    path: '/bids/{bidId}/submit',
    summary: 'Submit the bid; the technical check runs at once',
    description:
      'Within the youth window. A repeat with the same Idempotency-Key has no second effect. An incomplete bid ' +
      'is refused with 422 and its reasons; a complete one is submitted and either passes the check (in review) ' +
      'or fails it with reasons (the team may amend and submit again).',
    tags,
    auth: LEADER,
    rateLimit: 'submission',
    params: bidParams,
    headers: idempotencyKeyHeader,
    responses: {
      200: { description: 'Submitted and checked', schema: bid },
      409: { description: 'Outside the window, team not formed, or not editable' },
      422: { description: 'Incomplete: reasons list what is missing' },
    },
    // Not `once`, whose fingerprint is { params, body }: this route's kept requests are fingerprinted by their
    // params alone, and a retry with a key used before must still find its first answer.
    handler: ({ params, headers, principal, requestId }) =>
      app.idempotent(
        { scope: `bid-submit:${principal.subject}`, key: headers['Idempotency-Key'], payload: params },
        async () => bidAnswer(await commands.submitBid(app, principal, params.bidId, requestId)),
      ),
  });

  api.route({
    method: 'post',
    path: '/bids/{bidId}/withdraw',
    summary: 'Withdraw the bid before the decision',
    tags,
    auth: LEADER,
    params: bidParams,
    body: z.object({ reason: z.enum(withdrawalReasons).default('team-decision') }),
    responses: { 200: { description: 'Withdrawn', schema: bid } },
    handler: changeHandler(app, 'bidId', commands.withdrawBid, bidAnswer),
  });
}

/** A list row: the bid without its content and reviews. */
function summaryOf(doc: Document) {
  const { content, reviews, ...summary } = bidSummaryState.parse(doc);
  return { ...summary, requestedAmountKzt: content.requestedAmountKzt, reviewCount: reviews.length };
}

const bidSummaryState = bidSummaryView.omit({ requestedAmountKzt: true, reviewCount: true }).extend({
  content: z.object({ requestedAmountKzt: z.number().nullable() }),
  reviews: z.array(z.unknown()),
});
