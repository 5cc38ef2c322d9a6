import { type Actor as Principal, changeOf, noChange, refusalOf } from '@zhas/domain';
import { checkedBid, roundCopy, rubric } from '../../testing/fixtures';
import { type BidState } from '../bids/domain';
import { emptyContent } from '../bids/content';
import {
  assignReviewers,
  decideQualification,
  declareConflict,
  isReadyForDecision,
  planAssignments,
  replacementFor,
  review,
  saveReviewDraft,
  weightedTotal,
} from './domain';

const now = new Date('2019-04-20T00:00:00.000Z');
const round = roundCopy();
const bid = checkedBid({ content: emptyContent });
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
    const conflicted = changeOf(
      declareConflict(committee, bid, 'rv-1', 'family-relation', undefined, now),
    ).state;
    expect(declareConflict(committee, conflicted, 'rv-1', 'family-relation', undefined, now)).toBe(noChange);
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
    expect(refusalOf(declareConflict(committee, reviewed, 'rv-1', 'other', undefined, now))).toMatchObject({
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

  it('assigns reviewers: only the assigned review, each bid in their queue until they score or abstain', () => {
    const assigned = changeOf(assignReviewers(coordinator, bid, ['rv-1', 'rv-2'])).state;
    expect(assigned).toMatchObject({
      assignedReviewerIds: ['rv-1', 'rv-2'],
      awaitingReviewerIds: ['rv-1', 'rv-2'],
      reviewStage: 'awaiting',
    });
    expect(assignReviewers(coordinator, assigned, ['rv-2'])).toBe(noChange);
    expect(refusalOf(assignReviewers(committee, bid, ['rv-1']))).toMatchObject({ code: 'forbidden' });
    // Another committee member of the region may no longer score it.
    expect(
      refusalOf(
        review(committee, assigned, { reviewId: 'r-9', reviewerId: 'rv-9', rubric: rubric(80) }, round, now),
      ),
    ).toMatchObject({ code: 'forbidden' });
    const one = changeOf(
      review(committee, assigned, { reviewId: 'r-1', reviewerId: 'rv-1', rubric: rubric(80) }, round, now),
    ).state;
    expect(one).toMatchObject({ awaitingReviewerIds: ['rv-2'], reviewStage: 'awaiting' });
    expect(isReadyForDecision(one)).toBe(false);
    const both = changeOf(
      review(committee, one, { reviewId: 'r-2', reviewerId: 'rv-2', rubric: rubric(60) }, round, now),
    ).state;
    expect(both).toMatchObject({ awaitingReviewerIds: [], reviewStage: 'complete' });
    expect(isReadyForDecision(both)).toBe(true);
  });

  it('a declared conflict takes the bid out of the queue and gives it to the replacement', () => {
    const assigned = changeOf(assignReviewers(coordinator, bid, ['rv-1', 'rv-2'])).state;
    const { state, events } = changeOf(declareConflict(committee, assigned, 'rv-1', 'other', 'rv-3', now));
    expect(events).toEqual([]);
    expect(state).toMatchObject({
      assignedReviewerIds: ['rv-2', 'rv-3'],
      awaitingReviewerIds: ['rv-2', 'rv-3'],
      conflicts: [{ reviewerId: 'rv-1', reason: 'other' }],
    });
    // Without a free reviewer in the pool, the bid waits with one reviewer fewer.
    const alone = changeOf(declareConflict(committee, assigned, 'rv-1', 'other', undefined, now)).state;
    expect(alone).toMatchObject({ assignedReviewerIds: ['rv-2'], awaitingReviewerIds: ['rv-2'] });
    // The one who abstained is never assigned again.
    expect(assignReviewers(coordinator, alone, ['rv-1'])).toBe(noChange);
  });

  it('keeps a draft per reviewer, with criteria of the round only, and drops it on submission', () => {
    const draft = { criteria: [{ code: 'feasibility', score: 70, comment: 'Plan is clear' }] };
    const saved = changeOf(saveReviewDraft(committee, bid, 'rv-1', draft, round, now));
    expect(saved.events).toEqual([]);
    expect(saved.state.reviewDrafts).toEqual([
      { reviewerId: 'rv-1', criteria: draft.criteria, savedAt: now.toISOString() },
    ]);
    expect(
      refusalOf(
        saveReviewDraft(
          committee,
          bid,
          'rv-1',
          { criteria: [{ code: 'x', score: 1, comment: '' }] },
          round,
          now,
        ),
      ),
    ).toMatchObject({ code: 'rubric-mismatch', facts: { unknown: ['x'] } });
    const submitted = changeOf(
      review(committee, saved.state, { reviewId: 'r-1', reviewerId: 'rv-1', rubric: rubric(70) }, round, now),
    ).state;
    expect(submitted.reviewDrafts).toEqual([]);
  });

  it('plans assignments evenly over the pool and never gives a bid to someone excluded', () => {
    const pool = ['rv-a', 'rv-b', 'rv-c'];
    const bids = Array.from({ length: 6 }, (_, index) => ({
      bidId: `b-${index}`,
      pool,
      assigned: [] as string[],
      excluded: index === 0 ? ['rv-a'] : [],
    }));
    const plan = planAssignments(bids, 2);
    expect(plan.get('b-0')).not.toContain('rv-a');
    const load = new Map<string, number>();
    for (const added of plan.values()) {
      expect(added).toHaveLength(2);
      for (const id of added) load.set(id, (load.get(id) ?? 0) + 1);
    }
    expect([...load.values()].sort()).toEqual([4, 4, 4]);
    expect(
      planAssignments([{ bidId: 'b-x', pool: ['rv-a'], assigned: [], excluded: [] }], 3).get('b-x'),
    ).toEqual(['rv-a']);
    expect(
      replacementFor({ bidId: 'b', pool, assigned: ['rv-a'], excluded: ['rv-b'] }, new Map([['rv-c', 9]])),
    ).toBe('rv-c');
    expect(replacementFor({ bidId: 'b', pool: ['rv-a'], assigned: ['rv-a'], excluded: [] }, new Map())).toBe(
      undefined,
    );
  });
});
