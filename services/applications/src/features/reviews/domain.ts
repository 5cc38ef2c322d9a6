import { bidNotQualifiedV1, bidQualifiedV1, bidReviewedV1 } from '@zhas/contracts';
import { type Actor, type Decision, type Refusal, change, forbidden, noChange, refuse } from '@zhas/domain';
import { type ApplicationsError, wrongState } from '../../shared/errors';
import { type BidState, moveTo, type ReviewDraft, type ReviewStage } from '../bids/domain';
import { type RoundCopy } from '../rounds/store';
import { canAssignReviewers, canDecideQualification, canReview } from './policy';

// Review (docs/architecture.md, "The grant cycle", step 5b): a coordinator assigns reviewers of the bid's pool (its
// host organization's staff, or the region's committee for independent teams); each scores the round's rubric,
// declaring a conflict of interest first when there is one (the bid then leaves their queue and goes to another
// reviewer of the pool); the coordinator then decides whether the mean score reaches the round's qualifying score.

export const conflictReasons = [
  'family-relation',
  'financial-interest',
  'personal-relation',
  'other',
] as const;
export type ConflictReason = (typeof conflictReasons)[number];

export interface Rubric {
  readonly criteria: readonly { readonly code: string; readonly score: number; readonly comment: string }[];
}

/** A rubric being filled in: a criterion may have no score yet. */
export interface DraftRubric {
  readonly criteria: readonly {
    readonly code: string;
    readonly score: number | null;
    readonly comment: string;
  }[];
}

/** Scores and averages are kept to two decimals, so that everyone computes the same numbers. */
export function roundScore(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The weighted total (0-100) of a rubric under the round's criteria weights. */
export function weightedTotal(
  scores: readonly { readonly code: string; readonly score: number }[],
  criteria: readonly { readonly code: string; readonly weightPercent: number }[],
): number {
  const byCode = new Map(scores.map((score) => [score.code, score.score]));
  return roundScore(
    criteria.reduce(
      (total, criterion) => total + (byCode.get(criterion.code) ?? 0) * criterion.weightPercent,
      0,
    ) / 100,
  );
}

type BidDecision = Decision<BidState, ApplicationsError>;
type Check = Refusal<ApplicationsError> | undefined;

/** The assignment fields of a bid saved before assignments existed read as "nobody assigned". */
export function assignmentOf(bid: BidState) {
  return {
    assigned: bid.assignedReviewerIds ?? [],
    awaiting: bid.awaitingReviewerIds ?? [],
    drafts: bid.reviewDrafts ?? [],
  };
}

export function reviewStageOf(assigned: readonly string[], awaiting: readonly string[]): ReviewStage {
  if (assigned.length === 0) return 'unassigned';
  return awaiting.length > 0 ? 'awaiting' : 'complete';
}

/** The bid with new assignment lists and the stage they give. */
function withAssignment(bid: BidState, assigned: readonly string[], awaiting: readonly string[]): BidState {
  return {
    ...bid,
    assignedReviewerIds: [...assigned],
    awaitingReviewerIds: [...awaiting],
    reviewStage: reviewStageOf(assigned, awaiting),
  };
}

function refuseUnlessInReview(bid: BidState): Check {
  if (bid.status === 'in-review') return undefined;
  return wrongState('bid', bid.status, `The bid is ${bid.status}, not in review.`);
}

function refuseUnlessReviewer(actor: Actor, bid: BidState, reviewerId: string): Check {
  if (canReview(actor, bid, reviewerId)) return undefined;
  return forbidden(
    assignmentOf(bid).assigned.length > 0
      ? 'This bid is assigned to other reviewers.'
      : bid.hostOrganizationId === null
        ? 'This bid is reviewed by the committee of its region.'
        : "This bid is reviewed by the team's host organization.",
  );
}

const hasScored = (bid: BidState, reviewerId: string) =>
  bid.reviews.some((review) => review.reviewerId === reviewerId);
const hasConflict = (bid: BidState, reviewerId: string) =>
  bid.conflicts.some((conflict) => conflict.reviewerId === reviewerId);

/**
 * A coordinator adds reviewers of the bid's pool (the caller checked the pool; see planAssignments). Reviewers who
 * scored or declared a conflict are not assigned again; adding one already assigned changes nothing.
 */
export function assignReviewers(actor: Actor, bid: BidState, reviewerIds: readonly string[]): BidDecision {
  const refused =
    (canAssignReviewers(actor, bid)
      ? undefined
      : forbidden(`Only a coordinator of region ${bid.region} assigns its reviewers.`)) ??
    refuseUnlessInReview(bid);
  if (refused) return refused;
  const { assigned, awaiting } = assignmentOf(bid);
  const added = reviewerIds.filter(
    (id) => !assigned.includes(id) && !hasScored(bid, id) && !hasConflict(bid, id),
  );
  if (added.length === 0) return noChange;
  return change(withAssignment(bid, [...assigned, ...added], [...awaiting, ...added]));
}

/**
 * A reviewer declares a conflict of interest and abstains; declaring twice changes nothing. The bid leaves their
 * queue, and `replacement` (another reviewer of the pool, chosen by the caller) takes their place when there is one.
 */
export function declareConflict(
  actor: Actor,
  bid: BidState,
  reviewerId: string,
  reason: ConflictReason,
  replacement: string | undefined,
  now: Date,
): BidDecision {
  const refused =
    refuseUnlessReviewer(actor, bid, reviewerId) ??
    refuseUnlessInReview(bid) ??
    (hasScored(bid, reviewerId)
      ? refuse(
          'already-reviewed',
          'You reviewed this bid already; a conflict must be declared before scoring.',
        )
      : undefined);
  if (refused) return refused;
  if (hasConflict(bid, reviewerId)) return noChange;
  const { assigned, awaiting, drafts } = assignmentOf(bid);
  const wasAssigned = assigned.includes(reviewerId);
  const replacedBy =
    wasAssigned &&
    replacement !== undefined &&
    replacement !== reviewerId &&
    !assigned.includes(replacement) &&
    !hasScored(bid, replacement) &&
    !hasConflict(bid, replacement)
      ? replacement
      : undefined;
  const nextAssigned = [...assigned.filter((id) => id !== reviewerId), ...(replacedBy ? [replacedBy] : [])];
  const nextAwaiting = [...awaiting.filter((id) => id !== reviewerId), ...(replacedBy ? [replacedBy] : [])];
  return change({
    ...withAssignment(bid, nextAssigned, nextAwaiting),
    conflicts: [...bid.conflicts, { reviewerId, reason, declaredAt: now.toISOString() }],
    // A draft of a reviewer who may not score is of no use, and its comments should not linger.
    reviewDrafts: drafts.filter((draft) => draft.reviewerId !== reviewerId),
  });
}

/** Checks a rubric's criteria against the round's: each once, none unknown. */
function refuseRubricMismatch(
  given: readonly string[],
  round: Pick<RoundCopy, 'rules'>,
  { complete }: { complete: boolean },
): Check {
  const expected = round.rules.bidReviewCriteria.map((criterion) => criterion.code);
  const missing = complete ? expected.filter((code) => !given.includes(code)) : [];
  const unknown = given.filter((code) => !expected.includes(code));
  if (missing.length > 0 || unknown.length > 0 || new Set(given).size !== given.length) {
    return refuse('rubric-mismatch', `Score each criterion of the round once: ${expected.join(', ')}.`, {
      missing,
      unknown,
    });
  }
  return undefined;
}

/** The reviewer saves their scores and comments so far; no event: nothing is decided until they submit. */
export function saveReviewDraft(
  actor: Actor,
  bid: BidState,
  reviewerId: string,
  rubric: DraftRubric,
  round: Pick<RoundCopy, 'rules'>,
  now: Date,
): BidDecision {
  const refused =
    refuseUnlessReviewer(actor, bid, reviewerId) ??
    refuseUnlessInReview(bid) ??
    (hasConflict(bid, reviewerId)
      ? refuse('conflict-of-interest', 'You declared a conflict of interest for this bid.')
      : undefined) ??
    (hasScored(bid, reviewerId) ? refuse('already-reviewed', 'You reviewed this bid already.') : undefined) ??
    refuseRubricMismatch(
      rubric.criteria.map((criterion) => criterion.code),
      round,
      { complete: false },
    );
  if (refused) return refused;
  const draft: ReviewDraft = {
    reviewerId,
    criteria: rubric.criteria.map((criterion) => ({ ...criterion })),
    savedAt: now.toISOString(),
  };
  const { drafts } = assignmentOf(bid);
  return change({
    ...bid,
    reviewDrafts: [...drafts.filter((existing) => existing.reviewerId !== reviewerId), draft],
  });
}

export function review(
  actor: Actor,
  bid: BidState,
  command: { readonly reviewId: string; readonly reviewerId: string; readonly rubric: Rubric },
  round: Pick<RoundCopy, 'rules'>,
  now: Date,
): BidDecision {
  const { reviewerId } = command;
  const refused =
    refuseUnlessReviewer(actor, bid, reviewerId) ??
    refuseUnlessInReview(bid) ??
    (hasConflict(bid, reviewerId)
      ? refuse(
          'conflict-of-interest',
          'You declared a conflict of interest for this bid and may not score it.',
        )
      : undefined) ??
    (hasScored(bid, reviewerId) ? refuse('already-reviewed', 'You reviewed this bid already.') : undefined) ??
    refuseRubricMismatch(
      command.rubric.criteria.map((criterion) => criterion.code),
      round,
      { complete: true },
    );
  if (refused) return refused;
  const totalScore = weightedTotal(command.rubric.criteria, round.rules.bidReviewCriteria);
  const reviewedAt = now.toISOString();
  const reviewerRole = bid.hostOrganizationId === null ? 'committee' : 'host-organization';
  const entry = {
    reviewId: command.reviewId,
    reviewerId,
    reviewerRole,
    hostOrganizationId: bid.hostOrganizationId,
    criteria: command.rubric.criteria.map((criterion) => ({ ...criterion })),
    totalScore,
    reviewedAt,
  } as const;
  const { assigned, awaiting, drafts } = assignmentOf(bid);
  return change(
    {
      ...withAssignment(
        bid,
        assigned,
        awaiting.filter((id) => id !== reviewerId),
      ),
      reviews: [...bid.reviews, entry],
      reviewDrafts: drafts.filter((draft) => draft.reviewerId !== reviewerId),
    },
    [
      {
        definition: bidReviewedV1,
        data: {
          bidId: bid.bidId,
          teamId: bid.teamId,
          roundId: bid.roundId,
          region: bid.region,
          reviewId: command.reviewId,
          reviewerId,
          reviewerRole,
          ...(bid.hostOrganizationId === null ? {} : { hostOrganizationId: bid.hostOrganizationId }),
          // Comments are free text: they stay in the service.
          criteria: command.rubric.criteria.map((criterion) => ({
            code: criterion.code,
            score: criterion.score,
          })),
          totalScore,
          reviewedAt,
        },
      },
    ],
  );
}

/** The mean of the reviewers' totals; the bid qualifies when it reaches the round's qualifying score. */
export function decideQualification(
  actor: Actor,
  bid: BidState,
  round: Pick<RoundCopy, 'rules'>,
  now: Date,
): BidDecision {
  const refused =
    (canDecideQualification(actor, bid)
      ? undefined
      : forbidden(`Only a coordinator of region ${bid.region} decides whether the bid qualifies.`)) ??
    refuseUnlessInReview(bid) ??
    (bid.reviews.length === 0 ? refuse('no-reviews', 'The bid has no review yet.') : undefined);
  if (refused) return refused;
  const averageScore = roundScore(
    bid.reviews.reduce((sum, entry) => sum + entry.totalScore, 0) / bid.reviews.length,
  );
  const at = now.toISOString();
  const shape = { bidId: bid.bidId, teamId: bid.teamId, roundId: bid.roundId, region: bid.region };
  const qualifies = averageScore >= round.rules.qualifyingScore;
  return change({ ...moveTo(bid, qualifies ? 'qualified' : 'not-qualified', at), averageScore }, [
    qualifies
      ? {
          definition: bidQualifiedV1,
          data: { ...shape, averageScore, reviewCount: bid.reviews.length, qualifiedAt: at },
        }
      : {
          definition: bidNotQualifiedV1,
          data: {
            ...shape,
            reason: 'below-qualifying-score',
            averageScore,
            reviewCount: bid.reviews.length,
            decidedAt: at,
          },
        },
  ]);
}

/** Whether a bulk decision may decide the bid: in review, every assigned reviewer done, at least one score. */
export function isReadyForDecision(bid: BidState): boolean {
  return bid.status === 'in-review' && bid.reviews.length > 0 && assignmentOf(bid).awaiting.length === 0;
}

/** What the planner needs of a bid: who reviews it now and who may not. */
export interface PlanBid {
  readonly bidId: string;
  /** The reviewers who may review it (its pool), in a stable order. */
  readonly pool: readonly string[];
  readonly assigned: readonly string[];
  /** Reviewers who scored it or declared a conflict: never assigned again. */
  readonly excluded: readonly string[];
}

/**
 * Tops every bid up to `perBid` assigned reviewers from its pool, each time taking the pool member with the fewest
 * assignments so far (ties by pool order), so that work spreads evenly. `load` starts from assignments elsewhere in
 * the round. Pure and deterministic: the same bids and pools give the same plan.
 */
export function planAssignments(
  bids: readonly PlanBid[],
  perBid: number,
  load: ReadonlyMap<string, number> = new Map(),
): Map<string, string[]> {
  const counts = new Map(load);
  for (const bid of bids) for (const id of bid.assigned) counts.set(id, (counts.get(id) ?? 0) + 1);
  const plan = new Map<string, string[]>();
  for (const bid of bids) {
    const added: string[] = [];
    const taken = new Set([...bid.assigned, ...bid.excluded]);
    while (bid.assigned.length + added.length < perBid) {
      const candidates = bid.pool.filter((id) => !taken.has(id));
      if (candidates.length === 0) break;
      const next = candidates.reduce((best, id) =>
        (counts.get(id) ?? 0) < (counts.get(best) ?? 0) ? id : best,
      );
      added.push(next);
      taken.add(next);
      counts.set(next, (counts.get(next) ?? 0) + 1);
    }
    if (added.length > 0) plan.set(bid.bidId, added);
  }
  return plan;
}

/** The replacement for a reviewer who declared a conflict: the least loaded free member of the pool. */
export function replacementFor(bid: PlanBid, load: ReadonlyMap<string, number>): string | undefined {
  const taken = new Set([...bid.assigned, ...bid.excluded]);
  const candidates = bid.pool.filter((id) => !taken.has(id));
  if (candidates.length === 0) return undefined;
  return candidates.reduce((best, id) => ((load.get(id) ?? 0) < (load.get(best) ?? 0) ? id : best));
}

/** How a region's bids are reviewed in a round: how many reviewers per bid, and by when. */
export type ReviewPlanState = {
  readonly planId: string;
  readonly roundId: string;
  readonly region: string;
  readonly reviewersPerBid: number;
  /** When the reviewers' scores are due (shown in their queues). */
  readonly dueAt: string;
};

export function reviewPlanIdOf(roundId: string, region: string): string {
  return `rp-${roundId}-${region}`;
}

/** A coordinator of the region sets (or changes) the plan; the same plan again changes nothing. */
export function setReviewPlan(
  actor: Actor,
  plan: Omit<ReviewPlanState, 'planId'>,
  existing: ReviewPlanState | undefined,
): Decision<ReviewPlanState, ApplicationsError> {
  if (!canAssignReviewers(actor, plan)) {
    return forbidden(`Only a coordinator of region ${plan.region} assigns its reviewers.`);
  }
  const next: ReviewPlanState = { planId: reviewPlanIdOf(plan.roundId, plan.region), ...plan };
  if (existing && existing.reviewersPerBid === next.reviewersPerBid && existing.dueAt === next.dueAt) {
    return noChange;
  }
  return change(next);
}
