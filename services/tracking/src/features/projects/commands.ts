import { type DataOf } from '@zhas/contracts';
import {
  type Actor,
  Refused,
  change,
  forbidden,
  noChange,
  notFound,
  refuse,
  regionScope,
  unlessRefused,
} from '@zhas/domain';
import { kzt, splitKzt } from '@zhas/kz';
import { type Aggregate, auditOf, handleCommand, handleRequest } from '@zhas/messaging';
import { type PaginationQuery } from '@zhas/service-kit';
import { type Tracking, commandOptions } from '../../shared/context';
import { reportIdOf, surveyIdOf } from '../../shared/ids';
import { disbursedTotal, scheduleTranches } from '../money/domain';
import { totalBeneficiaries, totalExpenses } from '../reports/domain';
import { findProjects, projectReports, projectSurveys, projectTranches } from './store';
import * as domain from './domain';
import {
  type CompletionInput,
  type MemberExitInput,
  type ProjectState,
  type ProjectStatus,
  type TerminationReason,
} from './domain';
import { projectListScope } from './policy';
import { recordSurvey, type SurveyState } from './surveys';

type Project = Aggregate<ProjectState>;

export async function loadProject(tracking: Tracking, projectId: string): Promise<Project> {
  const found = await tracking.projects.get(projectId);
  if (!found) throw new Refused(notFound('Project', projectId));
  return found;
}

/** The project as the API shows it, with what it still waits for from other services. */
export async function projectBody(tracking: Tracking, { state, version }: Project) {
  const waitingFor: 'round-rules'[] =
    state.status === 'opened' && !(await tracking.reference.rulesOf(state.roundId)) ? ['round-rules'] : [];
  return { ...state, version, waitingFor };
}

/** The project, for those who may read it. */
export async function readProject(tracking: Tracking, actor: Actor, projectId: string): Promise<Project> {
  const project = await loadProject(tracking, projectId);
  unlessRefused(domain.refuseReader(actor, project.state));
  return project;
}

/** Coordinators and viewers see their regions; host organizations and team members their own projects. */
export async function listProjects(
  tracking: Tracking,
  actor: Actor,
  query: PaginationQuery & {
    roundId?: string;
    region?: readonly string[];
    status?: readonly ProjectStatus[];
  },
) {
  const scope = projectListScope(actor);
  if (scope.kind === 'own' && !scope.hostOrganizationId && !scope.participantId) {
    throw new Refused(forbidden('Your token names no participant or host organization.'));
  }
  const regions = scope.kind === 'regions' ? regionScope(actor, query.region) : query.region;
  return findProjects(tracking, scope, { roundId: query.roundId, regions, status: query.status }, query);
}

/** Opens the project of an awarded bid. Idempotent: the id comes from the bid, and a redelivered award changes nothing. */
export async function openFromAward(
  tracking: Tracking,
  event: { id: string; correlationid: string; data: DataOf<'applications.bid.awarded.v1'> },
): Promise<void> {
  const { state } = domain.openProject(event.data, tracking.deps.now());
  const { changed } = await handleCommand(
    tracking.projects,
    state.projectId,
    (existing, now) => (existing ? noChange : domain.openProject(event.data, now)),
    { ...commandOptions(tracking, event.correlationid, { causationId: event.id }), create: true },
  );
  if (changed)
    tracking.deps.logger.info({ projectId: state.projectId, bidId: state.bidId }, 'project opened');
}

/**
 * Signs the agreement. Several documents change (agreement, tranches, project) without a transaction, so each step
 * creates its document once or writes the project at the version read, in an order that a retry after a crash
 * can resume: the agreement as first recorded wins.
 */
export async function signAgreement(
  tracking: Tracking,
  actor: Actor,
  projectId: string,
  input: domain.SignAgreementInput,
  requestId: string,
): Promise<Project> {
  const project = await loadProject(tracking, projectId);
  unlessRefused(domain.refuseManager(actor, project.state));
  const rules = await tracking.reference.rulesOf(project.state.roundId);
  const now = tracking.deps.now();
  const signed = unlessRefused(
    domain.signAgreement(
      project.state,
      rules,
      input,
      (grant, percentages) => splitKzt(kzt(grant), percentages),
      now,
    ),
  );
  const options = {
    ...commandOptions(tracking, requestId, { audit: auditOf(actor, 'agreement.signed') }),
    create: true as const,
  };
  const { roundId, region } = project.state;
  const decided = signed.state.agreement;
  const recorded = await handleCommand(
    tracking.agreements,
    decided.agreementId,
    (existing) => (existing ? noChange : change({ ...decided, projectId, roundId, region }, signed.events)),
    options,
  );
  const { projectId: _p, roundId: _r, region: _g, ...agreement } = recorded.aggregate.state;
  for (const tranche of scheduleTranches(project.state, agreement, now)) {
    await handleCommand(
      tracking.tranches,
      tranche.state.trancheId,
      (existing) => (existing ? noChange : tranche),
      options,
    );
  }
  return handleRequest(
    tracking.deps,
    tracking.projects,
    projectId,
    { actor, action: 'project.agreement-signed', requestId, expectedVersion: project.version },
    (current) => change({ ...current, status: 'active' as const, agreement }),
  );
}

/**
 * A coordinator's decision on the project, at the version they edited when they state one: the commands below
 * differ only in what they decide.
 */
function coordinatorDecision<Input extends { readonly version?: number }>(
  action: string,
  decide: (
    project: ProjectState,
    input: Input,
    now: Date,
    tracking: Tracking,
  ) => Promise<domain.ProjectDecision> | domain.ProjectDecision,
) {
  return async (
    tracking: Tracking,
    actor: Actor,
    projectId: string,
    input: Input,
    requestId: string,
  ): Promise<Project> => {
    await loadProject(tracking, projectId);
    return handleRequest(
      tracking.deps,
      tracking.projects,
      projectId,
      { actor, action, requestId, expectedVersion: input.version },
      async (project, now) =>
        domain.refuseManager(actor, project) ?? (await decide(project, input, now, tracking)),
    );
  };
}

export const exitMember = coordinatorDecision(
  'project.member-exited',
  (project, input: MemberExitInput & { version: number }, now) => {
    const { version: _version, ...exit } = input;
    return domain.exitMember(project, exit, now);
  },
);

export const complete = coordinatorDecision(
  'project.completed',
  async (project, input: CompletionInput & { version: number }, now, tracking) =>
    domain.completeProject(project, await completionFacts(tracking, project), input, now),
);

export const terminate = coordinatorDecision(
  'project.terminated',
  (project, input: { version: number; reason: TerminationReason; terminatedOn: string }, now) => {
    const { version: _version, ...termination } = input;
    return domain.terminateProject(project, termination, now);
  },
);

/** A member's status months after the project; it states no version and is refused the second time. */
export const recordFollowUp = coordinatorDecision(
  'project.follow-up-recorded',
  (project, input: Parameters<typeof domain.recordFollowUp>[1] & { version?: undefined }, now) =>
    domain.recordFollowUp(project, input, now),
);

/** A member's life-skills survey, each wave once per member. */
export async function recordSurveyOf(
  tracking: Tracking,
  actor: Actor,
  projectId: string,
  input: Parameters<typeof recordSurvey>[1],
  requestId: string,
): Promise<SurveyState> {
  const project = await loadProject(tracking, projectId);
  unlessRefused(domain.refuseSurveyRecorder(actor, project.state));
  const { aggregate } = await handleCommand(
    tracking.surveys,
    surveyIdOf(project.state.bidId, input.participantId, input.wave),
    (existing, now) =>
      existing
        ? refuse('survey-recorded', `The ${input.wave} survey of this member is already recorded.`)
        : recordSurvey(project.state, input, now),
    { ...commandOptions(tracking, requestId, { audit: auditOf(actor, 'survey.recorded') }), create: true },
  );
  return aggregate.state;
}

export async function surveysOf(tracking: Tracking, actor: Actor, projectId: string) {
  const project = await readProject(tracking, actor, projectId);
  return projectSurveys(tracking, project.state);
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
