import { type Actor as Principal, changeOf, noChange, refusalOf } from '@zhas/domain';
import { completeContent, roundCopy } from '../../testing/fixtures';
import { type BidState } from '../bids/domain';
import { bidOutcome, drawLottery } from './domain';
import { verifyDraw } from './draw';

const round = roundCopy(); // akmola quota 1, window closes 2019-04-15T18:00Z
const coordinator: Principal = { subject: 'k-1', roles: ['coordinator'] };
const after = new Date('2019-05-01T00:00:00.000Z');
const seed = 'ab'.repeat(16);
const team = { leaderParticipantId: 'p-1', memberParticipantIds: ['p-1', 'p-2', 'p-3'] };
const bid = (bidId: string, status: BidState['status']): BidState => ({
  bidId,
  registrationNumber: 'ZHAS-2019-AKM-000001',
  teamId: `t-${bidId}`,
  roundId: 'rnd-2019',
  region: 'akmola',
  hostOrganizationId: 'h-1',
  status,
  content: completeContent,
  submissionNumber: 1,
  submittedAt: '2019-03-10T00:00:00.000Z',
  checkReasons: [],
  checkedAt: '2019-03-10T00:00:00.000Z',
  reviews: [],
  conflicts: [],
  averageScore: 75,
  lotteryId: null,
  notAwardedReason: null,
  awardedAmountKzt: null,
  decidedAt: null,
  withdrawalReason: null,
});
const command = { region: 'akmola', seed, candidateBidIds: ['b-3', 'b-1', 'b-2'], bidsInReview: 0 };

describe('the lottery of a region', () => {
  it("fills the region's quota and publishes what anyone needs to repeat it", () => {
    const { state, events } = changeOf(drawLottery(coordinator, command, round, after));
    expect(state).toMatchObject({
      lotteryId: 'lot-rnd-2019-akmola',
      quota: 1,
      candidateBidIds: ['b-1', 'b-2', 'b-3'],
    });
    expect(state.winnerBidIds).toHaveLength(1);
    expect(verifyDraw(state).agrees).toBe(true);
    expect(events[0]!.data).toMatchObject({
      seed,
      candidateListHash: state.candidateListHash,
      algorithm: state.algorithm,
    });
  });

  it('waits for the window to close and for every review decision, and is for coordinators of the region', () => {
    expect(
      refusalOf(drawLottery(coordinator, command, round, new Date('2019-04-15T17:59:59.000Z'))),
    ).toMatchObject({ code: 'window-still-open' });
    expect(refusalOf(drawLottery(coordinator, { ...command, bidsInReview: 2 }, round, after))).toMatchObject({
      code: 'reviews-pending',
    });
    expect(
      refusalOf(drawLottery({ ...coordinator, regions: ['mangystau'] }, command, round, after)),
    ).toMatchObject({ code: 'forbidden' });
    expect(
      refusalOf(drawLottery(coordinator, { ...command, region: 'pavlodar' }, round, after)),
    ).toMatchObject({ code: 'region-not-in-round' });
    expect(
      refusalOf(drawLottery(coordinator, command, round, after, { lotteryId: 'lot-rnd-2019-akmola' })),
    ).toMatchObject({ code: 'lottery-already-drawn', facts: { lotteryId: 'lot-rnd-2019-akmola' } });
  });

  it('awards the winners with the team as awarded and tells the others why', () => {
    const { state: lottery } = changeOf(drawLottery(coordinator, command, round, after));
    const winner = lottery.winnerBidIds[0]!;
    const loser = lottery.candidateBidIds.find((id) => id !== winner)!;
    const awarded = changeOf(bidOutcome(bid(winner, 'qualified'), lottery, team, after));
    expect(awarded.state).toMatchObject({
      status: 'awarded',
      awardedAmountKzt: 750_000,
      lotteryId: lottery.lotteryId,
    });
    expect(awarded.events[0]!.data).toMatchObject({
      awardedAmountKzt: 750_000,
      durationMonths: 6,
      hostOrganizationId: 'h-1',
      leaderParticipantId: 'p-1',
      memberParticipantIds: ['p-1', 'p-2', 'p-3'],
    });
    expect(changeOf(bidOutcome(bid(loser, 'qualified'), lottery, team, after)).events[0]!.data).toMatchObject(
      {
        reason: 'not-drawn-in-lottery',
        lotteryId: lottery.lotteryId,
      },
    );
    expect(
      changeOf(bidOutcome(bid('b-9', 'not-qualified'), lottery, team, after)).events[0]!.data,
    ).toMatchObject({
      reason: 'not-qualified',
    });
    expect(
      changeOf(bidOutcome(bid('b-9', 'check-failed'), lottery, team, after)).events[0]!.data,
    ).toMatchObject({
      reason: 'failed-technical-check',
    });
    for (const status of ['draft', 'withdrawn', 'awarded', 'not-awarded'] as const) {
      expect(bidOutcome(bid(winner, status), lottery, team, after)).toBe(noChange);
    }
    expect(bidOutcome({ ...bid(winner, 'qualified'), region: 'mangystau' }, lottery, team, after)).toBe(
      noChange,
    );
  });
});
