import { draw, LOTTERY_ALGORITHM } from '@zhas/lottery';
import { describe, expect, it } from 'vitest';
import { rerunDraw } from './rerun';

describe('re-running a published draw in the browser', () => {
  const candidates = ['bid-a', 'bid-b', 'bid-c', 'bid-d', 'bid-e'];

  it('agrees with a draw made by the same code', async () => {
    const made = await draw('published-seed', candidates, 2);
    const result = await rerunDraw({ ...made, seed: 'published-seed', quota: 2 });
    expect(result.agrees).toBe(true);
    expect(result.recomputedWinnerBidIds).toEqual(made.winnerBidIds);
  });

  it('disagrees when a candidate was swapped for another, naming the hash and the order', async () => {
    const made = await draw('published-seed', candidates, 2);
    const tampered = [...made.candidateBidIds.slice(0, -1), 'bid-z'];
    const result = await rerunDraw({ ...made, candidateBidIds: tampered, seed: 'published-seed', quota: 2 });
    expect(result.agrees).toBe(false);
    expect(result.hashAgrees).toBe(false);
    expect(result.algorithmAgrees).toBe(true);
    expect(LOTTERY_ALGORITHM).toBe(made.algorithm);
  });
});
