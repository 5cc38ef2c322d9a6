import { type Aggregate, ConcurrencyConflict } from '@zhas/messaging';
import {
  type Api,
  type Principal,
  decodeCursor,
  encodeCursor,
  hasRole,
  idempotencyKeyHeader,
  page,
  paginatedResponse,
  paginationQuery,
  problems,
  queryList,
  regionScope,
} from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import { bidIdOf } from '../../shared/ids';
import { retryOnConflict, saveVersion } from '../../shared/retry';
import { type PersonFacts } from '../participants/eligibility';
import { type TeamState } from '../teams/domain';
import { bidContentSchema } from './content';
import {
  type BidState,
  bidStatuses,
  createBid,
  requireBidView,
  saveDraft,
  statusView,
  submit,
  withdraw,
  withdrawalReasons,
} from './domain';
import { bidStatusView, bidSummaryView, bidView, idField } from './schemas';

export function viewOf(saved: Aggregate<BidState>) {
  return { ...saved.state, version: saved.version };
}

const bidParams = z.object({ bidId: idField });

export function declareBidRoutes(api: Api, context: ApplicationsContext): void {
  const { bids, teams, participants, rounds, now } = context;
  const bid = api.schema('Bid', bidView);

  /** The facts the technical check needs about each member. */
  const membersOf = async (team: TeamState) =>
    Promise.all(
      team.memberParticipantIds.map(async (participantId) => {
        const person = await participants.get(participantId);
        if (!person) throw problems.notFound('Participant', participantId);
        const facts: PersonFacts = {
          participantId,
          birthDate: person.birthDate,
          region: person.region,
          consents: person.consents,
        };
        return { person: facts, activeTeamId: await teams.activeTeamOf(team.roundId, participantId) };
      }),
    );

  api.route({
    method: 'post',
    path: '/bids',
    summary: "Start the team's bid as a draft",
    description: 'The leader starts the one bid of the team; it gets a registration number at once.',
    tags: ['bids'],
    auth: { roles: ['applicant', 'coordinator'] },
    body: z.object({ teamId: idField, content: bidContentSchema.default(bidContentSchema.parse({})) }),
    responses: {
      201: { description: 'The draft', schema: bid },
      409: { description: 'The team has a bid already' },
    },
    handler: async ({ body, principal, requestId }) => {
      const at = now();
      const team = await teams.get(body.teamId);
      const round = await rounds.get(team.state.roundId);
      // Authorize before taking a registration serial.
      createBid(principal, { bidId: 'b-check', registrationNumber: 'check' }, team.state, body.content);
      const existing = await bids.findByTeam(team.id);
      if (existing) {
        throw problems.conflict('/problems/bid-exists', 'The team has a bid already.', {
          bidId: existing.id,
        });
      }
      // A serial taken twice (the counter's increment races on FerretDB) hits the unique index: take the next one.
      for (let attempt = 1; ; attempt++) {
        const state = createBid(
          principal,
          {
            bidId: bidIdOf(team.id),
            registrationNumber: await bids.nextRegistrationNumber(round.year, team.state.region),
          },
          team.state,
          body.content,
        );
        try {
          const saved = await bids.store.create(state.bidId, state, [], {
            correlationId: requestId,
            now: at,
          });
          return { status: 201, body: viewOf(saved) };
        } catch (error) {
          if (!(error instanceof ConcurrencyConflict)) throw error;
          const other = await bids.findByTeam(team.id);
          if (other || attempt >= 5) {
            throw problems.conflict('/problems/bid-exists', 'The team has a bid already.', {
              ...(other ? { bidId: other.id } : {}),
            });
          }
        }
      }
    },
  });

  api.route({
    method: 'get',
    path: '/bids',
    summary: 'List bids',
    description:
      "Host organizations see the submitted bids of their teams, committee members the independent teams' bids " +
      'of their regions, coordinators and viewers every bid of their regions.',
    tags: ['bids'],
    auth: { roles: ['host_org', 'committee', 'coordinator', 'viewer'] },
    query: paginationQuery.extend({
      roundId: idField.optional(),
      region: queryList(z.string().min(1).max(64)).optional(),
      status: queryList(z.enum(bidStatuses)).optional(),
    }),
    responses: { 200: { description: 'A page of bids', schema: paginatedResponse(bidSummaryView) } },
    handler: async ({ query, principal }) => {
      const after = decodeCursor(query.cursor, z.object({ id: z.string() }));
      const filter: Record<string, unknown> = { ...bidScope(principal) };
      if (query.roundId) filter.roundId = query.roundId;
      const regions = regionScope(principal, query.region);
      if (regions) filter.region = { $in: [...regions] };
      if (query.status) {
        const asked = query.status;
        const allowed = filter.status as { $nin?: string[] } | undefined;
        filter.status = { $in: asked.filter((status) => !(allowed?.$nin ?? []).includes(status)) };
      }
      if (after) filter._id = { $gt: after.id };
      const docs = await bids.store.collection
        .find(filter)
        .sort({ _id: 1 })
        .limit(query.limit + 1)
        .toArray();
      const items = docs.slice(0, query.limit).map((doc) => {
        const state = doc as unknown as BidState;
        return {
          bidId: state.bidId,
          registrationNumber: state.registrationNumber,
          teamId: state.teamId,
          roundId: state.roundId,
          region: state.region,
          hostOrganizationId: state.hostOrganizationId,
          status: state.status,
          submissionNumber: state.submissionNumber,
          requestedAmountKzt: state.content.requestedAmountKzt,
          reviewCount: state.reviews.length,
          averageScore: state.averageScore,
        };
      });
      const last = docs.length > query.limit ? items[items.length - 1] : undefined;
      return { status: 200, body: page(items, last ? encodeCursor({ id: last.bidId }) : null) };
    },
  });

  api.route({
    method: 'get',
    path: '/bids/{bidId}',
    summary: 'A bid with its content, check result and reviews',
    tags: ['bids'],
    auth: { roles: ['applicant', 'host_org', 'committee', 'coordinator', 'viewer'] },
    params: bidParams,
    responses: { 200: { description: 'The bid', schema: bid } },
    handler: async ({ params, principal }) => {
      const found = await bids.get(params.bidId);
      requireBidView(principal, found.state, (await teams.get(found.state.teamId)).state);
      return { status: 200, body: viewOf(found) };
    },
  });

  api.route({
    method: 'get',
    path: '/bid-status/{registrationNumber}',
    summary: 'Where a bid stands, by its registration number',
    description: "For the team's members (and coordinators): status, check reasons, score and the outcome.",
    tags: ['bids'],
    auth: { roles: ['applicant', 'coordinator', 'viewer'] },
    params: z.object({
      registrationNumber: z.string().regex(/^ZHAS-\d{4}-[A-Z0-9]{3}-\d{6,}$/, 'Like ZHAS-2019-ALM-000123'),
    }),
    responses: { 200: { description: 'The status', schema: bidStatusView } },
    handler: async ({ params, principal }) => {
      const found = await bids.findByRegistrationNumber(params.registrationNumber);
      if (!found) throw problems.notFound('Bid', params.registrationNumber);
      requireBidView(principal, found.state, (await teams.get(found.state.teamId)).state);
      return { status: 200, body: statusView(found.state) };
    },
  });

  api.route({
    method: 'put',
    path: '/bids/{bidId}/draft',
    summary: 'Save the draft',
    description:
      'Replaces the content. Send the version you edited: if someone saved in between, the answer is 409 and ' +
      'nothing is overwritten; reload and apply your change again.',
    tags: ['bids'],
    auth: { roles: ['applicant', 'coordinator'] },
    params: bidParams,
    body: z.object({ version: z.int().min(1), content: bidContentSchema }),
    responses: {
      200: { description: 'Saved', schema: bid },
      409: { description: 'A stale version, or the bid is no longer editable' },
    },
    handler: async ({ params, body, principal, requestId }) => {
      const at = now();
      const current = await bids.get(params.bidId);
      const team = await teams.get(current.state.teamId);
      const state = saveDraft(principal, current.state, team.state, body.content);
      const saved = await saveVersion(() =>
        bids.store.update(current.id, body.version, state, [], { correlationId: requestId, now: at }),
      );
      return { status: 200, body: viewOf(saved) };
    },
  });

  api.route({
    method: 'post',
    path: '/bids/{bidId}/submit',
    summary: 'Submit the bid; the technical check runs at once',
    description:
      'Within the youth window. A repeat with the same Idempotency-Key has no second effect. An incomplete bid ' +
      'is refused with 422 and its reasons; a complete one is submitted and either passes the check (in review) ' +
      'or fails it with reasons (the team may amend and submit again).',
    tags: ['bids'],
    auth: { roles: ['applicant', 'coordinator'] },
    params: bidParams,
    headers: idempotencyKeyHeader,
    responses: {
      200: { description: 'Submitted and checked', schema: bid },
      409: { description: 'Outside the window, team not formed, or not editable' },
      422: { description: 'Incomplete: reasons list what is missing' },
    },
    handler: ({ params, headers, principal, requestId }) =>
      context.idempotent(
        { scope: `bid-submit:${principal.subject}`, key: headers['Idempotency-Key'], payload: params },
        async () => {
          const saved = await retryOnConflict(async () => {
            const at = now();
            const current = await bids.get(params.bidId);
            const team = (await teams.get(current.state.teamId)).state;
            const round = await rounds.get(current.state.roundId);
            const decision = submit(
              principal,
              current.state,
              { team, round, members: await membersOf(team) },
              at,
            );
            return bids.store.update(current.id, current.version, decision.state, decision.events, {
              correlationId: requestId,
              now: at,
            });
          });
          return { status: 200 as const, body: viewOf(saved) };
        },
      ),
  });

  api.route({
    method: 'post',
    path: '/bids/{bidId}/withdraw',
    summary: 'Withdraw the bid before the decision',
    tags: ['bids'],
    auth: { roles: ['applicant', 'coordinator'] },
    params: bidParams,
    body: z.object({ reason: z.enum(withdrawalReasons).default('team-decision') }),
    responses: { 200: { description: 'Withdrawn', schema: bid } },
    handler: async ({ params, body, principal, requestId }) => {
      const saved = await retryOnConflict(async () => {
        const at = now();
        const current = await bids.get(params.bidId);
        const team = (await teams.get(current.state.teamId)).state;
        const decision = withdraw(principal, current.state, team, body.reason, at);
        return bids.store.update(current.id, current.version, decision.state, decision.events, {
          correlationId: requestId,
          now: at,
        });
      });
      return { status: 200, body: viewOf(saved) };
    },
  });
}

/** What a principal may list: reviewers only the submitted bids assigned to them. */
function bidScope(principal: Principal): Record<string, unknown> {
  if (hasRole(principal, 'coordinator', 'viewer')) return {};
  const submitted = { $nin: ['draft'] };
  if (hasRole(principal, 'host_org') && principal.hostOrgId !== undefined) {
    return { hostOrganizationId: principal.hostOrgId, status: submitted };
  }
  if (hasRole(principal, 'committee')) return { hostOrganizationId: null, status: submitted };
  return { _id: { $in: [] } };
}
