import { idSchema, mentorExpertiseAreas, regionIdSchema } from '@zhas/contracts';
import {
  type Api,
  changeHandler,
  itemsOf,
  ok,
  pageHandler,
  paginatedResponse,
  paginationQuery,
  queryList,
  readHandler,
  versioned as view,
} from '@zhas/service-kit';
import { z } from 'zod';
import { type Tracking } from '../../shared/context';
import { reportView } from '../reports/routes';
import * as commands from './commands';
import { mentorConflictReasons } from './domain';
import { type mentorView, profileBody } from './views';

const tags = ['mentors'];

/** The registry: a mentor's own profile and projects, the coordinators' list, and declared conflicts. */
export function declareRegistryRoutes(api: Api, tracking: Tracking, mentor: typeof mentorView): void {
  api.route({
    method: 'put',
    path: '/mentors/me',
    summary: 'Register or change your mentor profile',
    description:
      'Name and contacts stay in this service (coordinators see them); regions, expertise and capacity are ' +
      'published. Name the host organizations you work for: their teams are never yours to mentor.',
    tags,
    auth: { roles: ['mentor'] },
    body: profileBody,
    responses: {
      200: { description: 'Your profile', schema: mentor },
      422: { description: 'The capacity is below the projects you accompany' },
    },
    handler: async ({ body, principal, requestId }) =>
      ok(await commands.saveOwnProfile(tracking, principal, body, requestId)),
  });

  api.route({
    method: 'get',
    path: '/mentors/me',
    summary: 'Your mentor profile',
    tags,
    auth: { roles: ['mentor'] },
    responses: {
      200: { description: 'Your profile', schema: mentor },
      404: { description: 'Not registered yet' },
    },
    handler: async ({ principal }) => ok(await commands.readOwn(tracking, principal)),
  });

  api.route({
    method: 'get',
    path: '/mentors/me/projects',
    summary: 'The projects you accompany, with where their reports stand',
    tags,
    auth: { roles: ['mentor'] },
    responses: {
      200: {
        description: 'Your projects',
        schema: z.object({
          items: z.array(
            z.object({
              projectId: z.string(),
              roundId: z.string(),
              region: z.string(),
              status: z.string(),
              durationMonths: z.number().int(),
              memberCount: z.number().int(),
              startsOn: z.string().nullable(),
              reports: z.array(
                z.object({
                  reportId: z.string(),
                  projectMonth: z.number().int(),
                  kind: z.string(),
                  status: z.string(),
                }),
              ),
            }),
          ),
        }),
      },
      404: { description: 'Not registered as a mentor yet' },
    },
    handler: async ({ principal }) => itemsOf(await commands.ownProjects(tracking, principal)),
  });

  api.route({
    method: 'get',
    path: '/mentors/me/projects/{projectId}/reports',
    summary: 'The monthly reports of a project you accompany',
    tags,
    auth: { roles: ['mentor'] },
    params: z.object({ projectId: idSchema }),
    responses: {
      200: { description: 'Its reports', schema: z.object({ items: z.array(reportView) }) },
      404: { description: 'Not registered as a mentor yet, or no such project' },
    },
    handler: readHandler(tracking, 'projectId', commands.ownProjectReports, itemsOf),
  });

  api.route({
    method: 'get',
    path: '/mentors',
    summary: 'The mentors registry',
    description: 'For coordinators: mentors working in their regions; filters by region and expertise.',
    tags,
    auth: { roles: ['coordinator'] },
    query: paginationQuery.extend({
      region: queryList(regionIdSchema).optional(),
      expertise: queryList(z.enum(mentorExpertiseAreas)).optional(),
    }),
    responses: { 200: { description: 'A page of mentors', schema: paginatedResponse(mentor) } },
    handler: pageHandler(tracking, commands.listMentors, view),
  });

  api.route({
    method: 'get',
    path: '/mentors/{mentorId}',
    summary: 'A mentor',
    tags,
    auth: { roles: ['coordinator', 'mentor'] },
    params: z.object({ mentorId: idSchema }),
    responses: { 200: { description: 'The mentor', schema: mentor } },
    handler: readHandler(tracking, 'mentorId', commands.readMentor, ok),
  });

  api.route({
    method: 'post',
    path: '/mentors/{mentorId}/conflicts',
    summary: 'Declare a conflict of interest with a project',
    description:
      'By the mentor, or recorded by a coordinator of the project region: the mentor is not assigned to it, and ' +
      'leaves it if they accompany it (mentor unassigned, reason conflict-of-interest).',
    tags,
    auth: { roles: ['coordinator', 'mentor'] },
    params: z.object({ mentorId: idSchema }),
    body: z.object({ projectId: idSchema, reason: z.enum(mentorConflictReasons) }),
    responses: { 200: { description: 'Declared', schema: mentor } },
    handler: changeHandler(tracking, 'mentorId', commands.declareConflict, ok),
  });
}
