import { type Actor as Principal, changeOf, noChange, refusalOf } from '@zhas/domain';
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
      changeOf(
        review(committee, bid, { reviewId: 'r-1', reviewerId: 'rv-1', rubric: rubric(80) }, round, now),
      ).events[0]!.data,
    ).toMatchObject({
      reviewerRole: 'committee',
      totalScore: 80,
    });
    expect(
      refusalOf(
        review(otherRegion, bid, { reviewId: 'r-1', reviewerId: 'rv-2', rubric: rubric(80) }, round, now),
      ),
    ).toMatchObject({ code: 'forbidden' });
    expect(
      refusalOf(
        review(hostStaff, bid, { reviewId: 'r-1', reviewerId: 'rv-3', rubric: rubric(80) }, round, now),
      ),
    ).toMatchObject({ code: 'forbidden' });
    const hosted = { ...bid, hostOrganizationId: 'h-1' };
    const { events } = changeOf(
      review(hostStaff, hosted, { reviewId: 'r-2', reviewerId: 'rv-3', rubric: rubric(70) }, round, now),
    );
    expect(events[0]!.data).toMatchObject({ reviewerRole: 'host-organization', hostOrganizationId: 'h-1' });
    expect(JSON.stringify(events[0]!.data)).not.toContain('Solid plan');
    expect(
      refusalOf(
        review(committee, hosted, { reviewId: 'r-3', reviewerId: 'rv-1', rubric: rubric(70) }, round, now),
      ),
    ).toMatchObject({ code: 'forbidden' });
  });

  it('respects a declared conflict of interest and refuses a second review', () => {
    const conflicted = changeOf(declareConflict(committee, bid, 'rv-1', 'family-relation', now)).state;
    expect(declareConflict(committee, conflicted, 'rv-1', 'family-relation', now)).toBe(noChange);
    expect(
      refusalOf(
        review(
          committee,
          conflicted,
          { reviewId: 'r-1', reviewerId: 'rv-1', rubric: rubric(90) },
          round,
          now,
        ),
      ),
    ).toMatchObject({ code: 'conflict-of-interest' });
    const reviewed = changeOf(
      review(committee, bid, { reviewId: 'r-1', reviewerId: 'rv-1', rubric: rubric(90) }, round, now),
    ).state;
    expect(
      refusalOf(
        review(committee, reviewed, { reviewId: 'r-2', reviewerId: 'rv-1', rubric: rubric(90) }, round, now),
      ),
    ).toMatchObject({ code: 'already-reviewed' });
    expect(refusalOf(declareConflict(committee, reviewed, 'rv-1', 'other', now))).toMatchObject({
      code: 'already-reviewed',
    });
  });

  it('needs every criterion of the round exactly once', () => {
    const partial = { criteria: rubric(80).criteria.slice(1) };
    expect(
      refusalOf(review(committee, bid, { reviewId: 'r-1', reviewerId: 'rv-1', rubric: partial }, round, now)),
    ).toMatchObject({ code: 'rubric-mismatch', facts: { missing: ['social-significance'], unknown: [] } });
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
    expect(changeOf(decideQualification(coordinator, withScores(50, 70), round, now)).state).toMatchObject({
      status: 'qualified',
      averageScore: 60,
    });
    const below = changeOf(decideQualification(coordinator, withScores(59.99), round, now));
    expect(below.state.status).toBe('not-qualified');
    expect(below.events[0]!.data).toMatchObject({
      reason: 'below-qualifying-score',
      averageScore: 59.99,
      reviewCount: 1,
    });
    expect(refusalOf(decideQualification(coordinator, bid, round, now))).toMatchObject({
      code: 'no-reviews',
    });
    expect(refusalOf(decideQualification(committee, withScores(90), round, now))).toMatchObject({
      code: 'forbidden',
    });
  });
});
