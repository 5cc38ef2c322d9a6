import { type AggregateStore, type NewEvent, deleteIfMatches, isDuplicateKey } from '@zhas/messaging';
import {
  type Api,
  type Principal,
  decodeCursor,
  encodeCursor,
  hasRole,
  page,
  paginatedResponse,
  paginationQuery,
  problems,
  queryList,
  regionScope,
} from '@zhas/service-kit';
import { type Collection, type Db, type Document as MongoDocument, type Filter } from 'mongodb';
import { z } from 'zod';
import { bidIdOf, newId } from '../../shared/ids';
import { load, retryOnConflict } from '../../shared/retry';
import { eligibilityFailures } from '../participants/eligibility';
import { type Participants } from '../participants/routes';
import { type RoundCopies } from '../rounds/round-copies';
import {
  type TeamState,
  acceptInvitation,
  changeHostOrganization,
  confirmHostOrganization,
  createTeam,
  declineHostOrganization,
  formTeam,
  hostDeclineReasons,
  invite,
  leaveTeam,
  requireTeamView,
} from './domain';

const idField = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'An id of letters, digits and _ . : -');

const teamSchema = z.object({
  teamId: z.string(),
  roundId: z.string(),
  region: z.string(),
  leaderParticipantId: z.string(),
  memberParticipantIds: z.array(z.string()),
  invitedParticipantIds: z.array(z.string()),
  hostOrganizationId: z.string().nullable(),
  hostOrganizationStatus: z.enum(['none', 'requested', 'confirmed', 'declined']),
  hostDeclineReason: z.enum(hostDeclineReasons).nullable(),
  status: z.enum(['forming', 'formed']),
  formedAt: z.string().nullable(),
  version: z.number().int(),
});

interface Membership {
  _id: string;
  teamId: string;
  /** Wall-clock time of the claim: a join in progress is not mistaken for a stale claim. */
  claimedAt: Date;
}

/** A claim older than this whose team does not list the person was left by an interrupted join or leave. */
const STALE_CLAIM_MS = 60_000;

/** Teams, and the one-active-team-per-round rule, kept as a unique record per round and person. */
export class Teams {
  readonly memberships: Collection<Membership>;

  constructor(
    readonly store: AggregateStore<TeamState>,
    db: Db,
  ) {
    this.memberships = db.collection<Membership>('roundMemberships');
  }

  private get membershipDocuments(): Collection<MongoDocument> {
    return this.memberships as unknown as Collection<MongoDocument>;
  }

  async ensureIndexes(): Promise<void> {
    await this.store.collection.createIndex({ roundId: 1, region: 1, _id: 1 });
    await this.store.collection.createIndex({ memberParticipantIds: 1 });
  }

  async activeTeamOf(roundId: string, participantId: string): Promise<string | undefined> {
    const claim = await this.memberships.findOne({ _id: `${roundId}:${participantId}` });
    if (!claim) return undefined;
    // A claim whose team does not list the person was left behind by an interrupted join or leave: it is free.
    const team = await this.store.get(claim.teamId);
    if (team?.state.memberParticipantIds.includes(participantId)) return claim.teamId;
    if (Date.now() - claim.claimedAt.getTime() < STALE_CLAIM_MS) return claim.teamId;
    await deleteIfMatches(this.membershipDocuments, claim._id, { teamId: claim.teamId });
    return undefined;
  }

  /** Frees the person's place in the round once the team no longer lists them. */
  async release(roundId: string, participantId: string, teamId: string): Promise<void> {
    await deleteIfMatches(this.membershipDocuments, `${roundId}:${participantId}`, { teamId });
  }

  /**
   * Claims the person's one place in the round for a team before the team records them; a concurrent claim for
   * another team loses on the unique _id. Returns a release for when the team's own write then fails.
   */
  async claim(roundId: string, participantId: string, teamId: string): Promise<() => Promise<void>> {
    const _id = `${roundId}:${participantId}`;
    try {
      await this.memberships.insertOne({ _id, teamId, claimedAt: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const current = await this.memberships.findOne({ _id });
      if (current?.teamId === teamId) return () => Promise.resolve();
      // A stale claim (see activeTeamOf) is freed and taken.
      if ((await this.activeTeamOf(roundId, participantId)) === undefined)
        return this.claim(roundId, participantId, teamId);
      throw problems.conflict(
        '/problems/already-in-team',
        'A person is in at most one active team per round.',
      );
    }
    return async () => {
      await deleteIfMatches(this.membershipDocuments, _id, { teamId });
    };
  }

  async get(teamId: string) {
    return load(this.store, 'Team', teamId);
  }
}

/** Releases a claim if the step after it fails, so a lost race leaves no one stuck in a team they never joined. */
async function withClaim<T>(release: () => Promise<void>, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    await release();
    throw error;
  }
}

export function declareTeamRoutes(
  api: Api,
  deps: {
    readonly teams: Teams;
    readonly participants: Participants;
    readonly rounds: RoundCopies;
    readonly db: Db;
    readonly now: () => Date;
  },
): void {
  const { teams, participants, rounds, now } = deps;
  const team = api.schema('Team', teamSchema);
  const view = (saved: { state: TeamState; version: number }) => ({ ...saved.state, version: saved.version });
  const teamParams = z.object({ teamId: idField });

  const personFacts = async (participantId: string) => {
    const person = await participants.get(participantId);
    if (!person) throw problems.notFound('Participant', participantId);
    return person;
  };

  /** Load, decide and save, again if another change came first: these commands carry no version. */
  const change = (
    teamId: string,
    requestId: string,
    decide: (current: TeamState, at: Date) => Promise<{ state: TeamState; events: readonly NewEvent[] }>,
  ) =>
    retryOnConflict(async () => {
      const at = now();
      const current = await teams.get(teamId);
      const decision = await decide(current.state, at);
      return teams.store.update(teamId, current.version, decision.state, decision.events, {
        correlationId: requestId,
        now: at,
      });
    });

  api.route({
    method: 'post',
    path: '/teams',
    summary: 'Start a team, with the caller as its leader',
    tags: ['teams'],
    auth: { roles: ['applicant'] },
    body: z.object({
      roundId: idField,
      region: z.string().min(1).max(64),
      hostOrganizationId: idField.nullable().default(null).meta({
        description: 'A host organization selected in the round and region, or null to apply independently.',
      }),
    }),
    responses: {
      201: { description: 'The team, forming', schema: team },
      409: { description: 'Already in a team of the round, or the window is closed' },
      422: { description: 'Not eligible, region not in the round, or host organization not selected' },
    },
    handler: async ({ body, principal, requestId }) => {
      const at = now();
      const round = await rounds.get(body.roundId);
      const teamId = newId('t');
      const leaderId = principal.participantId;
      const leader = leaderId === undefined ? undefined : await personFacts(leaderId);
      const state = createTeam(
        principal,
        { teamId, region: body.region, hostOrganizationId: body.hostOrganizationId },
        {
          round,
          leaderEligibility: leader
            ? eligibilityFailures(leader, round, {
                activeTeamId: await teams.activeTeamOf(round.roundId, leader.participantId),
                teamId,
              })
            : [],
          hostOrganizationSelected:
            body.hostOrganizationId !== null &&
            (await rounds.isHostOrganizationSelected(round.roundId, body.region, body.hostOrganizationId)),
        },
        at,
      );
      const release = await teams.claim(round.roundId, state.leaderParticipantId, teamId);
      const saved = await withClaim(release, () =>
        teams.store.create(teamId, state, [], { correlationId: requestId, now: at }),
      );
      return { status: 201, body: view(saved) };
    },
  });

  api.route({
    method: 'get',
    path: '/teams',
    summary: 'List teams',
    description:
      'Applicants see the teams they belong to, host organizations the teams that asked them, staff the teams of ' +
      'their regions.',
    tags: ['teams'],
    auth: { roles: ['applicant', 'host_org', 'committee', 'coordinator', 'viewer'] },
    query: paginationQuery.extend({
      roundId: idField.optional(),
      region: queryList(z.string().min(1).max(64)).optional(),
      status: queryList(z.enum(['forming', 'formed'])).optional(),
    }),
    responses: { 200: { description: 'A page of teams', schema: paginatedResponse(team) } },
    handler: async ({ query, principal }) => {
      const after = decodeCursor(query.cursor, z.object({ id: z.string() }));
      const filter: Record<string, unknown> = { ...scopeFor(principal) };
      if (query.roundId) filter.roundId = query.roundId;
      const regions = regionScope(principal, query.region);
      if (regions) filter.region = { $in: [...regions] };
      if (query.status) filter.status = { $in: query.status };
      if (after) filter._id = { $gt: after.id };
      const docs = await teams.store.collection
        .find(filter as Filter<Document>)
        .sort({ _id: 1 })
        .limit(query.limit + 1)
        .toArray();
      const items = docs.slice(0, query.limit).map((doc) => teamSchema.parse({ ...doc }));
      const last = docs.length > query.limit ? items[items.length - 1] : undefined;
      return { status: 200, body: page(items, last ? encodeCursor({ id: last.teamId }) : null) };
    },
  });

  api.route({
    method: 'get',
    path: '/teams/{teamId}',
    summary: 'A team',
    tags: ['teams'],
    auth: { roles: ['applicant', 'host_org', 'committee', 'coordinator', 'viewer'] },
    params: teamParams,
    responses: { 200: { description: 'The team', schema: team } },
    handler: async ({ params, principal }) => {
      const found = await teams.get(params.teamId);
      requireTeamView(principal, found.state);
      return { status: 200, body: view(found) };
    },
  });

  api.route({
    method: 'post',
    path: '/teams/{teamId}/invitations',
    summary: 'The leader invites a registered participant',
    tags: ['teams'],
    auth: { roles: ['applicant', 'coordinator'] },
    params: teamParams,
    body: z.object({ participantId: idField }),
    responses: {
      200: { description: 'The team with the invitation', schema: team },
      422: { description: 'The team is full' },
    },
    handler: async ({ params, body, principal, requestId }) => {
      await personFacts(body.participantId);
      const saved = await change(params.teamId, requestId, async (current, at) => ({
        state: invite(principal, current, body.participantId, await rounds.get(current.roundId), at),
        events: [],
      }));
      return { status: 200, body: view(saved) };
    },
  });

  api.route({
    method: 'post',
    path: '/teams/{teamId}/invitations/{participantId}/accept',
    summary: 'The invited participant joins the team',
    description:
      'Checks eligibility: age on the first day of the youth window, region, consent, no other team.',
    tags: ['teams'],
    auth: { roles: ['applicant'] },
    params: z.object({ teamId: idField, participantId: idField }),
    responses: {
      200: { description: 'The team with the new member', schema: team },
      409: { description: 'In another team of the round' },
      422: { description: 'Not eligible' },
    },
    handler: async ({ params, principal, requestId }) => {
      const current = await teams.get(params.teamId);
      const round = await rounds.get(current.state.roundId);
      const person = await personFacts(params.participantId);
      const eligibility = eligibilityFailures(person, round, {
        activeTeamId: await teams.activeTeamOf(round.roundId, person.participantId),
        teamId: current.id,
      });
      // Decide once before claiming, so that a refused acceptance claims nothing.
      acceptInvitation(principal, current.state, params.participantId, { round, eligibility }, now());
      const release = await teams.claim(round.roundId, person.participantId, current.id);
      const saved = await withClaim(release, () =>
        change(params.teamId, requestId, (latest, at) =>
          Promise.resolve({
            state: acceptInvitation(principal, latest, params.participantId, { round, eligibility: [] }, at),
            events: [],
          }),
        ),
      );
      return { status: 200, body: view(saved) };
    },
  });

  api.route({
    method: 'post',
    path: '/teams/{teamId}/form',
    summary: 'The leader forms the team',
    description:
      "The team's size must fit the round's rules; pending invitations lapse. Publishes team formed.",
    tags: ['teams'],
    auth: { roles: ['applicant', 'coordinator'] },
    params: teamParams,
    responses: {
      200: { description: 'The formed team', schema: team },
      422: { description: 'The team size is outside the rules' },
    },
    handler: async ({ params, principal, requestId }) => {
      const saved = await change(params.teamId, requestId, async (current, at) =>
        formTeam(principal, current, await rounds.get(current.roundId), at),
      );
      return { status: 200, body: view(saved) };
    },
  });

  api.route({
    method: 'put',
    path: '/teams/{teamId}/host-organization',
    summary: 'The leader asks another selected host organization, or none',
    tags: ['teams'],
    auth: { roles: ['applicant', 'coordinator'] },
    params: teamParams,
    body: z.object({ hostOrganizationId: idField.nullable() }),
    responses: { 200: { description: 'The team', schema: team } },
    handler: async ({ params, body, principal, requestId }) => {
      const saved = await change(params.teamId, requestId, async (current, at) => {
        const bid = await deps.db.collection('bids').findOne({ _id: bidIdOf(current.teamId) as never });
        return changeHostOrganization(
          principal,
          current,
          body.hostOrganizationId,
          {
            round: await rounds.get(current.roundId),
            hostOrganizationSelected:
              body.hostOrganizationId !== null &&
              (await rounds.isHostOrganizationSelected(
                current.roundId,
                current.region,
                body.hostOrganizationId,
              )),
            bidSubmitted: bid !== null && bid.status !== 'draft' && bid.status !== 'withdrawn',
          },
          at,
        );
      });
      return { status: 200, body: view(saved) };
    },
  });

  api.route({
    method: 'delete',
    path: '/teams/{teamId}/members/{participantId}',
    summary: 'A member leaves, the leader removes a member, or an invitation is withdrawn or declined',
    description:
      'Not the leader, and not once the bid is submitted. Publishes team changed for a formed team.',
    tags: ['teams'],
    auth: { roles: ['applicant', 'coordinator'] },
    params: z.object({ teamId: idField, participantId: idField }),
    responses: { 200: { description: 'The team', schema: team } },
    handler: async ({ params, principal, requestId }) => {
      const saved = await change(params.teamId, requestId, async (current, at) => {
        const bid = await deps.db.collection('bids').findOne({ _id: bidIdOf(current.teamId) as never });
        return leaveTeam(
          principal,
          current,
          params.participantId,
          {
            round: await rounds.get(current.roundId),
            bidSubmitted: bid !== null && bid.status !== 'draft' && bid.status !== 'withdrawn',
          },
          at,
        );
      });
      await teams.release(saved.state.roundId, params.participantId, saved.id);
      return { status: 200, body: view(saved) };
    },
  });

  api.route({
    method: 'post',
    path: '/teams/{teamId}/host-organization/confirm',
    summary: 'The host organization confirms it will work with the team',
    tags: ['teams'],
    auth: { roles: ['host_org', 'coordinator'] },
    params: teamParams,
    responses: { 200: { description: 'The team', schema: team } },
    handler: async ({ params, principal, requestId }) => {
      const saved = await change(params.teamId, requestId, (current, at) =>
        Promise.resolve(confirmHostOrganization(principal, current, at)),
      );
      return { status: 200, body: view(saved) };
    },
  });

  api.route({
    method: 'post',
    path: '/teams/{teamId}/host-organization/decline',
    summary: 'The host organization declines the team',
    tags: ['teams'],
    auth: { roles: ['host_org', 'coordinator'] },
    params: teamParams,
    body: z.object({ reason: z.enum(hostDeclineReasons) }),
    responses: { 200: { description: 'The team', schema: team } },
    handler: async ({ params, body, principal, requestId }) => {
      const saved = await change(params.teamId, requestId, (current, at) =>
        Promise.resolve(declineHostOrganization(principal, current, body.reason, at)),
      );
      return { status: 200, body: view(saved) };
    },
  });
}

type Document = Record<string, unknown>;

/** What a principal may list: applicants their own teams, host organizations the teams that asked them. */
function scopeFor(principal: Principal): Record<string, unknown> {
  if (hasRole(principal, 'coordinator', 'committee', 'viewer')) return {};
  if (hasRole(principal, 'host_org') && principal.hostOrgId !== undefined) {
    return { hostOrganizationId: principal.hostOrgId };
  }
  if (hasRole(principal, 'applicant') && principal.participantId !== undefined) {
    return { memberParticipantIds: principal.participantId };
  }
  // Nobody else: an impossible filter rather than a 403, so the list is simply empty.
  return { _id: { $in: [] } };
}
