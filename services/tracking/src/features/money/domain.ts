import {
  type EducationLevel,
  recoveryOpenedV1,
  recoverySettledV1,
  stipendPaidV1,
  stipendPayableV1,
  trancheDisbursedV1,
  tranchePayableV1,
} from '@zhas/contracts';
import { type Change, type Decision, change, noChange, refuse } from '@zhas/domain';
import { type TrackingError } from '../../shared/errors';
import { trancheIdOf, stipendIdOf } from '../../shared/ids';
import { type Agreement, type ProjectState, type TrackingRules } from '../projects/domain';

// Money of a project: tranches of the grant, members' monthly stipends and funds recoveries. All amounts are
// whole tenge. The invariant: what is disbursed never exceeds the grant. It holds by construction (the tranches
// are the grant split exactly, each disbursed at most once) and is checked again on every disbursement.

const projectRef = (project: ProjectState) => ({
  projectId: project.projectId,
  roundId: project.roundId,
  region: project.region,
});

// ----- Tranches -----

export const trancheStatuses = ['scheduled', 'payable', 'disbursed'] as const;
export type TrancheStatus = (typeof trancheStatuses)[number];
export type TrancheBasis = 'agreement-signed' | 'mid-term-report-accepted';

export type TrancheState = {
  trancheId: string;
  projectId: string;
  bidId: string;
  roundId: string;
  region: string;
  trancheNumber: number;
  amountKzt: number;
  payeeParticipantId: string;
  status: TrancheStatus;
  basis?: TrancheBasis;
  payableAt?: string;
  disbursedOn?: string;
  disbursedAt?: string;
};

const trancheData = (tranche: TrancheState) => ({
  trancheId: tranche.trancheId,
  projectId: tranche.projectId,
  roundId: tranche.roundId,
  region: tranche.region,
  trancheNumber: tranche.trancheNumber,
  amountKzt: tranche.amountKzt,
  payeeParticipantId: tranche.payeeParticipantId,
});

/** The tranches a signed agreement schedules; tranche 1 is payable at once, the others wait (see below). */
export function scheduleTranches(
  project: ProjectState,
  agreement: Agreement,
  now: Date,
): Change<TrancheState>[] {
  return agreement.tranches.map(({ trancheNumber, amountKzt }) => {
    const scheduled: TrancheState = {
      trancheId: trancheIdOf(project.bidId, trancheNumber),
      projectId: project.projectId,
      bidId: project.bidId,
      roundId: project.roundId,
      region: project.region,
      trancheNumber,
      amountKzt,
      // Tranches are paid to the team leader (docs/architecture.md, "The grant cycle", step 6).
      payeeParticipantId: project.leaderParticipantId,
      status: 'scheduled',
    };
    return trancheNumber === 1 ? payable(scheduled, 'agreement-signed', now) : change(scheduled);
  });
}

/**
 * Tranche 1 follows the agreement; tranche 2 (and any later one a round's split defines) follows the accepted
 * mid-term report. Making a tranche payable twice changes nothing.
 */
export function makeTranchePayable(
  tranche: TrancheState,
  basis: TrancheBasis,
  now: Date,
): Decision<TrancheState, TrackingError> {
  if (tranche.status !== 'scheduled') return noChange;
  return payable(tranche, basis, now);
}

function payable(tranche: TrancheState, basis: TrancheBasis, now: Date): Change<TrancheState> {
  if (basis === 'agreement-signed' && tranche.trancheNumber !== 1)
    throw new Error('only tranche 1 follows the agreement');
  if (basis === 'mid-term-report-accepted' && tranche.trancheNumber === 1)
    throw new Error('tranche 1 follows the agreement');
  const payableAt = now.toISOString();
  return change({ ...tranche, status: 'payable', basis, payableAt }, [
    { definition: tranchePayableV1, data: { ...trancheData(tranche), basis, payableAt } },
  ]);
}

/** Sum of what has left the programme's account for a project. */
export const disbursedTotal = (tranches: readonly TrancheState[]): number =>
  tranches
    .filter((tranche) => tranche.status === 'disbursed')
    .reduce((total, tranche) => total + tranche.amountKzt, 0);

/** The coordinator records that a payable tranche was paid. Once; never beyond the grant. */
export function disburseTranche(
  project: ProjectState,
  tranche: TrancheState,
  projectTranches: readonly TrancheState[],
  disbursedOn: string,
  now: Date,
): Decision<TrancheState, TrackingError> {
  if (project.status !== 'active')
    return refuse('project-state', `A project that is ${project.status} receives no tranches.`, {
      projectStatus: project.status,
    });
  if (tranche.status === 'disbursed')
    return refuse('tranche-already-disbursed', `Tranche ${tranche.trancheNumber} is already disbursed.`);
  if (tranche.status !== 'payable')
    return refuse(
      'tranche-not-payable',
      tranche.trancheNumber === 1
        ? 'Tranche 1 becomes payable when the agreement is signed.'
        : `Tranche ${tranche.trancheNumber} becomes payable when the mid-term report is accepted.`,
    );
  const alreadyDisbursed = disbursedTotal(
    projectTranches.filter((other) => other.trancheId !== tranche.trancheId),
  );
  if (alreadyDisbursed + tranche.amountKzt > project.grantAmountKzt)
    return refuse('grant-exceeded', 'This disbursement would take the project beyond its grant.', {
      grantAmountKzt: project.grantAmountKzt,
      disbursedKzt: alreadyDisbursed,
      amountKzt: tranche.amountKzt,
    });
  const disbursedAt = now.toISOString();
  return change({ ...tranche, status: 'disbursed', disbursedOn, disbursedAt }, [
    { definition: trancheDisbursedV1, data: { ...trancheData(tranche), disbursedOn, disbursedAt } },
  ]);
}

// ----- Stipends -----

/** What the month's report says a member did: the conditions of that month's stipend. */
export type MemberMonth = {
  participantId: string;
  mentorSessionAttended: boolean;
  trainingCompleted: boolean;
  surveyCompleted: boolean;
};

export const stipendConditions = [
  'report-accepted',
  'mentor-session',
  'training',
  'survey',
  'member-active',
] as const;
export type StipendCondition = (typeof stipendConditions)[number];

/**
 * A member's stipend for a month is payable only when that month's report is accepted and the member attended
 * the mentor session, completed the training and the survey, and is still in the project. Returns what is
 * missing; an empty list means payable.
 */
export function missingStipendConditions(
  reportAccepted: boolean,
  month: MemberMonth,
  memberActive: boolean,
): StipendCondition[] {
  const missing: StipendCondition[] = [];
  if (!reportAccepted) missing.push('report-accepted');
  if (!month.mentorSessionAttended) missing.push('mentor-session');
  if (!month.trainingCompleted) missing.push('training');
  if (!month.surveyCompleted) missing.push('survey');
  if (!memberActive) missing.push('member-active');
  return missing;
}

export type RateCategory = 'graduate' | 'other';

/** The monthly rate follows the member's education level and the rules frozen in the agreement. */
export function stipendRate(
  rules: Pick<TrackingRules, 'stipendMonthlyKzt' | 'graduateEducationLevels'>,
  educationLevel: EducationLevel,
): { rateCategory: RateCategory; amountKzt: number } {
  const rateCategory: RateCategory = rules.graduateEducationLevels.includes(educationLevel)
    ? 'graduate'
    : 'other';
  return { rateCategory, amountKzt: rules.stipendMonthlyKzt[rateCategory] };
}

export const stipendStatuses = ['awaiting-education-level', 'payable', 'paid', 'not-paid'] as const;
export type StipendStatus = (typeof stipendStatuses)[number];

export type StipendState = {
  stipendId: string;
  projectId: string;
  bidId: string;
  roundId: string;
  region: string;
  participantId: string;
  projectMonth: number;
  status: StipendStatus;
  rateCategory?: RateCategory;
  amountKzt?: number;
  payableAt?: string;
  paidOn?: string;
  paidAt?: string;
};

const stipendData = (stipend: StipendState, amountKzt: number) => ({
  stipendId: stipend.stipendId,
  projectId: stipend.projectId,
  roundId: stipend.roundId,
  region: stipend.region,
  participantId: stipend.participantId,
  projectMonth: stipend.projectMonth,
  amountKzt,
});

/** A stipend earned: its amount is set now if the member's education level is known, or as soon as it is. */
export function earnStipend(
  project: ProjectState,
  projectMonth: number,
  participantId: string,
  educationLevel: EducationLevel | undefined,
  now: Date,
): Decision<StipendState, TrackingError> {
  const earned: StipendState = {
    stipendId: stipendIdOf(project.bidId, projectMonth, participantId),
    projectId: project.projectId,
    bidId: project.bidId,
    roundId: project.roundId,
    region: project.region,
    participantId,
    projectMonth,
    status: 'awaiting-education-level',
  };
  const rated = setStipendRate(earned, project, educationLevel, now);
  return rated.kind === 'no-change' ? change(earned) : rated;
}

/**
 * Fixes the amount of an earned stipend once the education level is known (no change until then); a rate of 0
 * pays nothing.
 */
export function setStipendRate(
  stipend: StipendState,
  project: ProjectState,
  educationLevel: EducationLevel | undefined,
  now: Date,
): Decision<StipendState, TrackingError> {
  if (stipend.status !== 'awaiting-education-level' || educationLevel === undefined || !project.agreement)
    return noChange;
  const { rateCategory, amountKzt } = stipendRate(project.agreement.rules, educationLevel);
  if (amountKzt === 0) return change({ ...stipend, status: 'not-paid', rateCategory, amountKzt });
  const payableAt = now.toISOString();
  return change({ ...stipend, status: 'payable', rateCategory, amountKzt, payableAt }, [
    { definition: stipendPayableV1, data: { ...stipendData(stipend, amountKzt), rateCategory, payableAt } },
  ]);
}

export function payStipend(
  stipend: StipendState,
  paidOn: string,
  now: Date,
): Decision<StipendState, TrackingError> {
  if (stipend.status === 'paid')
    return refuse('stipend-already-paid', 'This stipend is already paid.', {
      paidOn: stipend.paidOn,
    });
  if (stipend.status !== 'payable' || stipend.amountKzt === undefined)
    return refuse('stipend-not-payable', `This stipend is ${stipend.status}, not payable.`);
  const paidAt = now.toISOString();
  return change({ ...stipend, status: 'paid', paidOn, paidAt }, [
    { definition: stipendPaidV1, data: { ...stipendData(stipend, stipend.amountKzt), paidOn, paidAt } },
  ]);
}

// ----- Recoveries -----

export const recoveryReasons = [
  'misuse-of-funds',
  'ineligible-expense',
  'commercial-income',
  'unspent-funds',
  'overpayment',
] as const;
export type RecoveryReason = (typeof recoveryReasons)[number];
export type RecoveryOutcome = 'recovered' | 'partially-recovered' | 'written-off';

export type RecoveryState = {
  recoveryId: string;
  projectId: string;
  roundId: string;
  region: string;
  reason: RecoveryReason;
  amountKzt: number;
  status: 'open' | 'settled';
  openedAt: string;
  outcome?: RecoveryOutcome;
  recoveredAmountKzt?: number;
  writtenOffAmountKzt?: number;
  settledAt?: string;
};

/** Funds to be returned: never more than what was disbursed and is not already being recovered. */
export function openRecovery(
  project: ProjectState,
  recoveryId: string,
  input: { reason: RecoveryReason; amountKzt: number },
  disbursedKzt: number,
  alreadyClaimedKzt: number,
  now: Date,
): Decision<RecoveryState, TrackingError> {
  if (input.amountKzt + alreadyClaimedKzt > disbursedKzt)
    return refuse('recovery-exceeds-disbursed', 'More cannot be recovered than was disbursed.', {
      disbursedKzt,
      alreadyClaimedKzt,
    });
  const openedAt = now.toISOString();
  const state: RecoveryState = { recoveryId, ...projectRef(project), ...input, status: 'open', openedAt };
  return change(state, [
    { definition: recoveryOpenedV1, data: { recoveryId, ...projectRef(project), ...input, openedAt } },
  ]);
}

/** Settles a recovery; what was recovered and what was written off add up to the amount claimed. */
export function settleRecovery(
  recovery: RecoveryState,
  input: { recoveredAmountKzt: number; writtenOffAmountKzt: number },
  now: Date,
): Decision<RecoveryState, TrackingError> {
  if (recovery.status === 'settled') return refuse('recovery-settled', 'This recovery is already settled.');
  if (input.recoveredAmountKzt + input.writtenOffAmountKzt !== recovery.amountKzt)
    return refuse(
      'recovery-amounts',
      `Recovered and written-off amounts must add up to ${recovery.amountKzt} KZT.`,
      { amountKzt: recovery.amountKzt },
    );
  const outcome: RecoveryOutcome =
    input.writtenOffAmountKzt === 0
      ? 'recovered'
      : input.recoveredAmountKzt === 0
        ? 'written-off'
        : 'partially-recovered';
  const settledAt = now.toISOString();
  return change({ ...recovery, status: 'settled', outcome, ...input, settledAt }, [
    {
      definition: recoverySettledV1,
      data: {
        recoveryId: recovery.recoveryId,
        projectId: recovery.projectId,
        roundId: recovery.roundId,
        region: recovery.region,
        outcome,
        ...input,
        settledAt,
      },
    },
  ]);
}

// ----- A member's own stipends -----

/**
 * A member's stipend for one reported month as the member sees it: what was earned and paid, or why nothing was
 * (`withheld` with the conditions the accepted report shows as missed, `pending` while the report is not accepted).
 */
export type MemberStipendMonth = {
  projectMonth: number;
  status: StipendStatus | 'withheld' | 'pending';
  reasons: StipendCondition[];
  stipendId?: string;
  rateCategory?: RateCategory;
  amountKzt?: number;
  payableAt?: string;
  paidOn?: string;
};

type ReportedMonth = {
  projectMonth: number;
  status: 'submitted' | 'accepted' | 'returned';
  members: readonly MemberMonth[];
};

/**
 * The member's months, one per report the team has submitted, in month order. An accepted report that does not
 * list the member (they had left) withholds the month for `member-active`; no stipend is earned without an
 * accepted report, whatever the other conditions.
 */
export function memberStipendMonths(
  participantId: string,
  reports: readonly ReportedMonth[],
  stipends: readonly StipendState[],
): MemberStipendMonth[] {
  const earned = new Map(
    stipends
      .filter((stipend) => stipend.participantId === participantId)
      .map((stipend) => [stipend.projectMonth, stipend]),
  );
  return [...reports]
    .sort((a, b) => a.projectMonth - b.projectMonth)
    .map((report): MemberStipendMonth => {
      const { projectMonth } = report;
      const stipend = earned.get(projectMonth);
      if (stipend) {
        const { stipendId, status, rateCategory, amountKzt, payableAt, paidOn } = stipend;
        return {
          projectMonth,
          status,
          reasons: [],
          stipendId,
          ...(rateCategory === undefined ? {} : { rateCategory }),
          ...(amountKzt === undefined ? {} : { amountKzt }),
          ...(payableAt === undefined ? {} : { payableAt }),
          ...(paidOn === undefined ? {} : { paidOn }),
        };
      }
      const accepted = report.status === 'accepted';
      const month = report.members.find((member) => member.participantId === participantId);
      const reasons = month
        ? missingStipendConditions(accepted, month, true)
        : accepted
          ? (['member-active'] as StipendCondition[])
          : (['report-accepted'] as StipendCondition[]);
      // Accepted with every condition met but no stipend yet: the acceptance is still creating it.
      if (reasons.length === 0) return { projectMonth, status: 'pending', reasons: [] };
      return { projectMonth, status: accepted ? 'withheld' : 'pending', reasons };
    });
}
