import { emailSchema, idSchema, mentorExpertiseAreas, phoneSchema, regionIdSchema } from '@zhas/contracts';
import { type Api, paginatedResponse, paginationQuery, queryList } from '@zhas/service-kit';
import { z } from 'zod';
import { type Tracking } from '../../shared/context';
import { pageOf, versioned as view } from '../../shared/responses';
import { reportView } from '../reports/routes';
import * as commands from './commands';
import { mentorConflictReasons } from './domain';

const mentorView = z.object({
  mentorId: z.string(),
  fullName: z.string(),
  phone: z.string(),
  email: z.string(),
  regions: z.array(z.string()),
  expertise: z.array(z.enum(mentorExpertiseAreas)),
  capacity: z.number().int(),
  employerHostOrganizationIds: z.array(z.string()),
  projects: z.array(
    z.object({ projectId: z.string(), roundId: z.string(), region: z.string(), assignedAt: z.string() }),
  ),
  conflicts: z.array(
    z.object({
      projectId: z.string(),
      reason: z.enum(mentorConflictReasons),
      declaredBy: z.enum(['mentor', 'coordinator']),
      declaredAt: z.string(),
    }),
  ),
  registeredAt: z.string(),
  version: z.number().int(),
});

const profileBody = z.object({
  fullName: z.string().trim().min(2).max(200),
  phone: phoneSchema,
  email: emailSchema,
  regions: z
    .array(regionIdSchema)
    .min(1)
    .max(20)
    .refine((regions) => new Set(regions).size === regions.length, { message: 'Each region once' })
    .meta({ uniqueItems: true }),
  expertise: z
    .array(z.enum(mentorExpertiseAreas))
    .min(1)
    .max(mentorExpertiseAreas.length)
    .refine((areas) => new Set(areas).size === areas.length, { message: 'Each area once' })
    .meta({ uniqueItems: true }),
  capacity: z.int().min(1).max(50),
  employerHostOrganizationIds: z.array(idSchema).max(10).default([]),
});

const tags = ['mentors'];

export function declareRoutes(api: Api, tracking: Tracking): void {
  const mentor = api.schema('Mentor', mentorView);

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
    handler: async ({ body, principal, requestId }) => ({
      status: 200,
      body: view(await commands.saveOwnProfile(tracking, principal, body, requestId)),
    }),
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
    handler: async ({ principal }) => ({
      status: 200,
      body: view(await commands.readOwn(tracking, principal)),
    }),
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
    handler: async ({ principal }) => ({
      status: 200,
      body: { items: await commands.ownProjects(tracking, principal) },
    }),
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
    handler: async ({ params, principal }) => ({
      status: 200,
      body: { items: await commands.ownProjectReports(tracking, principal, params.projectId) },
    }),
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
    handler: async ({ query, principal }) =>
      pageOf(await commands.listMentors(tracking, principal, query), view),
  });

  api.route({
    method: 'get',
    path: '/mentors/{mentorId}',
    summary: 'A mentor',
    tags,
    auth: { roles: ['coordinator', 'mentor'] },
    params: z.object({ mentorId: idSchema }),
    responses: { 200: { description: 'The mentor', schema: mentor } },
    handler: async ({ params, principal }) => ({
      status: 200,
      body: view(await commands.readMentor(tracking, principal, params.mentorId)),
    }),
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
    handler: async ({ params, body, principal, requestId }) => ({
      status: 200,
      body: view(
        await commands.declareConflict(
          tracking,
          principal,
          params.mentorId,
          body.projectId,
          body.reason,
          requestId,
        ),
      ),
    }),
  });

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
    handler: async ({ params, body, principal, requestId }) => ({
      status: 200,
      body: view(
        await commands.assignMentor(tracking, principal, params.projectId, body.mentorId, requestId),
      ),
    }),
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
