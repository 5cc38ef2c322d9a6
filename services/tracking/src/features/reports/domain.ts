import {
  type BudgetCategory,
  reportAcceptedV1,
  type ReportKind,
  type ReportReturnReason,
  reportReturnedV1,
  reportSubmittedV1,
  type Sex,
} from '@zhas/contracts';
import { type Decision, type Refusal, change, refuse } from '@zhas/domain';
import { type TrackingError } from '../../shared/errors';
import { reportIdOf } from '../../shared/ids';
import { activeMembers, type ProjectState } from '../projects/domain';
import { type MemberMonth } from '../money/domain';

// Monthly reports by the team leader, reviewed by the host organization or a coordinator.

/** Beneficiaries are anyone the project reached, children and elders included, so the bands go beyond 14-34. */
export const beneficiaryAgeBands = ['0-13', '14-17', '18-24', '25-29', '30-34', '35-59', '60+'] as const;
export type BeneficiaryAgeBand = (typeof beneficiaryAgeBands)[number];

export type ReportContent = {
  activitiesHeld: number;
  /** Short descriptions of the activities; kept here, never in events (free text). */
  activities: string[];
  beneficiaries: { sex: Sex; ageBand: BeneficiaryAgeBand; count: number }[];
  expenses: { category: BudgetCategory; amountKzt: number }[];
  commercialIncomeKzt: number;
  members: MemberMonth[];
};

export type ReportReturn = { reasons: ReportReturnReason[]; note?: string; returnedAt: string };

export type ReportState = ReportContent & {
  reportId: string;
  projectId: string;
  bidId: string;
  roundId: string;
  region: string;
  kind: ReportKind;
  projectMonth: number;
  status: 'submitted' | 'accepted' | 'returned';
  submissionNumber: number;
  submittedAt: string;
  acceptedAt?: string;
  returns: ReportReturn[];
};

/** The month of the mid-term report: half-way through, rounded up (month 3 of 6). */
export const midTermMonth = (durationMonths: number): number => Math.ceil(durationMonths / 2);

/** Every month has its report; the last is the final report, the middle one the mid-term report. */
export function reportKindOf(projectMonth: number, durationMonths: number): ReportKind {
  if (projectMonth === durationMonths) return 'final';
  if (projectMonth === midTermMonth(durationMonths)) return 'mid-term';
  return 'monthly';
}

/** Accepting this report makes the tranches after the first payable (a one-month project has no other report). */
export const unlocksLaterTranches = (
  report: Pick<ReportState, 'kind' | 'projectMonth'>,
  durationMonths: number,
) =>
  report.kind === 'mid-term' || (report.kind === 'final' && midTermMonth(durationMonths) === durationMonths);

export const totalBeneficiaries = (content: Pick<ReportContent, 'beneficiaries'>) =>
  content.beneficiaries.reduce((total, group) => total + group.count, 0);

export const totalExpenses = (content: Pick<ReportContent, 'expenses'>) =>
  content.expenses.reduce((total, line) => total + line.amountKzt, 0);

const reportRef = (report: ReportState) => ({
  reportId: report.reportId,
  projectId: report.projectId,
  roundId: report.roundId,
  region: report.region,
  kind: report.kind,
  projectMonth: report.projectMonth,
});

/**
 * Submits the report of a month, or resubmits a returned one. The members listed are exactly the members still
 * in the project, each once: their mentor session, training and survey decide their stipends.
 */
export function submitReport(
  project: ProjectState,
  existing: ReportState | undefined,
  projectMonth: number,
  content: ReportContent,
  now: Date,
): ReportDecision {
  if (project.status !== 'active')
    return refuse(
      'project-state',
      project.status === 'opened'
        ? 'Reports start once the agreement is signed.'
        : `A project that is ${project.status} takes no more reports.`,
      { projectStatus: project.status },
    );
  if (projectMonth > project.durationMonths)
    return refuse('month-out-of-range', `The project lasts ${project.durationMonths} months.`, {
      durationMonths: project.durationMonths,
    });
  if (existing && existing.status !== 'returned')
    return refuse(
      'report-exists',
      `The report of month ${projectMonth} is ${existing.status}; only a returned report is submitted again.`,
      { reportId: existing.reportId, reportStatus: existing.status },
    );
  const active = activeMembers(project);
  const listed = content.members.map((member) => member.participantId);
  const unknown = listed.filter((participantId) => !active.includes(participantId));
  const absent = active.filter((participantId) => !listed.includes(participantId));
  if (unknown.length > 0 || absent.length > 0 || new Set(listed).size !== listed.length)
    return refuse('report-members', 'A report lists each member still in the project exactly once.', {
      notActiveMembers: unknown,
      missingMembers: absent,
    });
  const submittedAt = now.toISOString();
  const report: ReportState = {
    reportId: reportIdOf(project.bidId, projectMonth),
    projectId: project.projectId,
    bidId: project.bidId,
    roundId: project.roundId,
    region: project.region,
    kind: reportKindOf(projectMonth, project.durationMonths),
    projectMonth,
    ...content,
    status: 'submitted',
    submissionNumber: existing ? existing.submissionNumber + 1 : 1,
    submittedAt,
    returns: existing?.returns ?? [],
  };
  return change(report, [
    {
      definition: reportSubmittedV1,
      data: {
        ...reportRef(report),
        submissionNumber: report.submissionNumber,
        activitiesHeld: content.activitiesHeld,
        beneficiariesReached: totalBeneficiaries(content),
        expenses: content.expenses,
        commercialIncomeKzt: content.commercialIncomeKzt,
        members: content.members,
        submittedAt,
      },
    },
  ]);
}

type ReportDecision = Decision<ReportState, TrackingError>;

function refuseUnlessSubmitted(report: ReportState): Refusal<TrackingError> | undefined {
  if (report.status === 'submitted') return undefined;
  return refuse('report-not-submitted', `The report is ${report.status}, not awaiting review.`, {
    reportStatus: report.status,
  });
}

export function acceptReport(report: ReportState, now: Date): ReportDecision {
  const refused = refuseUnlessSubmitted(report);
  if (refused) return refused;
  const acceptedAt = now.toISOString();
  return change({ ...report, status: 'accepted', acceptedAt }, [
    { definition: reportAcceptedV1, data: { ...reportRef(report), acceptedAt } },
  ]);
}

export function returnReport(
  report: ReportState,
  input: { reasons: ReportReturnReason[]; note?: string },
  now: Date,
): ReportDecision {
  const refused = refuseUnlessSubmitted(report);
  if (refused) return refused;
  const returnedAt = now.toISOString();
  return change({ ...report, status: 'returned', returns: [...report.returns, { ...input, returnedAt }] }, [
    { definition: reportReturnedV1, data: { ...reportRef(report), reasons: input.reasons, returnedAt } },
  ]);
}
