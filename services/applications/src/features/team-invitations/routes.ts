import { type Api, actHandler, readHandler, shown } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import { normalizeInvitationCode } from '../../shared/ids';
import { eligibilityFailureCodes } from '../participants/eligibility';
import { teamAnswer, teamParams, teamSchema } from '../teams/schemas';
import * as commands from './commands';

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

const LEADER = { roles: ['applicant', 'coordinator'] } as const;
const tags = ['teams'];

export function declareRoutes(api: Api, app: ApplicationsContext): void {
  const team = api.schema('Team', teamSchema);

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
    handler: actHandler(app, 'teamId', commands.createInvitationCode, teamAnswer),
  });

  api.route({
    method: 'delete',
    path: '/teams/{teamId}/invitation-code',
    summary: "The leader stops the team's code working",
    tags,
    auth: LEADER,
    params: teamParams,
    responses: { 200: { description: 'The team without a code', schema: team } },
    handler: actHandler(app, 'teamId', commands.revokeInvitationCode, teamAnswer),
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
    handler: readHandler(app, 'code', commands.previewInvitation, shown),
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
    handler: actHandler(app, 'code', commands.joinWithCode, teamAnswer),
  });
}
