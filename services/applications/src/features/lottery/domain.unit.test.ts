import { type Actor as Principal, changeOf, noChange, refusalOf } from '@zhas/domain';
import { checkedBid, roundCopy } from '../../testing/fixtures';
import { type BidState } from '../bids/domain';
import { draw, verifyDraw } from '@zhas/lottery';
import { type LotteryState, bidOutcome, fixSeed, publishDraw, runDraw } from './domain';

const round = roundCopy(); // akmola quota 1, window closes 2019-04-15T18:00Z
const coordinator: Principal = { subject: 'k-1', roles: ['coordinator'] };
const after = new Date('2019-05-01T00:00:00.000Z');
const seed = 'ab'.repeat(16);
const team = { leaderParticipantId: 'p-1', memberParticipantIds: ['p-1', 'p-2', 'p-3'] };
const bid = (bidId: string, status: BidState['status']): BidState =>
  checkedBid({ bidId, teamId: `t-${bidId}`, hostOrganizationId: 'h-1', status, averageScore: 75 });
const candidates = ['b-3', 'b-1', 'b-2'].map((bidId) => ({
  bidId,
  registrationNumber: `ZHAS-2019-AKM-00000${bidId.slice(2)}`,
}));
const before = new Date('2019-04-01T00:00:00.000Z');

/** The three steps, each asserted to be a change. */
async function drawn(): Promise<LotteryState> {
  const fixed = changeOf(fixSeed(coordinator, { region: 'akmola', seed }, round, before)).state;
  const result = await draw(
    seed,
    candidates.map((candidate) => candidate.bidId),
    1,
  );
  const ran = changeOf(
    runDraw(coordinator, fixed, { candidates, bidsInReview: 0, draw: result }, round, after),
  );
  return changeOf(publishDraw(coordinator, ran.state, after)).state;
}

describe('the lottery of a region', () => {
  it('fixes the seed once, runs the draw over the frozen candidates, then publishes what anyone needs to repeat it', async () => {
    const fixed = changeOf(fixSeed(coordinator, { region: 'akmola', seed }, round, before));
    expect(fixed.state).toMatchObject({ status: 'seed-fixed', seed, quota: 1, candidateBidIds: [] });
    expect(fixed.events).toEqual([]);
    expect(
      refusalOf(fixSeed(coordinator, { region: 'akmola', seed: 'cd'.repeat(16) }, round, after, fixed.state)),
    ).toMatchObject({ code: 'lottery-seed-fixed' });
    expect(fixSeed(coordinator, { region: 'akmola', seed }, round, after, fixed.state)).toBe(noChange);
    const result = await draw(
      seed,
      candidates.map((candidate) => candidate.bidId),
      1,
    );
    const ran = changeOf(
      runDraw(coordinator, fixed.state, { candidates, bidsInReview: 0, draw: result }, round, after),
    );
    expect(ran.state).toMatchObject({
      lotteryId: 'lot-rnd-2019-akmola',
      status: 'drawn',
      candidateBidIds: ['b-1', 'b-2', 'b-3'],
      candidateRegistrationNumbers: ['ZHAS-2019-AKM-000001', 'ZHAS-2019-AKM-000002', 'ZHAS-2019-AKM-000003'],
    });
    // Nothing is told before the draw is published.
    expect(ran.events).toEqual([]);
    const published = changeOf(publishDraw(coordinator, ran.state, after));
    expect(published.state.winnerBidIds).toHaveLength(1);
    expect(await verifyDraw(published.state)).toMatchObject({ agrees: true });
    expect(published.events[0]!.data).toMatchObject({
      seed,
      candidateListHash: ran.state.candidateListHash,
      algorithm: ran.state.algorithm,
    });
    expect(publishDraw(coordinator, published.state, after)).toBe(noChange);
    expect(
      refusalOf(fixSeed(coordinator, { region: 'akmola', seed }, round, after, published.state)),
    ).toMatchObject({ code: 'lottery-already-drawn' });
    expect(refusalOf(publishDraw(coordinator, fixed.state, after))).toMatchObject({ code: 'wrong-state' });
  });

  it('draws after the window closes and every review is decided, by coordinators of the region', async () => {
    const fixed = changeOf(fixSeed(coordinator, { region: 'akmola', seed }, round, before)).state;
    const result = await draw(
      seed,
      candidates.map((candidate) => candidate.bidId),
      1,
    );
    const facts = { candidates, bidsInReview: 0, draw: result };
    expect(
      refusalOf(runDraw(coordinator, fixed, facts, round, new Date('2019-04-15T17:59:59.000Z'))),
    ).toMatchObject({ code: 'window-still-open' });
    expect(refusalOf(runDraw(coordinator, fixed, { ...facts, bidsInReview: 2 }, round, after))).toMatchObject(
      {
        code: 'reviews-pending',
      },
    );
    const elsewhere = { ...coordinator, regions: ['mangystau'] };
    expect(refusalOf(runDraw(elsewhere, fixed, facts, round, after))).toMatchObject({ code: 'forbidden' });
    expect(refusalOf(fixSeed(elsewhere, { region: 'akmola', seed }, round, before))).toMatchObject({
      code: 'forbidden',
    });
    expect(refusalOf(fixSeed(coordinator, { region: 'pavlodar', seed }, round, before))).toMatchObject({
      code: 'region-not-in-round',
    });
    // A draw computed over other candidates is a programming error, never saved.
    const other = await draw(seed, ['b-9'], 1);
    expect(() => runDraw(coordinator, fixed, { ...facts, draw: other }, round, after)).toThrow();
  });

  it('awards the winners with the team as awarded and tells the others why', async () => {
    const lottery = await drawn();
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
    // A draw not yet published decides nothing.
    expect(bidOutcome(bid(winner, 'qualified'), { ...lottery, status: 'drawn' }, team, after)).toBe(noChange);
  });
});
