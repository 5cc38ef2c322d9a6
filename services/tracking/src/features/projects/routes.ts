import { projectReports, projectSurveys, projectTranches } from './documents';
import {
  criterionCodeSchema,
  exitStatusSchema,
  idSchema,
  memberExitReasons,
  percentScoreSchema,
  surveyWaveSchema,
  type DataOf,
} from '@zhas/contracts';
import { splitKzt, kzt } from '@zhas/kz';
import { type ChangeContext } from '@zhas/messaging';
import {
  hasRole,
  idempotencyKeyHeader,
  paginatedResponse,
  paginationQuery,
  type Principal,
  problems,
  queryList,
  regionScope,
} from '@zhas/service-kit';
import { type Document, type Filter } from 'mongodb';
import { z } from 'zod';
import { type Tracking } from '../../shared/context';
import { createOnce, load, requireVersion, saveChange } from '../../shared/persistence';
import { listPage } from '../../shared/lists';
import { disbursedTotal, scheduleTranches } from '../money/domain';
import { totalBeneficiaries, totalExpenses } from '../reports/domain';
import { reportIdOf } from '../../shared/ids';
import {
  type Agreement,
  completeProject,
  exitMember,
  openProject,
  type ProjectState,
  projectStatuses,
  recordFollowUp,
  requireCoordinatorOf,
  requireProjectReader,
  signAgreement,
  terminateProject,
  terminationReasons,
} from './domain';
import { recordSurvey } from './surveys';
import { projectView, surveyView } from './views';

const projectParams = z.object({ projectId: idSchema });
const isoDate = z.iso.date();
const versionField = z.int().min(1).meta({ description: 'The version you edited (from the last read).' });

export const contextOf = (requestId: string, now: Date, causationId?: string): ChangeContext => ({
  correlationId: requestId || 'tracking',
  ...(causationId === undefined ? {} : { causationId }),
  now,
});

/** The project as the API shows it, with what it still waits for from other services. */
export async function projectBody(tracking: Tracking, project: { state: ProjectState; version: number }) {
  const waitingFor: 'round-rules'[] =
    project.state.status === 'opened' && !(await tracking.reference.rulesOf(project.state.roundId))
      ? ['round-rules']
      : [];
  return { ...project.state, version: project.version, waitingFor };
}

export async function loadProject(tracking: Tracking, projectId: string) {
  return load(tracking.projects, 'Project', projectId);
}

/** The project a principal may read, or 404/403. */
export async function readableProject(tracking: Tracking, principal: Principal, projectId: string) {
  const project = await loadProject(tracking, projectId);
  requireProjectReader(principal, project.state);
  return project;
}

/** Lists show what the principal may see: coordinators and viewers their regions, others their own projects. */
function projectScope(principal: Principal, regions: readonly string[] | undefined): Filter<Document> {
  if (hasRole(principal, 'coordinator', 'viewer')) {
    const scope = regionScope(principal, regions);
    return scope === undefined ? {} : { region: { $in: [...scope] } };
  }
  const own: Filter<Document>[] = [];
  if (hasRole(principal, 'host_org') && principal.hostOrgId)
    own.push({ hostOrganizationId: principal.hostOrgId });
  if (hasRole(principal, 'applicant') && principal.participantId)
    own.push({ memberParticipantIds: principal.participantId });
  if (own.length === 0) throw problems.forbidden('Your token names no participant or host organization.');
  const mine = own.length === 1 ? own[0]! : { $or: own };
  return regions === undefined ? mine : { $and: [mine, { region: { $in: [...regions] } }] };
}

/** Opens the project of an awarded bid. Idempotent: the id comes from the bid, and a second create is a no-op. */
export async function openFromAward(
  tracking: Tracking,
  event: { id: string; correlationid: string; data: DataOf<'applications.bid.awarded.v1'> },
): Promise<void> {
  const now = tracking.deps.now();
  const { state, events } = openProject(event.data, now);
  const created = await createOnce(
    tracking.projects,
    state.projectId,
    state,
    events,
    contextOf(event.correlationid, now, event.id),
  );
  if (created)
    tracking.deps.logger.info({ projectId: state.projectId, bidId: state.bidId }, 'project opened');
}

/**
 * Signs the agreement. Several documents change (agreement, tranches, project) without a transaction, so each step
 * is a create-once or a version-guarded write, in an order that a retry after a crash can resume: the agreement
 * as first recorded wins.
 */
async function sign(
  tracking: Tracking,
  principal: Principal,
  projectId: string,
  input: { signedOn: string; startsOn: string },
  requestId: string,
) {
  const now = tracking.deps.now();
  const project = await loadProject(tracking, projectId);
  requireCoordinatorOf(principal, project.state);
  const rules = await tracking.reference.rulesOf(project.state.roundId);
  const decided = signAgreement(
    project.state,
    rules,
    input,
    (grant, percentages) => splitKzt(kzt(grant), percentages),
    now,
  );
  const context = contextOf(requestId, now);
  const { projectId: _p, roundId, region } = project.state;
  const recorded = await createOnce(
    tracking.agreements,
    decided.agreement.agreementId,
    { ...decided.agreement, projectId, roundId, region },
    decided.events,
    context,
  );
  let agreement: Agreement = decided.agreement;
  if (!recorded) {
    const earlier = await tracking.agreements.get(decided.agreement.agreementId);
    if (earlier) {
      const { projectId: _id, roundId: _r, region: _g, ...terms } = earlier.state;
      agreement = terms;
    }
  }
  for (const tranche of scheduleTranches(project.state, agreement, now))
    await createOnce(tracking.tranches, tranche.state.trancheId, tranche.state, tranche.events, context);
  return saveChange(
    tracking.projects,
    project,
    { ...project.state, status: 'active', agreement },
    [],
    context,
  );
}

/** Everything completion checks, gathered from the project's other documents. */
async function completionFacts(tracking: Tracking, project: ProjectState) {
  const [reports, tranches, surveys] = await Promise.all([
    projectReports(tracking, project),
    projectTranches(tracking, project),
    projectSurveys(tracking, project),
  ]);
  const accepted = reports.filter((report) => report.status === 'accepted');
  return {
    finalReportAccepted: accepted.some(
      (report) => report.reportId === reportIdOf(project.bidId, project.durationMonths),
    ),
    disbursedKzt: disbursedTotal(tranches),
    spentKzt: accepted.reduce((total, report) => total + totalExpenses(report), 0),
    beneficiariesReached: accepted.reduce((total, report) => total + totalBeneficiaries(report), 0),
    surveys: new Set(surveys.map((survey) => `${survey.participantId}:${survey.wave}`)),
  };
}

export function declareProjectRoutes(tracking: Tracking): void {
  const { api } = tracking.deps;
  const project = api.schema('Project', projectView);
  const survey = api.schema('Survey', surveyView);
  const readers = { roles: ['coordinator', 'viewer', 'host_org', 'applicant'] } as const;
  const projectResponse = { description: 'The project', schema: project };

  api.route({
    method: 'get',
    path: '/projects',
    summary: 'List projects',
    description:
      'Coordinators and viewers see their regions; host organizations and team members their own projects.',
    tags: ['projects'],
    auth: readers,
    query: paginationQuery.extend({
      roundId: idSchema.optional(),
      region: queryList(z.string().min(1).max(64)).optional(),
      status: queryList(z.enum(projectStatuses)).optional(),
    }),
    responses: { 200: { description: 'A page of projects', schema: paginatedResponse(project) } },
    handler: async ({ query, principal }) => {
      const filter: Filter<Document> = {
        $and: [
          projectScope(principal, query.region),
          query.roundId === undefined ? {} : { roundId: query.roundId },
          query.status === undefined ? {} : { status: { $in: query.status } },
        ],
      };
      const found = await listPage(tracking.projects.collection, filter, query);
      const items = await Promise.all(
        found.items.map((doc) =>
          projectBody(tracking, { state: doc as unknown as ProjectState, version: Number(doc.version) }),
        ),
      );
      return { status: 200, body: { items, nextCursor: found.nextCursor } };
    },
  });

  api.route({
    method: 'get',
    path: '/projects/{projectId}',
    summary: 'Get a project',
    tags: ['projects'],
    auth: readers,
    params: projectParams,
    responses: { 200: projectResponse },
    handler: async ({ params, principal }) => ({
      status: 200,
      body: await projectBody(tracking, await readableProject(tracking, principal, params.projectId)),
    }),
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/agreement',
    summary: 'Sign the agreement',
    description:
      "Fixes the tranches (the round's split of the grant) and the stipend rates; tranche 1 becomes payable. " +
      "409 /problems/round-rules-unknown while the round's rules have not reached tracking.",
    tags: ['projects'],
    auth: { roles: ['coordinator'] },
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
            await sign(tracking, principal, params.projectId, body, requestId),
          ),
        }),
      ),
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/members/{participantId}/exit',
    summary: 'Record that a member left',
    description: 'Members are not replaced. Exits at the end of the project are recorded by completing it.',
    tags: ['projects'],
    auth: { roles: ['coordinator'] },
    params: projectParams.extend({ participantId: idSchema }),
    body: z.object({
      version: versionField,
      reason: z.enum(memberExitReasons),
      exitStatus: exitStatusSchema,
      exitedOn: isoDate,
    }),
    responses: { 200: projectResponse },
    handler: async ({ params, body, principal, requestId }) => {
      const now = tracking.deps.now();
      const current = await loadProject(tracking, params.projectId);
      requireCoordinatorOf(principal, current.state);
      requireVersion(current, body.version);
      const { version: _v, ...input } = body;
      const { state, events } = exitMember(
        current.state,
        { ...input, participantId: params.participantId },
        now,
      );
      const saved = await saveChange(tracking.projects, current, state, events, contextOf(requestId, now));
      return { status: 200, body: await projectBody(tracking, saved) };
    },
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/surveys',
    summary: "Record a member's life-skills survey",
    description:
      'Baseline and endline while the project runs, follow-up after it; each wave once per member.',
    tags: ['projects'],
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
    handler: async ({ params, body, principal, requestId }) => {
      const now = tracking.deps.now();
      const current = await loadProject(tracking, params.projectId);
      if (!hasRole(principal, 'coordinator')) {
        if (principal.hostOrgId === undefined || principal.hostOrgId !== current.state.hostOrganizationId)
          throw problems.forbidden(
            "Only the project's host organization or a coordinator records its surveys.",
          );
      } else requireCoordinatorOf(principal, current.state);
      const { state, events } = recordSurvey(current.state, body, now);
      const created = await createOnce(
        tracking.surveys,
        state.surveyId,
        state,
        events,
        contextOf(requestId, now),
      );
      if (!created)
        throw problems.conflict(
          '/problems/survey-recorded',
          `The ${body.wave} survey of this member is already recorded.`,
        );
      return { status: 201, body: created.state };
    },
  });

  api.route({
    method: 'get',
    path: '/projects/{projectId}/surveys',
    summary: "List a project's surveys",
    tags: ['projects'],
    auth: readers,
    params: projectParams,
    responses: {
      200: { description: 'Every survey of the project', schema: z.object({ items: z.array(survey) }) },
    },
    handler: async ({ params, principal }) => {
      const project = await readableProject(tracking, principal, params.projectId);
      return { status: 200, body: { items: await projectSurveys(tracking, project.state) } };
    },
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/complete',
    summary: 'Complete the project',
    description:
      'Needs the accepted final report and, for each member still in the project, baseline and endline surveys ' +
      'and the status at exit; 409 /problems/completion-incomplete lists what is missing.',
    tags: ['projects'],
    auth: { roles: ['coordinator'] },
    params: projectParams,
    body: z.object({
      version: versionField,
      completedOn: isoDate,
      members: z.array(z.object({ participantId: idSchema, exitStatus: exitStatusSchema })).max(50),
    }),
    responses: { 200: projectResponse },
    handler: async ({ params, body, principal, requestId }) => {
      const now = tracking.deps.now();
      const current = await loadProject(tracking, params.projectId);
      requireCoordinatorOf(principal, current.state);
      requireVersion(current, body.version);
      const facts = await completionFacts(tracking, current.state);
      const { state, events } = completeProject(current.state, facts, body, now);
      const saved = await saveChange(tracking.projects, current, state, events, contextOf(requestId, now));
      return { status: 200, body: await projectBody(tracking, saved) };
    },
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/terminate',
    summary: 'Terminate the project',
    tags: ['projects'],
    auth: { roles: ['coordinator'] },
    params: projectParams,
    body: z.object({ version: versionField, reason: z.enum(terminationReasons), terminatedOn: isoDate }),
    responses: { 200: projectResponse },
    handler: async ({ params, body, principal, requestId }) => {
      const now = tracking.deps.now();
      const current = await loadProject(tracking, params.projectId);
      requireCoordinatorOf(principal, current.state);
      requireVersion(current, body.version);
      const { state, events } = terminateProject(
        current.state,
        { reason: body.reason, terminatedOn: body.terminatedOn },
        now,
      );
      const saved = await saveChange(tracking.projects, current, state, events, contextOf(requestId, now));
      return { status: 200, body: await projectBody(tracking, saved) };
    },
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/follow-ups',
    summary: "Record a member's status months after the project",
    tags: ['projects'],
    auth: { roles: ['coordinator'] },
    params: projectParams,
    body: z.object({
      participantId: idSchema,
      monthsAfterCompletion: z.int().min(6).max(12),
      status: exitStatusSchema,
    }),
    responses: { 201: projectResponse },
    handler: async ({ params, body, principal, requestId }) => {
      const now = tracking.deps.now();
      const current = await loadProject(tracking, params.projectId);
      requireCoordinatorOf(principal, current.state);
      const { state, events } = recordFollowUp(current.state, body, now);
      const saved = await saveChange(tracking.projects, current, state, events, contextOf(requestId, now));
      return { status: 201, body: await projectBody(tracking, saved) };
    },
  });
}
