import {
  agreementSignedV1,
  type DataOf,
  type EducationLevel,
  type ExitStatus,
  type MemberExitReason,
  projectCompletedV1,
  projectFollowUpRecordedV1,
  projectMemberExitedV1,
  projectOpenedV1,
  projectTerminatedV1,
} from '@zhas/contracts';
import { kazakhstanDateOf } from '@zhas/kz';
import {
  type Actor,
  type Change,
  type Decision,
  type Refusal,
  canAccessRegion,
  change,
  forbidden,
  hasRole,
  notFound,
  refuse,
} from '@zhas/domain';
import { endOfMonths } from '../../shared/dates';
import { type TrackingError } from '../../shared/errors';
import { canManageProject, canReadProject, canRecordSurveys, canReport, canReviewReports } from './policy';
import { agreementIdOf, projectIdOf } from '../../shared/ids';

// A project: an awarded bid followed to its end (docs/architecture.md, "The grant cycle", steps 6-7). Pure
// decisions: state in, new state and events out; the clock comes in as `now`.

export const projectStatuses = ['opened', 'active', 'completed', 'terminated'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

export const terminationReasons = [
  'misuse-of-funds',
  'commercial-activity',
  'team-dissolved',
  'non-reporting',
  'team-request',
] as const;
export type TerminationReason = (typeof terminationReasons)[number];

export type FollowUp = { monthsAfterCompletion: number; status: ExitStatus; recordedAt: string };

export type ProjectMember = {
  participantId: string;
  active: boolean;
  exit?: { reason: MemberExitReason; exitStatus: ExitStatus; exitedOn: string };
  followUps: FollowUp[];
};

/** The round's rules tracking needs, as a local copy (competitions events) and as frozen in an agreement. */
export type TrackingRules = {
  rulesVersion: number;
  grantCeilingKzt: number;
  projectDurationMonths: number;
  stipendMonthlyKzt: { graduate: number; other: number };
  graduateEducationLevels: EducationLevel[];
  tranchePercentages: number[];
};

export type Agreement = {
  agreementId: string;
  signedOn: string;
  startsOn: string;
  endsOn: string;
  tranches: { trancheNumber: number; amountKzt: number }[];
  /** The rules in force at signing: a later revision of the round does not change a signed agreement. */
  rules: TrackingRules;
  signedAt: string;
};

export type ProjectState = {
  projectId: string;
  bidId: string;
  teamId: string;
  roundId: string;
  region: string;
  hostOrganizationId?: string;
  leaderParticipantId: string;
  /** Every member as awarded (also the field lists filter on). */
  memberParticipantIds: string[];
  members: ProjectMember[];
  grantAmountKzt: number;
  durationMonths: number;
  status: ProjectStatus;
  openedAt: string;
  agreement?: Agreement;
  completion?: {
    completedOn: string;
    disbursedKzt: number;
    spentKzt: number;
    beneficiariesReached: number;
    membersCompleted: number;
  };
  termination?: { reason: TerminationReason; terminatedOn: string };
};

export type ProjectDecision = Decision<ProjectState, TrackingError>;
type Check = Refusal<TrackingError> | undefined;

const projectRef = (project: ProjectState) => ({
  projectId: project.projectId,
  roundId: project.roundId,
  region: project.region,
});

/** The project an award opens; its id is derived from the bid, so a redelivered award finds it again. */
export function openProject(award: DataOf<'applications.bid.awarded.v1'>, now: Date): Change<ProjectState> {
  const state: ProjectState = {
    projectId: projectIdOf(award.bidId),
    bidId: award.bidId,
    teamId: award.teamId,
    roundId: award.roundId,
    region: award.region,
    ...(award.hostOrganizationId === undefined ? {} : { hostOrganizationId: award.hostOrganizationId }),
    leaderParticipantId: award.leaderParticipantId,
    memberParticipantIds: [...award.memberParticipantIds],
    members: award.memberParticipantIds.map((participantId) => ({
      participantId,
      active: true,
      followUps: [],
    })),
    grantAmountKzt: award.awardedAmountKzt,
    durationMonths: award.durationMonths,
    status: 'opened',
    openedAt: now.toISOString(),
  };
  return change(state, [
    {
      definition: projectOpenedV1,
      data: {
        ...projectRef(state),
        bidId: state.bidId,
        teamId: state.teamId,
        ...(state.hostOrganizationId === undefined ? {} : { hostOrganizationId: state.hostOrganizationId }),
        leaderParticipantId: state.leaderParticipantId,
        memberParticipantIds: state.memberParticipantIds,
        grantAmountKzt: state.grantAmountKzt,
        durationMonths: state.durationMonths,
        openedAt: state.openedAt,
      },
    },
  ]);
}

function refuseStatus(project: ProjectState, allowed: readonly ProjectStatus[], action: string): Check {
  if (allowed.includes(project.status)) return undefined;
  return refuse('project-state', `A project that is ${project.status} cannot ${action}.`, {
    projectStatus: project.status,
  });
}

export interface SignAgreementInput {
  readonly signedOn: string;
  readonly startsOn: string;
}

/**
 * Signs the agreement with the round's rules as they are now; the project becomes active with the agreement in its
 * state, and the events are those of the agreement document. Tranche amounts come from the rules' split with
 * splitKzt, so they add up to the grant exactly. The tranches themselves are decided in money/domain.ts.
 */
export function signAgreement(
  project: ProjectState,
  rules: TrackingRules | undefined,
  input: SignAgreementInput,
  splitGrant: (grant: number, percentages: readonly number[]) => number[],
  now: Date,
): Change<ProjectState & { agreement: Agreement }> | Refusal<TrackingError> {
  const wrongStatus = refuseStatus(project, ['opened'], 'have an agreement signed');
  if (wrongStatus) return wrongStatus;
  if (!rules)
    return refuse(
      'round-rules-unknown',
      `The rules of round ${project.roundId} have not reached tracking yet; the agreement can be signed once they do.`,
      { roundId: project.roundId },
    );
  if (project.grantAmountKzt > rules.grantCeilingKzt)
    return refuse(
      'grant-exceeds-ceiling',
      `The grant of ${project.grantAmountKzt} KZT is above the round's ceiling of ${rules.grantCeilingKzt} KZT.`,
      { grantAmountKzt: project.grantAmountKzt, grantCeilingKzt: rules.grantCeilingKzt },
    );
  if (input.startsOn < input.signedOn)
    return refuse('starts-before-signing', 'The project cannot start before it is signed.');
  const tranches = splitGrant(project.grantAmountKzt, rules.tranchePercentages).map((amountKzt, index) => ({
    trancheNumber: index + 1,
    amountKzt,
  }));
  const agreement: Agreement = {
    agreementId: agreementIdOf(project.bidId),
    signedOn: input.signedOn,
    startsOn: input.startsOn,
    endsOn: endOfMonths(input.startsOn, project.durationMonths),
    tranches,
    rules,
    signedAt: now.toISOString(),
  };
  // The events are the agreement's: the agreement document records them (see projects/commands.ts).
  return change({ ...project, status: 'active' as const, agreement }, [
    {
      definition: agreementSignedV1,
      data: {
        agreementId: agreement.agreementId,
        ...projectRef(project),
        bidId: project.bidId,
        grantAmountKzt: project.grantAmountKzt,
        tranches,
        signedOn: agreement.signedOn,
        startsOn: agreement.startsOn,
        endsOn: agreement.endsOn,
        signedAt: agreement.signedAt,
      },
    },
  ]);
}

export const activeMembers = (project: ProjectState): string[] =>
  project.members.filter((member) => member.active).map((member) => member.participantId);

function memberOf(project: ProjectState, participantId: string): ProjectMember | Refusal<TrackingError> {
  return (
    project.members.find((candidate) => candidate.participantId === participantId) ??
    notFound('Member', participantId)
  );
}

/** The project with one member's record changed. */
function withMember(
  project: ProjectState,
  member: ProjectMember,
  changes: Partial<ProjectMember>,
): ProjectState {
  return {
    ...project,
    members: project.members.map((candidate) =>
      candidate === member ? { ...candidate, ...changes } : candidate,
    ),
  };
}

function isMember(found: ProjectMember | Refusal<TrackingError>): found is ProjectMember {
  return 'participantId' in found;
}

export interface MemberExitInput {
  readonly participantId: string;
  readonly reason: MemberExitReason;
  readonly exitStatus: ExitStatus;
  readonly exitedOn: string;
}

/** A member leaves early; members are not replaced, so the team simply gets smaller. */
export function exitMember(project: ProjectState, input: MemberExitInput, now: Date): ProjectDecision {
  const wrongStatus = refuseStatus(project, ['opened', 'active'], 'record a member leaving');
  if (wrongStatus) return wrongStatus;
  const member = memberOf(project, input.participantId);
  if (!isMember(member)) return member;
  if (!member.active)
    return refuse('member-already-exited', `Member ${input.participantId} has already left.`);
  if (activeMembers(project).length === 1)
    return refuse(
      'last-member',
      'The last member cannot leave a running project: terminate the project instead.',
    );
  if (input.reason === 'project-completed' || input.reason === 'project-terminated')
    return refuse(
      'exit-reason',
      'Exits at the end of a project are recorded by completing or terminating it.',
    );
  return change(
    withMember(project, member, {
      active: false,
      exit: { reason: input.reason, exitStatus: input.exitStatus, exitedOn: input.exitedOn },
    }),
    [
      {
        definition: projectMemberExitedV1,
        data: { ...projectRef(project), ...input, exitedAt: now.toISOString() },
      },
    ],
  );
}

/** What completion checks, gathered from the project's reports, tranches and surveys. */
export interface CompletionFacts {
  readonly finalReportAccepted: boolean;
  readonly disbursedKzt: number;
  readonly spentKzt: number;
  readonly beneficiariesReached: number;
  /** `participantId:wave` of every survey recorded for the project. */
  readonly surveys: ReadonlySet<string>;
}

export interface CompletionInput {
  readonly completedOn: string;
  readonly members: readonly { participantId: string; exitStatus: ExitStatus }[];
}

/**
 * Completes a project: the final report is accepted, every member still in it has a baseline and an endline
 * survey and an exit status. Their exits are recorded with the completion, in one change.
 */
export function completeProject(
  project: ProjectState,
  facts: CompletionFacts,
  input: CompletionInput,
  now: Date,
): ProjectDecision {
  const wrongStatus = refuseStatus(project, ['active'], 'be completed');
  if (wrongStatus) return wrongStatus;
  const active = activeMembers(project);
  const missing: string[] = [];
  if (!facts.finalReportAccepted) missing.push('final-report');
  for (const participantId of active) {
    if (!facts.surveys.has(`${participantId}:baseline`)) missing.push(`${participantId}:baseline-survey`);
    if (!facts.surveys.has(`${participantId}:endline`)) missing.push(`${participantId}:endline-survey`);
  }
  const given = new Map(input.members.map((member) => [member.participantId, member.exitStatus]));
  for (const participantId of active)
    if (!given.has(participantId)) missing.push(`${participantId}:exit-status`);
  const strangers = [...given.keys()].filter((participantId) => !active.includes(participantId));
  if (strangers.length > 0)
    return refuse('not-active-members', 'Exit statuses are given for active members only.', {
      participantIds: strangers,
    });
  if (missing.length > 0)
    return refuse('completion-incomplete', 'The project cannot be completed yet.', {
      missing,
    });
  const completedAt = now.toISOString();
  const completion = {
    completedOn: input.completedOn,
    disbursedKzt: facts.disbursedKzt,
    spentKzt: facts.spentKzt,
    beneficiariesReached: facts.beneficiariesReached,
    membersCompleted: active.length,
  };
  return change(
    {
      ...project,
      status: 'completed',
      completion,
      members: project.members.map((member) => {
        const exitStatus = given.get(member.participantId);
        return member.active && exitStatus
          ? {
              ...member,
              active: false,
              exit: { reason: 'project-completed', exitStatus, exitedOn: input.completedOn },
            }
          : member;
      }),
    },
    [
      ...active.map((participantId) => ({
        definition: projectMemberExitedV1,
        data: {
          ...projectRef(project),
          participantId,
          reason: 'project-completed',
          exitStatus: given.get(participantId),
          exitedOn: input.completedOn,
          exitedAt: completedAt,
        },
      })),
      {
        definition: projectCompletedV1,
        data: { ...projectRef(project), bidId: project.bidId, ...completion, completedAt },
      },
    ],
  );
}

export function terminateProject(
  project: ProjectState,
  input: { reason: TerminationReason; terminatedOn: string },
  now: Date,
): ProjectDecision {
  const wrongStatus = refuseStatus(project, ['opened', 'active'], 'be terminated');
  if (wrongStatus) return wrongStatus;
  return change({ ...project, status: 'terminated', termination: input }, [
    {
      definition: projectTerminatedV1,
      data: { ...projectRef(project), ...input, terminatedAt: now.toISOString() },
    },
  ]);
}

/** A member's status 6-12 months after the project (recorded once per member and interval). */
export function recordFollowUp(
  project: ProjectState,
  input: { participantId: string; monthsAfterCompletion: number; status: ExitStatus },
  now: Date,
): ProjectDecision {
  const wrongStatus = refuseStatus(
    project,
    ['completed', 'terminated'],
    'record a follow-up before it has ended',
  );
  if (wrongStatus) return wrongStatus;
  const member = memberOf(project, input.participantId);
  if (!isMember(member)) return member;
  if (member.followUps.some((followUp) => followUp.monthsAfterCompletion === input.monthsAfterCompletion))
    return refuse(
      'follow-up-recorded',
      `The follow-up ${input.monthsAfterCompletion} months after the project is already recorded for this member.`,
    );
  const recordedAt = now.toISOString();
  return change(
    withMember(project, member, {
      followUps: [
        ...member.followUps,
        { monthsAfterCompletion: input.monthsAfterCompletion, status: input.status, recordedAt },
      ],
    }),
    [{ definition: projectFollowUpRecordedV1, data: { ...projectRef(project), ...input, recordedAt } }],
  );
}

/** Today in Kazakhstan: dates in the programme are local dates. */
export const todayOf = (now: Date): string => kazakhstanDateOf(now);

// Refusals of the project's policies (policy.ts), with the sentence each says.

export function refuseReader(actor: Actor, project: ProjectState): Check {
  return canReadProject(actor, project) ? undefined : forbidden('This project is not yours to see.');
}

/** Refused unless `allowed`: a coordinator is told the region is not theirs, anyone else `otherwise`. */
function refuseUnless(
  allowed: boolean,
  actor: Actor,
  project: Pick<ProjectState, 'region'>,
  otherwise: string,
): Check {
  if (allowed) return undefined;
  return forbidden(
    hasRole(actor, 'coordinator') ? `Your access does not cover region ${project.region}.` : otherwise,
  );
}

export function refuseManager(actor: Actor, project: Pick<ProjectState, 'region'>): Check {
  const otherwise = 'This action needs one of the roles: coordinator.';
  return refuseUnless(canManageProject(actor, project), actor, project, otherwise);
}

export function refuseReporter(actor: Actor, project: ProjectState): Check {
  return canReport(actor, project)
    ? undefined
    : forbidden("Only the team leader submits the project's reports.");
}

export function refuseReportReviewer(actor: Actor, project: ProjectState): Check {
  const otherwise = "Only the project's host organization or a coordinator reviews its reports.";
  return refuseUnless(canReviewReports(actor, project), actor, project, otherwise);
}

/** Staff reading a project's money records (recoveries) see only their regions. */
export function refuseOutsideRegion(actor: Actor, project: Pick<ProjectState, 'region'>): Check {
  if (canAccessRegion(actor, project.region)) return undefined;
  return forbidden(`Your access does not cover region ${project.region}.`);
}

export function refuseSurveyRecorder(actor: Actor, project: ProjectState): Check {
  const otherwise = "Only the project's host organization or a coordinator records its surveys.";
  return refuseUnless(canRecordSurveys(actor, project), actor, project, otherwise);
}
