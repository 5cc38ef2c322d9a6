import { idSchema, regionIdSchema } from '@zhas/contracts';
import {
  type Api,
  actHandler,
  changeHandler,
  itemsOf,
  listFilters,
  pageHandler,
  paginatedResponse,
  paginationQuery,
  queryList,
  readHandler,
} from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import * as commands from './commands';
import { declareHostAnswerRoutes } from './host-answer-routes';
import {
  listedTeamView,
  memberParams,
  personSchema,
  teamAnswer,
  teamCreated,
  teamParams,
  teamSchema,
} from './schemas';

const LEADER = { roles: ['applicant', 'coordinator'] } as const;
const READERS = { roles: ['applicant', 'host_org', 'committee', 'coordinator', 'viewer'] } as const;
const tags = ['teams'];

export function declareRoutes(api: Api, app: ApplicationsContext): void {
  const team = api.schema('Team', teamSchema);

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
    handler: async ({ body, principal, requestId }) =>
      teamCreated(await commands.startTeam(app, principal, body, requestId), principal),
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
      hostOrganizationStatus: queryList(z.enum(['none', 'requested', 'confirmed', 'declined']))
        .optional()
        .meta({ description: "A host organization's answer, e.g. `requested`: the teams waiting for it." }),
    }),
    responses: { 200: { description: 'A page of teams', schema: paginatedResponse(team) } },
    handler: pageHandler(app, commands.listTeams, listedTeamView),
  });

  api.route({
    method: 'get',
    path: '/teams/{teamId}',
    summary: 'A team',
    tags,
    auth: READERS,
    params: teamParams,
    responses: { 200: { description: 'The team', schema: team } },
    handler: readHandler(app, 'teamId', commands.readTeam, teamAnswer),
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
    handler: changeHandler(app, 'teamId', commands.invite, teamAnswer),
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
      teamAnswer(
        await commands.acceptInvitation(app, principal, params.teamId, params.participantId, requestId),
        principal,
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
    handler: actHandler(app, 'teamId', commands.formTeam, teamAnswer),
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
    handler: changeHandler(app, 'teamId', commands.changeHostOrganization, teamAnswer),
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
      teamAnswer(
        await commands.leaveTeam(app, principal, params.teamId, params.participantId, requestId),
        principal,
      ),
  });

  declareHostAnswerRoutes(api, app, team);

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
    handler: readHandler(app, 'teamId', commands.teamPeople, itemsOf),
  });
}
