import { hostDeclineReasons } from '@zhas/contracts';
import { type Api, actHandler, changeHandler } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import * as commands from './commands';
import { teamAnswer, teamParams, type teamSchema } from './schemas';

const HOST = { roles: ['host_org', 'coordinator'] } as const;
const tags = ['teams'];

/** The host organization's answer to a team that asked it. */
export function declareHostAnswerRoutes(api: Api, app: ApplicationsContext, team: typeof teamSchema): void {
  api.route({
    method: 'post',
    path: '/teams/{teamId}/host-organization/confirm',
    summary: 'The host organization confirms it will work with the team',
    tags,
    auth: HOST,
    params: teamParams,
    responses: { 200: { description: 'The team', schema: team } },
    handler: actHandler(app, 'teamId', commands.confirmHostOrganization, teamAnswer),
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
    handler: changeHandler(app, 'teamId', commands.declineHostOrganization, teamAnswer),
  });
}
