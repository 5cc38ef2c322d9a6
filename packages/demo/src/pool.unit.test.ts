import { formatDuration, forEachLimited, Progress } from './pool';
import { seededRandom } from './random';

describe('forEachLimited', () => {
  it('runs every item once with at most the given number in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachLimited([...Array(50).keys()], 4, async (item) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(item);
      inFlight -= 1;
    });
    expect(most).toBe(4);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
  });

  it('stops taking new items after a failure and rejects with it', async () => {
    const started: number[] = [];
    await expect(
      forEachLimited([...Array(20).keys()], 2, async (item) => {
        started.push(item);
        await Promise.resolve();
        if (item === 3) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started.length).toBeLessThan(20);
  });

  it('refuses a concurrency below one', async () => {
    await expect(forEachLimited([1], 0, () => Promise.resolve())).rejects.toThrow(RangeError);
  });
});

describe('progress lines', () => {
  it('give the count, the share and the rate', () => {
    let now = 1_000;
    const progress = new Progress('participants', 200, () => now);
    progress.tick(50);
    now += 2_000;
    expect(progress.line()).toBe('participants 50/200 (25%), 25.0/s');
  });

  it('format durations', () => {
    expect(formatDuration(42_300)).toBe('42.3s');
    expect(formatDuration(65_000)).toBe('1m 05s');
  });
});

describe('the seeded generator', () => {
  it('repeats for a seed and stays in range', () => {
    const a = seededRandom(5);
    const b = seededRandom(5);
    const draws = Array.from({ length: 100 }, () => a.int(3, 5));
    expect(Array.from({ length: 100 }, () => b.int(3, 5))).toEqual(draws);
    expect(new Set(draws)).toEqual(new Set([3, 4, 5]));
    const weighted = seededRandom(1);
    const picks = Array.from({ length: 1000 }, () => weighted.weighted({ often: 9, rarely: 1 }));
    expect(picks.filter((pick) => pick === 'rarely').length).toBeLessThan(200);
  });
});
