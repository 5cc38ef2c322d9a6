import { bidNotQualifiedV1, bidQualifiedV1, bidReviewedV1 } from '@zhas/contracts';
import { type Actor, type Decision, type Refusal, change, forbidden, noChange, refuse } from '@zhas/domain';
import { type ApplicationsError, wrongState } from '../../shared/errors';
import { type BidState, moveTo } from '../bids/domain';
import { canDecideQualification, canReview } from './policy';
import { type RoundCopy } from '../rounds/store';

// Review (docs/architecture.md, "The grant cycle", step 5b): the assigned reviewers score the round's rubric, declaring conflicts of
// interest first; the coordinator then decides whether the mean score reaches the round's qualifying score.

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

function refuseUnlessInReview(bid: BidState): Check {
  if (bid.status === 'in-review') return undefined;
  return wrongState('bid', bid.status, `The bid is ${bid.status}, not in review.`);
}

function refuseUnlessAssigned(actor: Actor, bid: BidState): Check {
  if (canReview(actor, bid)) return undefined;
  return forbidden(
    bid.hostOrganizationId === null
      ? 'This bid is reviewed by the committee of its region.'
      : "This bid is reviewed by the team's host organization.",
  );
}

/** A reviewer declares a conflict of interest and abstains; declaring twice changes nothing. */
export function declareConflict(
  actor: Actor,
  bid: BidState,
  reviewerId: string,
  reason: ConflictReason,
  now: Date,
): BidDecision {
  const refused =
    refuseUnlessAssigned(actor, bid) ??
    refuseUnlessInReview(bid) ??
    (bid.reviews.some((review) => review.reviewerId === reviewerId)
      ? refuse(
          'already-reviewed',
          'You reviewed this bid already; a conflict must be declared before scoring.',
        )
      : undefined);
  if (refused) return refused;
  if (bid.conflicts.some((conflict) => conflict.reviewerId === reviewerId)) return noChange;
  return change({
    ...bid,
    conflicts: [...bid.conflicts, { reviewerId, reason, declaredAt: now.toISOString() }],
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
    refuseUnlessAssigned(actor, bid) ??
    refuseUnlessInReview(bid) ??
    (bid.conflicts.some((conflict) => conflict.reviewerId === reviewerId)
      ? refuse(
          'conflict-of-interest',
          'You declared a conflict of interest for this bid and may not score it.',
        )
      : undefined) ??
    (bid.reviews.some((existing) => existing.reviewerId === reviewerId)
      ? refuse('already-reviewed', 'You reviewed this bid already.')
      : undefined);
  if (refused) return refused;
  const expected = round.rules.bidReviewCriteria.map((criterion) => criterion.code);
  const given = command.rubric.criteria.map((criterion) => criterion.code);
  const missing = expected.filter((code) => !given.includes(code));
  const unknown = given.filter((code) => !expected.includes(code));
  if (missing.length > 0 || unknown.length > 0 || new Set(given).size !== given.length) {
    return refuse('rubric-mismatch', `Score each criterion of the round once: ${expected.join(', ')}.`, {
      missing,
      unknown,
    });
  }
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
  return change({ ...bid, reviews: [...bid.reviews, entry] }, [
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
  ]);
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
