import { describe, expect, it } from 'vitest';
import { describeOutcome, type DrawnLottery } from './outcome';

const lottery: DrawnLottery = {
  quota: 1,
  candidateBidIds: ['b-1', 'b-2'],
  winnerBidIds: ['b-2'],
  drawnAt: '2026-12-07T08:00:00.000Z',
};

describe("my bid's outcome", () => {
  it('gives the average score against the cut-off, and the draw, to a bid that won', () => {
    const bid = { bidId: 'b-2', status: 'awarded', averageScore: 81.5, notAwardedReason: null } as const;
    expect(describeOutcome(bid, 60, lottery)).toEqual([
      { key: 'reachedCutOffOf', values: { score: 81.5, cutOff: 60 } },
      { key: 'drawn', values: { candidates: 2, quota: 1 } },
    ]);
  });

  it('says a qualified bid was not drawn, with how many competed for how many grants', () => {
    const bid = {
      bidId: 'b-1',
      status: 'not-awarded',
      averageScore: 75,
      notAwardedReason: 'not-drawn-in-lottery',
    } as const;
    expect(describeOutcome(bid, 60, lottery)).toEqual([
      { key: 'reachedCutOffOf', values: { score: 75, cutOff: 60 } },
      { key: 'notDrawn', values: { candidates: 2, quota: 1 } },
    ]);
  });

  it('says a bid below the cut-off was not in the draw', () => {
    const notQualified = { bidId: 'b-3', status: 'not-qualified', averageScore: 41.25 } as const;
    expect(describeOutcome({ ...notQualified, notAwardedReason: null }, 60, null)).toEqual([
      { key: 'belowCutOffOf', values: { score: 41.25, cutOff: 60 } },
    ]);
    const decided = { ...notQualified, status: 'not-awarded', notAwardedReason: 'not-qualified' } as const;
    expect(describeOutcome(decided, 60, lottery)).toEqual([
      { key: 'belowCutOffOf', values: { score: 41.25, cutOff: 60 } },
    ]);
    expect(describeOutcome(decided, null, null)).toEqual([{ key: 'belowCutOff', values: { score: 41.25 } }]);
  });

  it('says nothing of scores before the review, nor of a draw the bid was not in', () => {
    const inReview = {
      bidId: 'b-1',
      status: 'in-review',
      averageScore: null,
      notAwardedReason: null,
    } as const;
    expect(describeOutcome(inReview, 60, null)).toEqual([]);
    const failed = {
      bidId: 'b-4',
      status: 'not-awarded',
      averageScore: null,
      notAwardedReason: 'failed-technical-check',
    } as const;
    expect(describeOutcome(failed, 60, lottery)).toEqual([]);
  });
});
