import fc from 'fast-check';
import { LOTTERY_ALGORITHM, Sha256CounterStream, candidateListHash, draw, verifyDraw } from './draw';

const seed = '5eed'.repeat(8);
const candidates = Array.from({ length: 40 }, (_, index) => `b-${String(index).padStart(3, '0')}`);

describe('the lottery draw', () => {
  it('gives the same winners for the same seed and candidates, in any input order', () => {
    const first = draw(seed, candidates, 10);
    const again = draw(seed, [...candidates].reverse(), 10);
    expect(again).toEqual(first);
    expect(first.algorithm).toBe(LOTTERY_ALGORITHM);
  });

  it('matches an independent implementation of the documented procedure', () => {
    // Computed with a 20-line Python script following the comment in draw.ts (hashlib, struct), not with this code.
    const result = draw(seed, candidates, 5);
    expect(result.candidateListHash).toBe('0adb80bef8e8f73761f578e115fd1646054311158daba67c5dd01cde54611401');
    expect(result.winnerBidIds).toEqual(['b-004', 'b-021', 'b-002', 'b-012', 'b-015']);
  });

  it('gives a different draw for a different seed', () => {
    expect(draw('0'.repeat(32), candidates, 10).winnerBidIds).not.toEqual(
      draw('1'.repeat(32), candidates, 10).winnerBidIds,
    );
  });

  it('gives a different draw when the candidate list changes, since the list hash feeds the stream', () => {
    const fewer = candidates.slice(1);
    expect(draw(seed, fewer, 39).winnerBidIds).not.toEqual(
      draw(seed, candidates, 40).winnerBidIds.filter((id) => id !== candidates[0]),
    );
  });

  it('hashes the canonical JSON of the sorted list', () => {
    // `printf '["a","b"]' | sha256sum`
    expect(candidateListHash(['a', 'b'])).toBe(
      '0473ef2dc0d324ab659d3580c1134e9d812035905c4781fdd6d529b0c6860e13',
    );
    expect(candidateListHash(['a', 'b'])).not.toBe(candidateListHash(['b', 'a']));
    expect(draw(seed, ['b', 'a', 'a'], 1).candidateBidIds).toEqual(['a', 'b']);
  });

  it('fills the quota, or takes everyone when there are fewer candidates', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^b-[a-z0-9]{1,8}$/), { maxLength: 60 }),
        fc.nat(80),
        fc.stringMatching(/^[0-9a-f]{32}$/),
        (ids, quota, anySeed) => {
          const result = draw(anySeed, ids, quota);
          expect(result.winnerBidIds).toHaveLength(Math.min(quota, ids.length));
          expect(new Set(result.winnerBidIds).size).toBe(result.winnerBidIds.length);
          for (const winner of result.winnerBidIds) expect(ids).toContain(winner);
          expect(verifyDraw({ ...result, seed: anySeed, quota }).agrees).toBe(true);
        },
      ),
    );
  });

  it('draws each candidate about equally often (no bias from the order or the modulo)', () => {
    const wins = new Map<string, number>();
    const five = ['a', 'b', 'c', 'd', 'e'];
    for (let index = 0; index < 2000; index++) {
      const [winner] = draw(index.toString(16).padStart(32, '0'), five, 1).winnerBidIds;
      wins.set(winner!, (wins.get(winner!) ?? 0) + 1);
    }
    for (const id of five) expect(wins.get(id)).toBeGreaterThan(320); // 400 expected each
  });

  it('uniform integers stay below their bound', () => {
    const stream = new Sha256CounterStream(seed, candidateListHash(candidates));
    for (let index = 0; index < 1000; index++) expect(stream.below(7)).toBeLessThan(7);
    expect(() => stream.below(0)).toThrow(RangeError);
  });

  it('verification finds a changed winner, hash, algorithm or unsorted list', () => {
    const result = draw(seed, candidates, 3);
    const published = { ...result, seed, quota: 3 };
    expect(verifyDraw(published)).toMatchObject({ agrees: true });
    expect(verifyDraw({ ...published, winnerBidIds: [...result.winnerBidIds].reverse() })).toMatchObject({
      agrees: false,
      winnersAgree: false,
    });
    expect(verifyDraw({ ...published, candidateListHash: '0'.repeat(64) })).toMatchObject({
      agrees: false,
      hashAgrees: false,
    });
    expect(verifyDraw({ ...published, algorithm: 'other-v1' })).toMatchObject({
      agrees: false,
      algorithmAgrees: false,
    });
    expect(verifyDraw({ ...published, candidateBidIds: [...candidates].reverse() })).toMatchObject({
      agrees: false,
      candidatesSorted: false,
    });
  });
});
