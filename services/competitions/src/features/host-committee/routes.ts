import { idSchema } from '@zhas/contracts';
import { regionIdSchema } from '@zhas/kz';
import { type Api, shown } from '@zhas/service-kit';
import { z } from 'zod';
import { type CompetitionsContext } from '../../shared/context';
import * as commands from './commands';

const params = z.object({ roundId: idSchema, region: regionIdSchema });
const tags = ['host-selection'];

const committeeSchema = z.object({
  roundId: z.string(),
  region: z.string(),
  assigned: z
    .boolean()
    .meta({ description: 'false: no committee assigned, every member of the region scores.' }),
  memberIds: z.array(z.string()),
  assignedAt: z.string().optional(),
});

export function declareRoutes(api: Api, app: CompetitionsContext): void {
  const committee = api.schema('HostCommittee', committeeSchema);

  api.route({
    method: 'get',
    path: '/rounds/{roundId}/regions/{region}/host-committee',
    summary: "The committee assigned to a region's host-organization applications",
    tags,
    auth: { roles: ['coordinator', 'committee'] },
    params,
    responses: { 200: { description: 'The committee', schema: committee } },
    handler: async ({ params: path, principal }) =>
      shown(await commands.readCommittee(app, principal, path.roundId, path.region)),
  });

  api.route({
    method: 'put',
    path: '/rounds/{roundId}/regions/{region}/host-committee',
    summary: "Assign the committee that scores a region's host-organization applications",
    description:
      "The members (their reviewer ids, as the applications service's reviewers registry lists them) replace the previous committee; from " +
      'then on only they score, declare conflicts or save drafts in the region. Until the selection is confirmed ' +
      '(409 /problems/selection-confirmed after). The same list again changes nothing.',
    tags,
    auth: { roles: ['coordinator'] },
    params,
    body: z.object({
      memberIds: z
        .array(z.string().regex(/^rv-[0-9a-f]{24}$/, 'A reviewer id as the reviewers registry lists it'))
        .min(1)
        .max(50),
    }),
    responses: { 200: { description: 'The committee', schema: committee } },
    handler: async ({ params: path, body, principal }) =>
      shown(await commands.assign(app, principal, path.roundId, path.region, body.memberIds)),
  });
}
