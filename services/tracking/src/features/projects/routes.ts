import { idSchema } from '@zhas/contracts';
import { type Aggregate } from '@zhas/messaging';
import {
  type Api,
  changeHandler,
  idempotencyKeyHeader,
  itemsOf,
  listFilters,
  once,
  paginatedResponse,
  paginationQuery,
  readHandler,
} from '@zhas/service-kit';
import { z } from 'zod';
import { type Tracking } from '../../shared/context';
import * as commands from './commands';
import { type ProjectState, projectStatuses } from './domain';
import {
  agreementBody,
  completionBody,
  followUpBody,
  memberExitBody,
  projectView,
  surveyBody,
  surveyView,
  terminationBody,
} from './views';

const projectParams = z.object({ projectId: idSchema });
const COORDINATOR = { roles: ['coordinator'] } as const;
const tags = ['projects'];

export function declareRoutes(api: Api, tracking: Tracking): void {
  const project = api.schema('Project', projectView);
  const survey = api.schema('Survey', surveyView);
  const readers = { roles: ['coordinator', 'viewer', 'host_org', 'applicant'] } as const;
  const projectResponse = { description: 'The project', schema: project };
  /** The project as the API shows it, with what it still waits for from other services. */
  const answer = async <S extends 200 | 201>(status: S, saved: Aggregate<ProjectState>) => ({
    status,
    body: await commands.projectBody(tracking, saved),
  });
  const ok = (saved: Aggregate<ProjectState>) => answer(200, saved);
  const created = (saved: Aggregate<ProjectState>) => answer(201, saved);

  api.route({
    method: 'get',
    path: '/projects',
    summary: 'List projects',
    description:
      'Coordinators and viewers see their regions; host organizations and team members their own projects.',
    tags,
    auth: readers,
    query: paginationQuery.extend({
      ...listFilters.round,
      ...listFilters.region,
      ...listFilters.status(projectStatuses),
    }),
    responses: { 200: { description: 'A page of projects', schema: paginatedResponse(project) } },
    handler: async ({ query, principal }) => {
      const found = await commands.listProjects(tracking, principal, query);
      const items = await Promise.all(found.items.map((saved) => commands.projectBody(tracking, saved)));
      return { status: 200, body: { items, nextCursor: found.nextCursor } };
    },
  });

  api.route({
    method: 'get',
    path: '/projects/{projectId}',
    summary: 'Get a project',
    tags,
    auth: readers,
    params: projectParams,
    responses: { 200: projectResponse },
    handler: readHandler(tracking, 'projectId', commands.readProject, ok),
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/agreement',
    summary: 'Sign the agreement',
    description:
      "Fixes the tranches (the round's split of the grant) and the stipend rates; tranche 1 becomes payable. " +
      "409 /problems/round-rules-unknown while the round's rules have not reached tracking.",
    tags,
    auth: COORDINATOR,
    params: projectParams,
    headers: idempotencyKeyHeader,
    body: agreementBody,
    responses: { 201: { description: 'The project with its agreement', schema: project } },
    handler: (request) =>
      once(
        tracking.deps,
        'agreement',
        request,
        changeHandler(tracking, 'projectId', commands.signAgreement, created),
      ),
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/members/{participantId}/exit',
    summary: 'Record that a member left',
    description: 'Members are not replaced. Exits at the end of the project are recorded by completing it.',
    tags,
    auth: COORDINATOR,
    params: projectParams.extend({ participantId: idSchema }),
    body: memberExitBody,
    responses: { 200: projectResponse },
    handler: async ({ params, body, principal, requestId }) =>
      ok(
        await commands.exitMember(
          tracking,
          principal,
          params.projectId,
          { ...body, participantId: params.participantId },
          requestId,
        ),
      ),
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/surveys',
    summary: "Record a member's life-skills survey",
    description:
      'Baseline and endline while the project runs, follow-up after it; each wave once per member.',
    tags,
    auth: { roles: ['coordinator', 'host_org'] },
    params: projectParams,
    body: surveyBody,
    responses: { 201: { description: 'The survey', schema: survey } },
    handler: async ({ params, body, principal, requestId }) => ({
      status: 201,
      body: await commands.recordSurveyOf(tracking, principal, params.projectId, body, requestId),
    }),
  });

  api.route({
    method: 'get',
    path: '/projects/{projectId}/surveys',
    summary: "List a project's surveys",
    tags,
    auth: readers,
    params: projectParams,
    responses: {
      200: { description: 'Every survey of the project', schema: z.object({ items: z.array(survey) }) },
    },
    handler: readHandler(tracking, 'projectId', commands.surveysOf, itemsOf),
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/complete',
    summary: 'Complete the project',
    description:
      'Needs the accepted final report and, for each member still in the project, baseline and endline surveys ' +
      'and the status at exit; 409 /problems/completion-incomplete lists what is missing.',
    tags,
    auth: COORDINATOR,
    params: projectParams,
    body: completionBody,
    responses: { 200: projectResponse },
    handler: changeHandler(tracking, 'projectId', commands.complete, ok),
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/terminate',
    summary: 'Terminate the project',
    tags,
    auth: COORDINATOR,
    params: projectParams,
    body: terminationBody,
    responses: { 200: projectResponse },
    handler: changeHandler(tracking, 'projectId', commands.terminate, ok),
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/follow-ups',
    summary: "Record a member's status months after the project",
    tags,
    auth: COORDINATOR,
    params: projectParams,
    body: followUpBody,
    responses: { 201: projectResponse },
    handler: changeHandler(tracking, 'projectId', commands.recordFollowUp, created),
  });
}
