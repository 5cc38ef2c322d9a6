import fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
  LOTTERY_ALGORITHM,
  Sha256CounterStream,
  candidateListHash,
  draw,
  explainDraw,
  verifyDraw,
} from './draw';

const seed = '5eed'.repeat(8);
const candidates = Array.from({ length: 40 }, (_, index) => `b-${String(index).padStart(3, '0')}`);

describe('the lottery draw', () => {
  it('gives the same winners for the same seed and candidates, in any input order', async () => {
    const first = await draw(seed, candidates, 10);
    const again = await draw(seed, [...candidates].reverse(), 10);
    expect(again).toEqual(first);
    expect(first.algorithm).toBe(LOTTERY_ALGORITHM);
  });

  it('matches an independent implementation of the documented procedure', async () => {
    // Computed with a 20-line Python script following the comment in draw.ts (hashlib, struct), not with this code.
    const result = await draw(seed, candidates, 5);
    expect(result.candidateListHash).toBe('0adb80bef8e8f73761f578e115fd1646054311158daba67c5dd01cde54611401');
    expect(result.winnerBidIds).toEqual(['b-004', 'b-021', 'b-002', 'b-012', 'b-015']);
  });

  it('gives a different draw for a different seed', async () => {
    expect((await draw('0'.repeat(32), candidates, 10)).winnerBidIds).not.toEqual(
      (await draw('1'.repeat(32), candidates, 10)).winnerBidIds,
    );
  });

  it('gives a different draw when the candidate list changes, since the list hash feeds the stream', async () => {
    const fewer = candidates.slice(1);
    expect((await draw(seed, fewer, 39)).winnerBidIds).not.toEqual(
      (await draw(seed, candidates, 40)).winnerBidIds.filter((id) => id !== candidates[0]),
    );
  });

  it('hashes the canonical JSON of the sorted list', async () => {
    // `printf '["a","b"]' | sha256sum`
    expect(await candidateListHash(['a', 'b'])).toBe(
      '0473ef2dc0d324ab659d3580c1134e9d812035905c4781fdd6d529b0c6860e13',
    );
    expect(await candidateListHash(['a', 'b'])).not.toBe(await candidateListHash(['b', 'a']));
    expect((await draw(seed, ['b', 'a', 'a'], 1)).candidateBidIds).toEqual(['a', 'b']);
  });

  it('fills the quota, or takes everyone when there are fewer candidates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.stringMatching(/^b-[a-z0-9]{1,8}$/), { maxLength: 60 }),
        fc.nat(80),
        fc.stringMatching(/^[0-9a-f]{32}$/),
        async (ids, quota, anySeed) => {
          const result = await draw(anySeed, ids, quota);
          expect(result.winnerBidIds).toHaveLength(Math.min(quota, ids.length));
          expect(new Set(result.winnerBidIds).size).toBe(result.winnerBidIds.length);
          for (const winner of result.winnerBidIds) expect(ids).toContain(winner);
          expect((await verifyDraw({ ...result, seed: anySeed, quota })).agrees).toBe(true);
        },
      ),
    );
  });

  it('draws each candidate about equally often (no bias from the order or the modulo)', async () => {
    const wins = new Map<string, number>();
    const five = ['a', 'b', 'c', 'd', 'e'];
    for (let index = 0; index < 2000; index++) {
      const [winner] = (await draw(index.toString(16).padStart(32, '0'), five, 1)).winnerBidIds;
      wins.set(winner!, (wins.get(winner!) ?? 0) + 1);
    }
    for (const id of five) expect(wins.get(id)).toBeGreaterThan(320); // 400 expected each
  });

  it('uniform integers stay below their bound', async () => {
    const stream = await Sha256CounterStream.create(seed, await candidateListHash(candidates));
    for (let index = 0; index < 1000; index++) expect(await stream.below(7)).toBeLessThan(7);
    await expect(stream.below(0)).rejects.toThrow(RangeError);
  });

  it('verification finds a changed winner, hash, algorithm or unsorted list', async () => {
    const result = await draw(seed, candidates, 3);
    const published = { ...result, seed, quota: 3 };
    expect(await verifyDraw(published)).toMatchObject({ agrees: true });
    expect(
      await verifyDraw({ ...published, winnerBidIds: [...result.winnerBidIds].reverse() }),
    ).toMatchObject({
      agrees: false,
      winnersAgree: false,
    });
    expect(await verifyDraw({ ...published, candidateListHash: '0'.repeat(64) })).toMatchObject({
      agrees: false,
      hashAgrees: false,
    });
    expect(await verifyDraw({ ...published, algorithm: 'other-v1' })).toMatchObject({
      agrees: false,
      algorithmAgrees: false,
    });
    expect(await verifyDraw({ ...published, candidateBidIds: [...candidates].reverse() })).toMatchObject({
      agrees: false,
      candidatesSorted: false,
    });
  });
});

describe('the explained draw', () => {
  it('shows the steps that give the winners', async () => {
    const explained = await explainDraw(seed, candidates, 4);
    // Step 3's key, computed here with Node's own hash rather than the Web Crypto API the package uses.
    expect(explained.streamKey).toBe(
      createHash('sha256').update(`${seed}:${explained.candidateListHash}`, 'utf8').digest('hex'),
    );
    expect(explained.swaps).toHaveLength(candidates.length - 1);
    const replayed = [...explained.candidateBidIds];
    for (const { i, j } of explained.swaps) [replayed[i], replayed[j]] = [replayed[j]!, replayed[i]!];
    expect(replayed).toEqual(explained.shuffled);
    expect(explained.winnerBidIds).toEqual(replayed.slice(0, 4));
    expect(explained.numbersRead).toBeGreaterThanOrEqual(explained.swaps.length);
  });
});
