import { problemLike } from '../../testing/problem-like';
import { type Principal } from '@zhas/service-kit';
import { roundCopy, rubric } from '../../testing/fixtures';
import { type BidState } from '../bids/domain';
import { emptyContent } from '../bids/content';
import { decideQualification, declareConflict, review, weightedTotal } from './domain';

const round = roundCopy();
const now = new Date('2019-04-20T00:00:00.000Z');
const bid: BidState = {
  bidId: 'b-1',
  registrationNumber: 'ZHAS-2019-AKM-000001',
  teamId: 't-1',
  roundId: 'rnd-2019',
  region: 'akmola',
  hostOrganizationId: null,
  status: 'in-review',
  content: emptyContent,
  submissionNumber: 1,
  submittedAt: '2019-03-10T00:00:00.000Z',
  checkReasons: [],
  checkedAt: '2019-03-10T00:00:00.000Z',
  reviews: [],
  conflicts: [],
  averageScore: null,
  lotteryId: null,
  notAwardedReason: null,
  awardedAmountKzt: null,
  decidedAt: null,
  withdrawalReason: null,
};
const committee: Principal = { subject: 'c-1', roles: ['committee'], regions: ['akmola'] };
const otherRegion: Principal = { subject: 'c-2', roles: ['committee'], regions: ['mangystau'] };
const hostStaff: Principal = { subject: 'h-staff', roles: ['host_org'], hostOrgId: 'h-1' };
const coordinator: Principal = { subject: 'k-1', roles: ['coordinator'] };

describe('review', () => {
  it('weights the criteria by the round', () => {
    const scores = rubric(0).criteria.map((criterion, index) => ({
      ...criterion,
      score: index === 0 ? 100 : 50,
    }));
    expect(weightedTotal(scores, round.rules.bidReviewCriteria)).toBe(62.5);
  });

  it('assigns independent bids to the committee of the region and host bids to the host organization', () => {
    expect(
      review(committee, bid, { reviewId: 'r-1', reviewerId: 'rv-1', rubric: rubric(80) }, round, now)
        .events[0]!.data,
    ).toMatchObject({
      reviewerRole: 'committee',
      totalScore: 80,
    });
    expect(() =>
      review(otherRegion, bid, { reviewId: 'r-1', reviewerId: 'rv-2', rubric: rubric(80) }, round, now),
    ).toThrow(problemLike({ status: 403 }));
    expect(() =>
      review(hostStaff, bid, { reviewId: 'r-1', reviewerId: 'rv-3', rubric: rubric(80) }, round, now),
    ).toThrow(problemLike({ status: 403 }));
    const hosted = { ...bid, hostOrganizationId: 'h-1' };
    const { events } = review(
      hostStaff,
      hosted,
      { reviewId: 'r-2', reviewerId: 'rv-3', rubric: rubric(70) },
      round,
      now,
    );
    expect(events[0]!.data).toMatchObject({ reviewerRole: 'host-organization', hostOrganizationId: 'h-1' });
    expect(JSON.stringify(events[0]!.data)).not.toContain('Solid plan');
    expect(() =>
      review(committee, hosted, { reviewId: 'r-3', reviewerId: 'rv-1', rubric: rubric(70) }, round, now),
    ).toThrow(problemLike({ status: 403 }));
  });

  it('respects a declared conflict of interest and refuses a second review', () => {
    const conflicted = declareConflict(committee, bid, 'rv-1', 'family-relation', now);
    expect(declareConflict(committee, conflicted, 'rv-1', 'family-relation', now)).toBe(conflicted);
    expect(() =>
      review(committee, conflicted, { reviewId: 'r-1', reviewerId: 'rv-1', rubric: rubric(90) }, round, now),
    ).toThrow(problemLike({ type: '/problems/conflict-of-interest' }));
    const reviewed = review(
      committee,
      bid,
      { reviewId: 'r-1', reviewerId: 'rv-1', rubric: rubric(90) },
      round,
      now,
    ).state;
    expect(() =>
      review(committee, reviewed, { reviewId: 'r-2', reviewerId: 'rv-1', rubric: rubric(90) }, round, now),
    ).toThrow(problemLike({ type: '/problems/already-reviewed' }));
    expect(() => declareConflict(committee, reviewed, 'rv-1', 'other', now)).toThrow(
      problemLike({ status: 409 }),
    );
  });

  it('needs every criterion of the round exactly once', () => {
    const partial = { criteria: rubric(80).criteria.slice(1) };
    expect(() =>
      review(committee, bid, { reviewId: 'r-1', reviewerId: 'rv-1', rubric: partial }, round, now),
    ).toThrow(problemLike({ status: 422, extensions: { missing: ['social-significance'], unknown: [] } }));
  });

  it('qualifies a bid whose mean score reaches the threshold, the threshold itself included', () => {
    const withScores = (...totals: number[]): BidState => ({
      ...bid,
      reviews: totals.map((totalScore, index) => ({
        reviewId: `r-${index}`,
        reviewerId: `rv-${index}`,
        reviewerRole: 'committee',
        hostOrganizationId: null,
        criteria: [],
        totalScore,
        reviewedAt: now.toISOString(),
      })),
    });
    expect(decideQualification(coordinator, withScores(50, 70), round, now).state).toMatchObject({
      status: 'qualified',
      averageScore: 60,
    });
    const below = decideQualification(coordinator, withScores(59.99), round, now);
    expect(below.state.status).toBe('not-qualified');
    expect(below.events[0]!.data).toMatchObject({
      reason: 'below-qualifying-score',
      averageScore: 59.99,
      reviewCount: 1,
    });
    expect(() => decideQualification(coordinator, bid, round, now)).toThrow(
      problemLike({ type: '/problems/no-reviews' }),
    );
    expect(() => decideQualification(committee, withScores(90), round, now)).toThrow(
      problemLike({ status: 403 }),
    );
  });
});
