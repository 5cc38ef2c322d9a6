import { type Api } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import * as commands from '../reviews/commands';

export const reviewerView = z.object({
  reviewerId: z.string(),
  name: z.string(),
  kind: z.enum(['committee', 'host-organization']),
  hostOrganizationId: z.string().nullable(),
  regions: z.array(z.string()),
  allRegions: z.boolean(),
  joinedAt: z.string(),
});

export function declareRoutes(api: Api, app: ApplicationsContext): void {
  const reviewer = api.schema('Reviewer', reviewerView);

  api.route({
    method: 'put',
    path: '/reviewers/me',
    summary: 'Join the reviewers a coordinator can assign (or refresh your entry)',
    description:
      'Committee members and host-organization staff, with the name, regions and organization of their sign-in; ' +
      '`name` is used only when the sign-in gives none. Done by the review workspace when it opens.',
    tags: ['reviews'],
    auth: { roles: ['host_org', 'committee'] },
    body: z.object({ name: z.string().trim().min(1).max(200).optional() }),
    responses: { 200: { description: 'Your entry', schema: reviewer } },
    handler: async ({ body, principal, requestId }) => ({
      status: 200,
      body: (await commands.joinRegistry(app, principal, body.name, requestId)).state,
    }),
  });
}
