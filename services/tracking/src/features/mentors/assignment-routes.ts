import { idSchema } from '@zhas/contracts';
import { type Api, changeHandler, ok, versioned as view } from '@zhas/service-kit';
import { z } from 'zod';
import { type Tracking } from '../../shared/context';
import * as commands from './commands';
import { type mentorView } from './views';

const tags = ['mentors'];

/** Which mentor accompanies a project: coordinators assign one, take them off, and look them up. */
export function declareAssignmentRoutes(api: Api, tracking: Tracking, mentor: typeof mentorView): void {
  api.route({
    method: 'put',
    path: '/projects/{projectId}/mentor',
    summary: "Assign the project's mentor",
    description:
      'A coordinator of the project region, for a project that is running. Refused (422 ' +
      '/problems/mentor-conflict-of-interest with `reason`) when the mentor works for the host organization or ' +
      'declared a conflict with the project; also outside the mentor regions or beyond their capacity; 409 when ' +
      'another mentor has the project.',
    tags,
    auth: { roles: ['coordinator'] },
    params: z.object({ projectId: idSchema }),
    body: z.object({ mentorId: idSchema }),
    responses: { 200: { description: 'The mentor with the project', schema: mentor } },
    handler: changeHandler(tracking, 'projectId', commands.assignMentor, ok),
  });

  api.route({
    method: 'delete',
    path: '/projects/{projectId}/mentor',
    summary: "Take the project's mentor off it",
    tags,
    auth: { roles: ['coordinator'] },
    params: z.object({ projectId: idSchema }),
    responses: { 204: { description: 'Done' } },
    handler: async ({ params, principal, requestId }) => {
      await commands.unassignMentor(tracking, principal, params.projectId, requestId);
      return { status: 204 };
    },
  });

  api.route({
    method: 'get',
    path: '/projects/{projectId}/mentor',
    summary: "The project's mentor (null when none)",
    tags,
    auth: { roles: ['coordinator'] },
    params: z.object({ projectId: idSchema }),
    responses: {
      200: { description: 'The mentor or null', schema: z.object({ mentor: mentor.nullable() }) },
    },
    handler: async ({ params, principal }) => {
      const found = await commands.mentorOfProject(tracking, principal, params.projectId);
      const full = found ? await tracking.mentors.store.get(found.mentorId) : undefined;
      return { status: 200, body: { mentor: full ? view(full) : null } };
    },
  });
}
