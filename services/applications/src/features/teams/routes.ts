import { idSchema, regionIdSchema } from '@zhas/contracts';
import { type Actor } from '@zhas/domain';
import { type Aggregate } from '@zhas/messaging';
import { type Api, listFilters, paginatedResponse, paginationQuery } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import { normalizeInvitationCode } from '../../shared/ids';
import { bidIdOf } from '../bids/store';
import { eligibilityFailureCodes } from '../participants/eligibility';
import * as commands from './commands';
import { type TeamState, hostDeclineReasons } from './domain';
import { canSeeInvitationCode } from './policy';

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
  invitationCode: z.string().nullable().meta({
    description: "The code (or link) people join the team with; shown to the team's members only, else null.",
  }),
  bidId: z.string().meta({ description: "The id the team's one bid has, or will have once it is started." }),
  version: z.number().int(),
});

const personSchema = z.object({
  participantId: z.string(),
  role: z.enum(['leader', 'member', 'invited']),
  fullName: z.string(),
  eligible: z.boolean(),
  reasons: z.array(z.enum(eligibilityFailureCodes)).meta({
    description: 'Why the person is not eligible for the round now (empty when eligible).',
  }),
});

const invitationSchema = z.object({
  code: z.string(),
  teamId: z.string(),
  roundId: z.string(),
  region: z.string(),
  status: z.enum(['forming', 'formed']),
  leaderName: z.string(),
  memberCount: z.number().int(),
  teamSize: z.object({ min: z.number().int(), max: z.number().int() }),
  hostOrganizationId: z.string().nullable(),
  alreadyMember: z.boolean(),
  bidSubmitted: z.boolean(),
  registered: z.boolean().meta({ description: 'Whether the caller is a registered participant.' }),
  reasons: z.array(z.enum(eligibilityFailureCodes)).meta({
    description: 'Why the caller may not join (empty: they may).',
  }),
});

/** A code as typed or linked: any case, with or without its dash; refused as a 400 when it cannot be a code. */
const codeParams = z.object({
  code: z
    .string()
    .max(32)
    .transform((input, context) => {
      const code = normalizeInvitationCode(input);
      if (code === undefined) {
        context.addIssue({ code: 'custom', message: 'An invitation code has ten letters, like K7QXM-2PA9F' });
        return z.NEVER;
      }
      return code;
    }),
});

const teamParams = z.object({ teamId: idSchema });
const memberParams = z.object({ teamId: idSchema, participantId: idSchema });
/** The team as the actor may see it: the invitation code only for its members. */
const viewFor = (actor: Actor) => (saved: Pick<Aggregate<TeamState>, 'id' | 'state' | 'version'>) => ({
  ...saved.state,
  invitationCode: canSeeInvitationCode(actor, saved.state) ? (saved.state.invitationCode ?? null) : null,
  bidId: bidIdOf(saved.id),
  version: saved.version,
});
const LEADER = { roles: ['applicant', 'coordinator'] } as const;
const HOST = { roles: ['host_org', 'coordinator'] } as const;
const READERS = { roles: ['applicant', 'host_org', 'committee', 'coordinator', 'viewer'] } as const;
const tags = ['teams'];

export function declareRoutes(api: Api, app: ApplicationsContext): void {
  const team = api.schema('Team', teamSchema);
  const ok = (actor: Actor, saved: Aggregate<TeamState>) => ({
    status: 200 as const,
    body: viewFor(actor)(saved),
  });

  api.route({
    method: 'post',
    path: '/teams',
    summary: 'Start a team, with the caller as its leader',
    tags,
    auth: { roles: ['applicant'] },
    body: z.object({
      roundId: idSchema,
      region: regionIdSchema,
      hostOrganizationId: idSchema.nullable().default(null).meta({
        description: 'A host organization selected in the round and region, or null to apply independently.',
      }),
    }),
    responses: {
      201: { description: 'The team, forming', schema: team },
      409: { description: 'Already in a team of the round, or the window is closed' },
      422: { description: 'Not eligible, region not in the round, or host organization not selected' },
    },
    handler: async ({ body, principal, requestId }) => ({
      status: 201,
      body: viewFor(principal)(await commands.startTeam(app, principal, body, requestId)),
    }),
  });

  api.route({
    method: 'get',
    path: '/teams',
    summary: 'List teams',
    description:
      'Applicants see the teams they belong to, host organizations the teams that asked them, staff the teams of ' +
      'their regions.',
    tags,
    auth: READERS,
    query: paginationQuery.extend({
      ...listFilters.round,
      ...listFilters.region,
      ...listFilters.status(['forming', 'formed']),
    }),
    responses: { 200: { description: 'A page of teams', schema: paginatedResponse(team) } },
    handler: async ({ query, principal }) => {
      const found = await commands.listTeams(app, principal, query);
      const view = viewFor(principal);
      const items = found.items.map((doc) => {
        const { _id, version, ...state } = doc;
        return teamSchema.parse(
          view({ id: String(_id), version: Number(version), state: state as TeamState }),
        );
      });
      return { status: 200, body: { ...found, items } };
    },
  });

  api.route({
    method: 'get',
    path: '/teams/{teamId}',
    summary: 'A team',
    tags,
    auth: READERS,
    params: teamParams,
    responses: { 200: { description: 'The team', schema: team } },
    handler: async ({ params, principal }) =>
      ok(principal, await commands.readTeam(app, principal, params.teamId)),
  });

  api.route({
    method: 'post',
    path: '/teams/{teamId}/invitations',
    summary: 'The leader invites a registered participant',
    tags,
    auth: LEADER,
    params: teamParams,
    body: z.object({ participantId: idSchema }),
    responses: {
      200: { description: 'The team with the invitation', schema: team },
      422: { description: 'The team is full' },
    },
    handler: async ({ params, body, principal, requestId }) =>
      ok(principal, await commands.invite(app, principal, params.teamId, body.participantId, requestId)),
  });

  api.route({
    method: 'post',
    path: '/teams/{teamId}/invitations/{participantId}/accept',
    summary: 'The invited participant joins the team',
    description:
      'Checks eligibility: age on the first day of the youth window, region, consent, no other team.',
    tags,
    auth: { roles: ['applicant'] },
    params: memberParams,
    responses: {
      200: { description: 'The team with the new member', schema: team },
      409: { description: 'In another team of the round' },
      422: { description: 'Not eligible' },
    },
    handler: async ({ params, principal, requestId }) =>
      ok(
        principal,
        await commands.acceptInvitation(app, principal, params.teamId, params.participantId, requestId),
      ),
  });

  api.route({
    method: 'post',
    path: '/teams/{teamId}/form',
    summary: 'The leader forms the team',
    description:
      "The team's size must fit the round's rules; pending invitations lapse. Publishes team formed.",
    tags,
    auth: LEADER,
    params: teamParams,
    responses: {
      200: { description: 'The formed team', schema: team },
      422: { description: 'The team size is outside the rules' },
    },
    handler: async ({ params, principal, requestId }) =>
      ok(principal, await commands.formTeam(app, principal, params.teamId, requestId)),
  });

  api.route({
    method: 'put',
    path: '/teams/{teamId}/host-organization',
    summary: 'The leader asks another selected host organization, or none',
    tags,
    auth: LEADER,
    params: teamParams,
    body: z.object({ hostOrganizationId: idSchema.nullable() }),
    responses: { 200: { description: 'The team', schema: team } },
    handler: async ({ params, body, principal, requestId }) =>
      ok(
        principal,
        await commands.changeHostOrganization(
          app,
          principal,
          params.teamId,
          body.hostOrganizationId,
          requestId,
        ),
      ),
  });

  api.route({
    method: 'delete',
    path: '/teams/{teamId}/members/{participantId}',
    summary: 'A member leaves, the leader removes a member, or an invitation is withdrawn or declined',
    description:
      'Not the leader, and not once the bid is submitted. Publishes team changed for a formed team.',
    tags,
    auth: LEADER,
    params: memberParams,
    responses: { 200: { description: 'The team', schema: team } },
    handler: async ({ params, principal, requestId }) =>
      ok(principal, await commands.leaveTeam(app, principal, params.teamId, params.participantId, requestId)),
  });

  api.route({
    method: 'post',
    path: '/teams/{teamId}/host-organization/confirm',
    summary: 'The host organization confirms it will work with the team',
    tags,
    auth: HOST,
    params: teamParams,
    responses: { 200: { description: 'The team', schema: team } },
    handler: async ({ params, principal, requestId }) =>
      ok(principal, await commands.confirmHostOrganization(app, principal, params.teamId, requestId)),
  });

  api.route({
    method: 'post',
    path: '/teams/{teamId}/host-organization/decline',
    summary: 'The host organization declines the team',
    tags,
    auth: HOST,
    params: teamParams,
    body: z.object({ reason: z.enum(hostDeclineReasons) }),
    responses: { 200: { description: 'The team', schema: team } },
    handler: async ({ params, body, principal, requestId }) =>
      ok(
        principal,
        await commands.declineHostOrganization(app, principal, params.teamId, body.reason, requestId),
      ),
  });

  api.route({
    method: 'post',
    path: '/teams/{teamId}/invitation-code',
    summary: 'The leader gets a code (and link) for people to join the team',
    description:
      'A new code replaces the previous one, which stops working. People join with it until the bid is submitted.',
    tags,
    auth: LEADER,
    params: teamParams,
    responses: {
      200: { description: 'The team with its new code', schema: team },
      409: { description: 'The bid is submitted, or the window is closed' },
    },
    handler: async ({ params, principal, requestId }) =>
      ok(principal, await commands.createInvitationCode(app, principal, params.teamId, requestId)),
  });

  api.route({
    method: 'delete',
    path: '/teams/{teamId}/invitation-code',
    summary: "The leader stops the team's code working",
    tags,
    auth: LEADER,
    params: teamParams,
    responses: { 200: { description: 'The team without a code', schema: team } },
    handler: async ({ params, principal, requestId }) =>
      ok(principal, await commands.revokeInvitationCode(app, principal, params.teamId, requestId)),
  });

  api.route({
    method: 'get',
    path: '/teams/{teamId}/people',
    summary: 'Who is in the team, with their eligibility for the round',
    description:
      'The leader, the members and the invitees, each with their name and whether they are eligible now, with the ' +
      'reasons when not (age on the first day of the youth window, region, consent, another team).',
    tags,
    auth: READERS,
    params: teamParams,
    responses: {
      200: { description: 'The people of the team', schema: z.object({ items: z.array(personSchema) }) },
    },
    handler: async ({ params, principal }) => ({
      status: 200,
      body: { items: await commands.teamPeople(app, principal, params.teamId) },
    }),
  });

  api.route({
    method: 'get',
    path: '/team-invitations/{code}',
    summary: 'The team a code opens, and whether the caller may join it',
    description: 'Unknown, replaced and revoked codes are 404 alike.',
    tags,
    auth: { roles: ['applicant'] },
    params: codeParams,
    responses: {
      200: { description: 'The invitation', schema: api.schema('TeamInvitation', invitationSchema) },
    },
    handler: async ({ params, principal }) => ({
      status: 200,
      body: await commands.previewInvitation(app, principal, params.code),
    }),
  });

  api.route({
    method: 'post',
    path: '/team-invitations/{code}/accept',
    summary: 'The caller joins the team the code opens',
    description:
      'Eligibility is checked as for an invitation; the team keeps within the maximum size; a formed team publishes ' +
      'team changed. Joining again changes nothing.',
    tags,
    auth: { roles: ['applicant'] },
    params: codeParams,
    responses: {
      200: { description: 'The team with its new member', schema: team },
      409: { description: 'In another team of the round, the bid is submitted, or the window is closed' },
      422: { description: 'Not eligible, or the team is full' },
    },
    handler: async ({ params, principal, requestId }) =>
      ok(principal, await commands.joinWithCode(app, principal, params.code, requestId)),
  });
}
