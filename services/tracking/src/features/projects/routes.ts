import {
  criterionCodeSchema,
  exitStatusSchema,
  idSchema,
  memberExitReasons,
  percentScoreSchema,
  surveyWaveSchema,
} from '@zhas/contracts';
import { type Aggregate } from '@zhas/messaging';
import {
  type Api,
  idempotencyKeyHeader,
  listFilters,
  paginatedResponse,
  paginationQuery,
} from '@zhas/service-kit';
import { z } from 'zod';
import { type Tracking } from '../../shared/context';
import * as commands from './commands';
import { type ProjectState, projectStatuses, terminationReasons } from './domain';
import { projectView, surveyView } from './views';

const projectParams = z.object({ projectId: idSchema });
const isoDate = z.iso.date();
const versionField = z.int().min(1).meta({ description: 'The version you edited (from the last read).' });
const COORDINATOR = { roles: ['coordinator'] } as const;
const tags = ['projects'];

/** The project as the API shows it, with what it still waits for from other services. */
async function projectBody(tracking: Tracking, { state, version }: Aggregate<ProjectState>) {
  const waitingFor: 'round-rules'[] =
    state.status === 'opened' && !(await tracking.reference.rulesOf(state.roundId)) ? ['round-rules'] : [];
  return { ...state, version, waitingFor };
}

export function declareRoutes(api: Api, tracking: Tracking): void {
  const project = api.schema('Project', projectView);
  const survey = api.schema('Survey', surveyView);
  const readers = { roles: ['coordinator', 'viewer', 'host_org', 'applicant'] } as const;
  const projectResponse = { description: 'The project', schema: project };
  const ok = async (saved: Aggregate<ProjectState>) => ({
    status: 200 as const,
    body: await projectBody(tracking, saved),
  });

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
      const items = await Promise.all(found.items.map((saved) => projectBody(tracking, saved)));
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
    handler: async ({ params, principal }) =>
      ok(await commands.readProject(tracking, principal, params.projectId)),
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
    body: z.object({ signedOn: isoDate, startsOn: isoDate }),
    responses: { 201: { description: 'The project with its agreement', schema: project } },
    handler: ({ params, headers, body, principal, requestId }) =>
      tracking.deps.idempotent(
        {
          scope: `agreement:${principal.subject}`,
          key: headers['Idempotency-Key'],
          payload: { params, body },
        },
        async () => ({
          status: 201 as const,
          body: await projectBody(
            tracking,
            await commands.signAgreement(tracking, principal, params.projectId, body, requestId),
          ),
        }),
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
    body: z.object({
      version: versionField,
      reason: z.enum(memberExitReasons),
      exitStatus: exitStatusSchema,
      exitedOn: isoDate,
    }),
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
    body: z.object({
      participantId: idSchema,
      wave: surveyWaveSchema,
      instrument: criterionCodeSchema.meta({
        description: "The questionnaire and version, e.g. 'life-skills-2019'.",
      }),
      lifeSkillsScore: percentScoreSchema,
    }),
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
    handler: async ({ params, principal }) => ({
      status: 200,
      body: { items: await commands.surveysOf(tracking, principal, params.projectId) },
    }),
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
    body: z.object({
      version: versionField,
      completedOn: isoDate,
      members: z.array(z.object({ participantId: idSchema, exitStatus: exitStatusSchema })).max(50),
    }),
    responses: { 200: projectResponse },
    handler: async ({ params, body, principal, requestId }) =>
      ok(await commands.complete(tracking, principal, params.projectId, body, requestId)),
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/terminate',
    summary: 'Terminate the project',
    tags,
    auth: COORDINATOR,
    params: projectParams,
    body: z.object({ version: versionField, reason: z.enum(terminationReasons), terminatedOn: isoDate }),
    responses: { 200: projectResponse },
    handler: async ({ params, body, principal, requestId }) =>
      ok(await commands.terminate(tracking, principal, params.projectId, body, requestId)),
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/follow-ups',
    summary: "Record a member's status months after the project",
    tags,
    auth: COORDINATOR,
    params: projectParams,
    body: z.object({
      participantId: idSchema,
      monthsAfterCompletion: z.int().min(6).max(12),
      status: exitStatusSchema,
    }),
    responses: { 201: projectResponse },
    handler: async ({ params, body, principal, requestId }) => ({
      status: 201,
      body: await projectBody(
        tracking,
        await commands.recordFollowUp(tracking, principal, params.projectId, body, requestId),
      ),
    }),
  });
}
