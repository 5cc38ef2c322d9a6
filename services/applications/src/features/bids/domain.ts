import {
  type BidCheckReasonCode,
  type NotAwardedReason,
  type WithdrawalReason,
  type ReviewerRole,
  bidCheckFailedV1,
  bidDraftSavedV1,
  bidCheckPassedV1,
  bidNotAwardedV1,
  bidSubmittedV1,
  bidWithdrawnV1,
} from '@zhas/contracts';
import {
  type Actor,
  type Change,
  type Decision,
  type NewEvent,
  type Refusal,
  change,
  forbidden,
  noChange,
  refuse,
} from '@zhas/domain';
import { type ApplicationsError, wrongState } from '../../shared/errors';
import { type RoundCopy } from '../rounds/store';
import { type TeamState } from '../teams/domain';
import { type BidContent, emptyContent } from './content';
import { canActForTeam, canEditDraft, canSeeBid } from './policy';
import { type CheckFacts, completenessReasons, technicalCheck } from './technical-check';

// A bid (docs/architecture.md, "The grant cycle", steps 4-5): a draft saved as often as the team likes, submitted
// within the youth window, checked automatically, reviewed, qualified or not, and decided by the region's lottery.

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

/** A reviewer's scores and comments saved before submitting; the reviewer alone sees it. */
export type ReviewDraft = {
  readonly reviewerId: string;
  readonly criteria: readonly {
    readonly code: string;
    readonly score: number | null;
    readonly comment: string;
  }[];
  readonly savedAt: string;
};

/**
 * Where an in-review bid is in its review: no reviewer assigned yet, some assigned reviewers still to score it, or
 * every assigned reviewer done (scored, or declared a conflict and was replaced). Kept as a field so that lists
 * and counts filter on it.
 */
export type ReviewStage = 'unassigned' | 'awaiting' | 'complete';

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
  /** The reviewers a coordinator assigned (absent on bids saved before assignments existed: none). */
  readonly assignedReviewerIds?: readonly string[];
  /** Assigned reviewers who have neither scored nor declared a conflict: the bid is in their queue. */
  readonly awaitingReviewerIds?: readonly string[];
  readonly reviewStage?: ReviewStage;
  readonly reviewDrafts?: readonly ReviewDraft[];
  readonly averageScore: number | null;
  readonly lotteryId: string | null;
  readonly notAwardedReason: NotAwardedReason | null;
  readonly awardedAmountKzt: number | null;
  readonly decidedAt: string | null;
  readonly withdrawalReason: WithdrawalReason | null;
  /** Its submissions and the statuses it reached, oldest first. */
  readonly history?: readonly BidStep[];
};

/** One step of the bid's way, for the team's "status over time": a submission, or the status it then reached. */
export type BidStep = {
  readonly step: 'submitted' | Exclude<BidStatus, 'draft'>;
  readonly at: string;
  readonly submissionNumber: number;
};

export type BidDecision = Decision<BidState, ApplicationsError>;

/** The bid in a new status, the step kept in its history (absent on bids saved before it was kept: empty). */
export function moveTo(bid: BidState, status: Exclude<BidStatus, 'draft'>, at: string): BidState {
  return {
    ...bid,
    status,
    history: [...(bid.history ?? []), { step: status, at, submissionNumber: bid.submissionNumber }],
  };
}
type Check = Refusal<ApplicationsError> | undefined;

function refuseUnlessLeader(actor: Actor, team: Pick<TeamState, 'leaderParticipantId' | 'region'>): Check {
  return canActForTeam(actor, team)
    ? undefined
    : forbidden('You may act only for your own participant record.');
}

function refuseUnlessEditable(bid: BidState): Check {
  if (bid.status === 'draft' || bid.status === 'check-failed') return undefined;
  return wrongState(
    'bid',
    bid.status,
    `The bid is ${bid.status}; only a draft or a bid that failed the check changes.`,
  );
}

/**
 * Whether the actor may start the team's bid: the leader does, once. A team has one bid, which it amends and
 * submits again (the store derives the bid's id from the team's, so a second bid cannot be saved either).
 */
export function refuseNewBid(
  actor: Actor,
  team: Pick<TeamState, 'leaderParticipantId' | 'region'>,
  existing: Pick<BidState, 'bidId'> | undefined,
): Check {
  return (
    refuseUnlessLeader(actor, team) ??
    (existing ? refuse('bid-exists', 'The team has a bid already.', { bidId: existing.bidId }) : undefined)
  );
}

export function createBid(
  actor: Actor,
  ids: { readonly bidId: string; readonly registrationNumber: string },
  team: TeamState,
  content: BidContent,
  existing?: Pick<BidState, 'bidId'>,
): Change<BidState> | Refusal<ApplicationsError> {
  const refused = refuseNewBid(actor, team, existing);
  if (refused) return refused;
  return change({
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
    assignedReviewerIds: [],
    awaitingReviewerIds: [],
    reviewStage: 'unassigned',
    reviewDrafts: [],
    averageScore: null,
    lotteryId: null,
    notAwardedReason: null,
    awardedAmountKzt: null,
    decidedAt: null,
    withdrawalReason: null,
  });
}

/**
 * Autosave: replaces the content. Any member of the team edits it; the caller's version guards it, so two members
 * (or two tabs) never overwrite each other: the later save is refused and the person chooses what to keep. The
 * event tells the other members (docs/adr/0006).
 */
export function saveDraft(
  actor: Actor,
  bid: BidState,
  team: TeamState,
  content: BidContent,
  now: Date,
): BidDecision {
  const refused =
    (canEditDraft(actor, team) ? undefined : forbidden('Only members of the team edit its bid.')) ??
    refuseUnlessEditable(bid);
  return (
    refused ??
    change({ ...bid, content }, [
      {
        definition: bidDraftSavedV1,
        data: {
          bidId: bid.bidId,
          teamId: bid.teamId,
          roundId: bid.roundId,
          region: bid.region,
          ...(actor.participantId ? { savedByParticipantId: actor.participantId } : {}),
          savedAt: now.toISOString(),
        },
      },
    ])
  );
}

/**
 * Submits the bid and runs the technical check at once. An incomplete bid is refused (422, nothing recorded); a
 * complete one is recorded as submitted with its check result, passed (in review) or failed with reasons (the
 * team may amend and submit again while the window is open).
 */
export function submit(
  actor: Actor,
  bid: BidState,
  facts: Omit<CheckFacts, 'content'> & {
    readonly team: TeamState;
    readonly round: Pick<RoundCopy, 'regions' | 'rules' | 'youthApplicationWindow' | 'status'>;
  },
  now: Date,
): BidDecision {
  const { team, round } = facts;
  const { opensAt, closesAt } = round.youthApplicationWindow;
  const refused =
    refuseUnlessLeader(actor, team) ??
    refuseUnlessEditable(bid) ??
    (round.status === 'published' ? undefined : refuse('round-closed', `The round is ${round.status}.`)) ??
    (now.getTime() < Date.parse(opensAt) || now.getTime() >= Date.parse(closesAt)
      ? refuse('outside-window', `The youth application window is open from ${opensAt} to ${closesAt}.`, {
          opensAt,
          closesAt,
        })
      : undefined) ??
    (team.status === 'formed'
      ? undefined
      : refuse('team-not-formed', 'The leader forms the team before submitting its bid.'));
  if (refused) return refused;
  const content = bid.content;
  if (completenessReasons(content).length > 0) {
    return refuse('bid-incomplete', 'Complete the bid before submitting it.', {
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
  const submitted: BidState = {
    ...bid,
    hostOrganizationId: team.hostOrganizationId,
    submissionNumber,
    submittedAt: at,
    checkReasons: reasons.map((reason) => ({ code: reason.code, field: reason.field ?? null })),
    checkedAt: at,
    history: [...(bid.history ?? []), { step: 'submitted', at, submissionNumber }],
  };
  return change(moveTo(submitted, reasons.length === 0 ? 'in-review' : 'check-failed', at), events);
}

/** The team withdraws its bid before the decision. A draft never submitted leaves no event: nobody heard of it. */
export function withdraw(
  actor: Actor,
  bid: BidState,
  team: TeamState,
  reason: WithdrawalReason,
  now: Date,
): BidDecision {
  const refused =
    refuseUnlessLeader(actor, team) ??
    (['draft', 'check-failed', 'in-review', 'qualified'].includes(bid.status)
      ? undefined
      : wrongState('bid', bid.status, `The bid is ${bid.status}: the decision is made.`));
  if (refused) return refused;
  const withdrawnAt = now.toISOString();
  return change(
    { ...moveTo(bid, 'withdrawn', withdrawnAt), withdrawalReason: reason, decidedAt: withdrawnAt },
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
  );
}

/** A submitted bid (not a draft, not withdrawn) holds its team as it was submitted. */
export function isSubmitted(bid: Pick<BidState, 'status'>): boolean {
  return bid.status !== 'draft' && bid.status !== 'withdrawn';
}

/**
 * A cancelled round decides every submitted bid not yet decided: none is awarded. Deciding it again changes
 * nothing, so a redelivered cancellation is harmless.
 */
export function cancelledRoundOutcome(bid: BidState, now: Date): BidDecision {
  if (!['check-failed', 'in-review', 'qualified', 'not-qualified'].includes(bid.status)) return noChange;
  const decidedAt = now.toISOString();
  return change(
    { ...moveTo(bid, 'not-awarded', decidedAt), notAwardedReason: 'round-cancelled', decidedAt },
    [
      {
        definition: bidNotAwardedV1,
        data: {
          bidId: bid.bidId,
          teamId: bid.teamId,
          roundId: bid.roundId,
          region: bid.region,
          reason: 'round-cancelled',
          decidedAt,
        },
      },
    ],
  );
}

/** Whether the actor may see the bid (undefined: yes). */
export function refuseRead(
  actor: Actor,
  bid: BidState,
  team: Pick<TeamState, 'memberParticipantIds'>,
): Check {
  return canSeeBid(actor, bid, team) ? undefined : forbidden('You may see only your own or assigned bids.');
}

/**
 * The status a team sees by its registration number: where the bid is and why, without the reviewers' identities.
 */
export function statusView(bid: BidState) {
  return {
    ...bidHeading(bid),
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

/** What names a bid wherever it is shown: its ids, round, region and status. */
export function bidHeading(bid: BidState) {
  return {
    bidId: bid.bidId,
    registrationNumber: bid.registrationNumber,
    roundId: bid.roundId,
    region: bid.region,
    status: bid.status,
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
