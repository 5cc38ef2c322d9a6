import {
  type BidCheckReasonCode,
  type ReviewerRole,
  bidCheckFailedV1,
  bidCheckPassedV1,
  bidSubmittedV1,
  bidWithdrawnV1,
} from '@zhas/contracts';
import { type NewEvent } from '@zhas/messaging';
import { type Principal, canAccessRegion, hasRole, problems, requireParticipant } from '@zhas/service-kit';
import { outsideWindow, ruleViolation, wrongState } from '../../shared/problems';
import { type Decision } from '../participants/domain';
import { type RoundCopy } from '../rounds/round-copies';
import { type TeamState } from '../teams/domain';
import { type BidContent, emptyContent } from './content';
import { type CheckFacts, completenessReasons, technicalCheck } from './technical-check';

// A bid (DESIGN section 2, steps 4-5): a draft saved as often as the team likes, submitted within the youth window,
// checked automatically, reviewed, qualified or not, and decided by the region's lottery.

export const bidStatuses = [
  'draft',
  'check-failed',
  'in-review',
  'qualified',
  'not-qualified',
  'awarded',
  'not-awarded',
  'withdrawn',
] as const;
export type BidStatus = (typeof bidStatuses)[number];

export const notAwardedReasons = [
  'not-drawn-in-lottery',
  'not-qualified',
  'failed-technical-check',
  'round-cancelled',
] as const;
export type NotAwardedReason = (typeof notAwardedReasons)[number];

export const withdrawalReasons = ['team-decision', 'team-dissolved', 'eligibility-lost', 'other'] as const;
export type WithdrawalReason = (typeof withdrawalReasons)[number];

export type Review = {
  readonly reviewId: string;
  readonly reviewerId: string;
  readonly reviewerRole: ReviewerRole;
  readonly hostOrganizationId: string | null;
  readonly criteria: readonly { readonly code: string; readonly score: number; readonly comment: string }[];
  readonly totalScore: number;
  readonly reviewedAt: string;
};

export type ConflictDeclaration = {
  readonly reviewerId: string;
  readonly reason: string;
  readonly declaredAt: string;
};

export type BidState = {
  readonly bidId: string;
  /** Human number the team uses to follow its bid, e.g. ZHAS-2019-ALM-000123. */
  readonly registrationNumber: string;
  readonly teamId: string;
  readonly roundId: string;
  readonly region: string;
  /** The team's host organization at the last submission: its staff review the bid. Null: the committee does. */
  readonly hostOrganizationId: string | null;
  readonly status: BidStatus;
  readonly content: BidContent;
  readonly submissionNumber: number;
  readonly submittedAt: string | null;
  readonly checkReasons: readonly { readonly code: BidCheckReasonCode; readonly field: string | null }[];
  readonly checkedAt: string | null;
  readonly reviews: readonly Review[];
  readonly conflicts: readonly ConflictDeclaration[];
  readonly averageScore: number | null;
  readonly lotteryId: string | null;
  readonly notAwardedReason: NotAwardedReason | null;
  readonly awardedAmountKzt: number | null;
  readonly decidedAt: string | null;
  readonly withdrawalReason: WithdrawalReason | null;
};

/** Only the leader (or a coordinator) acts for the team on its bid. */
function requireLeader(principal: Principal, team: Pick<TeamState, 'leaderParticipantId' | 'region'>): void {
  requireParticipant(principal, team.leaderParticipantId, team.region);
}

function requireEditable(bid: BidState): void {
  if (bid.status !== 'draft' && bid.status !== 'check-failed') {
    throw wrongState(
      'bid',
      bid.status,
      `The bid is ${bid.status}; only a draft or a bid that failed the check changes.`,
    );
  }
}

export function createBid(
  principal: Principal,
  ids: { readonly bidId: string; readonly registrationNumber: string },
  team: TeamState,
  content: BidContent,
): BidState {
  requireLeader(principal, team);
  return {
    bidId: ids.bidId,
    registrationNumber: ids.registrationNumber,
    teamId: team.teamId,
    roundId: team.roundId,
    region: team.region,
    hostOrganizationId: team.hostOrganizationId,
    status: 'draft',
    content: { ...emptyContent, ...content },
    submissionNumber: 0,
    submittedAt: null,
    checkReasons: [],
    checkedAt: null,
    reviews: [],
    conflicts: [],
    averageScore: null,
    lotteryId: null,
    notAwardedReason: null,
    awardedAmountKzt: null,
    decidedAt: null,
    withdrawalReason: null,
  };
}

/** Autosave: replaces the content. The caller's version guards it, so two tabs never overwrite each other. */
export function saveDraft(
  principal: Principal,
  bid: BidState,
  team: TeamState,
  content: BidContent,
): BidState {
  requireLeader(principal, team);
  requireEditable(bid);
  return { ...bid, content };
}

/**
 * Submits the bid and runs the technical check at once. An incomplete bid is refused (422, nothing recorded); a
 * complete one is recorded as submitted with its check result, passed (in review) or failed with reasons (the
 * team may amend and submit again while the window is open).
 */
export function submit(
  principal: Principal,
  bid: BidState,
  facts: Omit<CheckFacts, 'content'> & {
    readonly team: TeamState;
    readonly round: Pick<RoundCopy, 'regions' | 'rules' | 'youthApplicationWindow' | 'status'>;
  },
  now: Date,
): Decision<BidState> {
  const { team, round } = facts;
  requireLeader(principal, team);
  requireEditable(bid);
  if (round.status !== 'published')
    throw problems.conflict('/problems/round-closed', `The round is ${round.status}.`);
  const { opensAt, closesAt } = round.youthApplicationWindow;
  if (now.getTime() < Date.parse(opensAt) || now.getTime() >= Date.parse(closesAt)) {
    throw outsideWindow(opensAt, closesAt);
  }
  if (team.status !== 'formed') {
    throw problems.conflict(
      '/problems/team-not-formed',
      'The leader forms the team before submitting its bid.',
    );
  }
  const content = bid.content;
  const incomplete = completenessReasons(content);
  if (incomplete.length > 0) {
    throw ruleViolation('/problems/bid-incomplete', 'Complete the bid before submitting it.', {
      reasons: technicalCheck({ ...facts, content }),
    });
  }
  const reasons = technicalCheck({ ...facts, content });
  const at = now.toISOString();
  const submissionNumber = bid.submissionNumber + 1;
  const shape = { bidId: bid.bidId, teamId: bid.teamId, roundId: bid.roundId, region: bid.region };
  const requestedAmountKzt = content.requestedAmountKzt ?? 0;
  const events: NewEvent[] = [
    {
      definition: bidSubmittedV1,
      data: {
        ...shape,
        ...(team.hostOrganizationId === null ? {} : { hostOrganizationId: team.hostOrganizationId }),
        submissionNumber,
        requestedAmountKzt,
        durationMonths: content.durationMonths ?? 0,
        budgetLines: content.budgetLines.map((line) => ({
          category: line.category,
          amountKzt: line.amountKzt,
        })),
        plannedBeneficiaries: content.plannedBeneficiaries ?? 0,
        memberCount: team.memberParticipantIds.length,
        submittedAt: at,
      },
    },
    reasons.length === 0
      ? { definition: bidCheckPassedV1, data: { ...shape, submissionNumber, checkedAt: at } }
      : {
          definition: bidCheckFailedV1,
          data: {
            ...shape,
            submissionNumber,
            reasons: reasons.map((reason) => ({
              code: reason.code,
              ...(reason.field === undefined ? {} : { field: reason.field }),
            })),
            checkedAt: at,
          },
        },
  ];
  return {
    state: {
      ...bid,
      hostOrganizationId: team.hostOrganizationId,
      status: reasons.length === 0 ? 'in-review' : 'check-failed',
      submissionNumber,
      submittedAt: at,
      checkReasons: reasons.map((reason) => ({ code: reason.code, field: reason.field ?? null })),
      checkedAt: at,
    },
    events,
  };
}

/** The team withdraws its bid before the decision. A draft never submitted leaves no event: nobody heard of it. */
export function withdraw(
  principal: Principal,
  bid: BidState,
  team: TeamState,
  reason: WithdrawalReason,
  now: Date,
): Decision<BidState> {
  requireLeader(principal, team);
  if (!['draft', 'check-failed', 'in-review', 'qualified'].includes(bid.status)) {
    throw wrongState('bid', bid.status, `The bid is ${bid.status}: the decision is made.`);
  }
  const withdrawnAt = now.toISOString();
  return {
    state: { ...bid, status: 'withdrawn', withdrawalReason: reason, decidedAt: withdrawnAt },
    events:
      bid.submissionNumber === 0
        ? []
        : [
            {
              definition: bidWithdrawnV1,
              data: {
                bidId: bid.bidId,
                teamId: bid.teamId,
                roundId: bid.roundId,
                region: bid.region,
                reason,
                withdrawnAt,
              },
            },
          ],
  };
}

/** The reviewers a bid is assigned to: its host organization's staff, or the committee for independent teams. */
export function isAssignedReviewer(principal: Principal, bid: BidState): boolean {
  if (bid.hostOrganizationId !== null) {
    return hasRole(principal, 'host_org') && principal.hostOrgId === bid.hostOrganizationId;
  }
  return hasRole(principal, 'committee') && canAccessRegion(principal, bid.region);
}

/** Team members, the assigned reviewers and region-scoped coordinators and viewers may see a bid. */
export function canViewBid(
  principal: Principal,
  bid: BidState,
  team: Pick<TeamState, 'memberParticipantIds'>,
) {
  if (
    hasRole(principal, 'applicant') &&
    principal.participantId !== undefined &&
    team.memberParticipantIds.includes(principal.participantId)
  ) {
    return true;
  }
  if (isAssignedReviewer(principal, bid)) return true;
  return hasRole(principal, 'coordinator', 'viewer') && canAccessRegion(principal, bid.region);
}

export function requireBidView(
  principal: Principal,
  bid: BidState,
  team: Pick<TeamState, 'memberParticipantIds'>,
) {
  if (!canViewBid(principal, bid, team))
    throw problems.forbidden('You may see only your own or assigned bids.');
}

/**
 * The status a team sees by its registration number: where the bid is and why, without the reviewers' identities.
 */
export function statusView(bid: BidState) {
  return {
    bidId: bid.bidId,
    registrationNumber: bid.registrationNumber,
    roundId: bid.roundId,
    region: bid.region,
    status: bid.status,
    submissionNumber: bid.submissionNumber,
    submittedAt: bid.submittedAt,
    checkReasons: bid.checkReasons,
    reviewCount: bid.reviews.length,
    averageScore: bid.averageScore,
    lotteryId: bid.lotteryId,
    notAwardedReason: bid.notAwardedReason,
    awardedAmountKzt: bid.awardedAmountKzt,
    decidedAt: bid.decidedAt,
  };
}

/** A registration number: programme, round year, region code, then a serial of that year and code. */
export function registrationNumberOf(year: number, region: string, serial: number): string {
  return `ZHAS-${year}-${regionCode(region)}-${String(serial).padStart(6, '0')}`;
}

/** Three letters for a region id: 'almaty-city' ALC, 'akmola' AKM, 'east-kazakhstan' EAK. */
export function regionCode(region: string): string {
  const words = region
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word !== '');
  const [first = 'X', second] = words;
  return (second === undefined ? first.slice(0, 3) : first.slice(0, 2) + second.slice(0, 1)).padEnd(3, 'X');
}
