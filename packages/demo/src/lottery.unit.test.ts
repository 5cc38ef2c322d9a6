import { createHash } from 'node:crypto';
import { lastPlaces, lotterySeed, seedLeavingOut } from './lottery';

const candidates = Array.from({ length: 40 }, (_, index) => `b-${String(index).padStart(3, '0')}`);
const listHash = (ids: readonly string[]) =>
  createHash('sha256')
    .update(JSON.stringify([...ids].sort()), 'utf8')
    .digest('hex');

describe("the demo's lottery seed", () => {
  it('follows the published procedure: the vector of the service draw test', () => {
    // applications' draw.unit.test.ts: seed 5eed…, 40 candidates, quota 5 → these five win.
    const winners = ['b-004', 'b-021', 'b-002', 'b-012', 'b-015'];
    const hash = listHash(candidates);
    expect(hash).toBe('0adb80bef8e8f73761f578e115fd1646054311158daba67c5dd01cde54611401');
    const left = lastPlaces('5eed'.repeat(8), hash, candidates, 35);
    expect(new Set(left)).toEqual(new Set(candidates.filter((id) => !winners.includes(id))));
  });

  it('finds a seed that leaves out exactly the planned bids, the same one for the same bids', () => {
    const losers = new Set(['b-007', 'b-031']);
    const found = seedLeavingOut(1, 'akmola', candidates, losers);
    expect(found.planned).toBe(true);
    expect(found.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(lastPlaces(found.seed, listHash(candidates), candidates, 2))).toEqual(losers);
    expect(seedLeavingOut(1, 'akmola', [...candidates].reverse(), losers)).toEqual(found);
  });

  it('falls back to the first seed of the sequence when the planned losers are not all candidates', () => {
    expect(seedLeavingOut(1, 'akmola', candidates, new Set(['b-999']))).toEqual({
      seed: lotterySeed(1, 'akmola', 0),
      planned: false,
    });
  });
});
