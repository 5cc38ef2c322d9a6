import fc from 'fast-check';
import {
  addKzt,
  formatKzt,
  isKzt,
  kzt,
  kztSchema,
  multiplyKzt,
  percentOf,
  splitKzt,
  subtractKzt,
  sumKzt,
  zeroKzt,
} from './money';

const amount = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).map(kzt);
const smallAmount = fc.integer({ min: 0, max: 10_000_000_000 }).map(kzt);

/** Percentages with up to two decimals that add up to exactly 100. */
const percents = fc
  .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 12 })
  .filter((weights) => weights.some((w) => w > 0))
  .map((weights) => {
    // Scale integer weights to basis points summing to 10,000, then give the rounding slack to the last part.
    const total = weights.reduce((a, b) => a + b, 0);
    const basisPoints = weights.map((w) => Math.floor((w * 10_000) / total));
    const slack = 10_000 - basisPoints.reduce((a, b) => a + b, 0);
    basisPoints[basisPoints.length - 1] = (basisPoints[basisPoints.length - 1] ?? 0) + slack;
    return basisPoints.map((bp) => bp / 100);
  });

describe('kzt', () => {
  it('accepts whole non-negative safe numbers of tenge', () => {
    expect(kzt(0)).toBe(0);
    expect(kzt(1_000_000)).toBe(1_000_000);
    expect(kzt(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(zeroKzt).toBe(0);
  });

  it.each([0.5, -1, -0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'throws RangeError for %p',
    (value) => {
      expect(() => kzt(value)).toThrow(RangeError);
      expect(isKzt(value)).toBe(false);
    },
  );

  it('adds, subtracts, multiplies and sums exactly, never below zero or past safe integers', () => {
    expect(addKzt(kzt(600_000), kzt(400_000))).toBe(1_000_000);
    expect(subtractKzt(kzt(1_000_000), kzt(1))).toBe(999_999);
    expect(() => subtractKzt(kzt(1), kzt(2))).toThrow(RangeError);
    expect(multiplyKzt(kzt(60_000), 6)).toBe(360_000);
    expect(() => multiplyKzt(kzt(60_000), 1.5)).toThrow(RangeError);
    expect(sumKzt([kzt(60_000), kzt(40_000), kzt(40_000)])).toBe(140_000);
    expect(sumKzt([])).toBe(0);
    expect(() => addKzt(kzt(Number.MAX_SAFE_INTEGER), kzt(1))).toThrow(RangeError);
  });
});

describe('percentOf', () => {
  it('rounds down to the tenge', () => {
    expect(percentOf(kzt(1_000_000), 50)).toBe(500_000);
    expect(percentOf(kzt(1_000_001), 50)).toBe(500_000);
    expect(percentOf(kzt(999), 12.5)).toBe(124); // 124.875
    expect(percentOf(kzt(1_000_000), 0.01)).toBe(100);
    expect(percentOf(kzt(Number.MAX_SAFE_INTEGER), 100)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses percentages outside 0-100 or with more than two decimals', () => {
    expect(() => percentOf(kzt(100), -1)).toThrow(RangeError);
    expect(() => percentOf(kzt(100), 100.01)).toThrow(RangeError);
    expect(() => percentOf(kzt(100), 33.333)).toThrow(RangeError);
    expect(() => percentOf(kzt(100), Number.NaN)).toThrow(RangeError);
  });

  it('never exceeds the exact share and misses it by less than one tenge', () => {
    fc.assert(
      fc.property(smallAmount, fc.integer({ min: 0, max: 10_000 }), (total, bp) => {
        const share = percentOf(total, bp / 100);
        const exactTimes10000 = total * bp; // exact: below 2^53 for these sizes
        return share * 10_000 <= exactTimes10000 && exactTimes10000 - share * 10_000 < 10_000;
      }),
    );
  });
});

describe('splitKzt', () => {
  it('splits a 50/50 tranche of an odd amount into parts that add up, the first part taking the tenge', () => {
    expect(splitKzt(kzt(1_000_001), [50, 50])).toEqual([500_001, 500_000]);
    expect(splitKzt(kzt(1_000_000), [50, 50])).toEqual([500_000, 500_000]);
  });

  it('gives the leftover tenge to the largest dropped fractions', () => {
    // exact shares 3.3, 3.3, 3.4 of 10: floors 3, 3, 3 and the one tenge left goes to the .4
    expect(splitKzt(kzt(10), [33, 33, 34])).toEqual([3, 3, 4]);
    // exact shares 1/3 each of 100 tenge with 33.33/33.33/33.34
    expect(splitKzt(kzt(100), [33.33, 33.33, 33.34])).toEqual([33, 33, 34]);
    expect(splitKzt(kzt(2), [33.33, 33.33, 33.34])).toEqual([1, 0, 1]);
    expect(splitKzt(kzt(0), [25, 75])).toEqual([0, 0]);
    expect(splitKzt(kzt(7), [100])).toEqual([7]);
  });

  it('refuses percentages that do not add up to 100', () => {
    expect(() => splitKzt(kzt(100), [])).toThrow(RangeError);
    expect(() => splitKzt(kzt(100), [50, 49.99])).toThrow(RangeError);
    expect(() => splitKzt(kzt(100), [60, 60, -20])).toThrow(RangeError);
  });

  it('always gives parts that add up to the total', () => {
    fc.assert(
      fc.property(amount, percents, (total, shares) => {
        const parts = splitKzt(total, shares);
        return (
          parts.length === shares.length &&
          parts.every(isKzt) &&
          parts.reduce((a, b) => BigInt(a) + BigInt(b), 0n) === BigInt(total)
        );
      }),
    );
  });

  it('keeps every part within one tenge of its exact share', () => {
    fc.assert(
      fc.property(amount, percents, (total, shares) => {
        return splitKzt(total, shares).every((part, i) => {
          const exact = BigInt(total) * BigInt(Math.round((shares[i] ?? 0) * 100)); // in 1/10000 tenge
          const diff = BigInt(part) * 10_000n - exact;
          return diff > -10_000n && diff < 10_000n;
        });
      }),
    );
  });

  it('gives the same parts for the same input', () => {
    fc.assert(
      fc.property(amount, percents, (total, shares) =>
        expect(splitKzt(total, shares)).toEqual(splitKzt(total, shares)),
      ),
    );
  });
});

describe('formatKzt', () => {
  it('writes amounts the way each language does', () => {
    expect(formatKzt(kzt(1_000_000), 'ru')).toBe('1\u00a0000\u00a0000\u00a0₸');
    expect(formatKzt(kzt(1_000_000), 'kk')).toBe('1\u00a0000\u00a0000\u00a0₸');
    expect(formatKzt(kzt(60_000), 'en')).toBe('KZT\u00a060,000');
    expect(formatKzt(kzt(0), 'ru')).toBe('0\u00a0₸');
    expect(formatKzt(kzt(999), 'en')).toBe('KZT\u00a0999');
  });

  it('agrees with Intl where the runtime has the data', () => {
    const intl = (locale: string, value: number) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency: 'KZT', maximumFractionDigits: 0 }).format(
        value,
      );
    if (intl('kk-KZ', 1234567).includes('₸')) {
      expect(formatKzt(kzt(1_234_567), 'kk')).toBe(intl('kk-KZ', 1_234_567));
      expect(formatKzt(kzt(1_234_567), 'ru')).toBe(intl('ru-KZ', 1_234_567));
    }
  });

  it('refuses what is not an amount', () => {
    expect(() => formatKzt(-5 as never, 'ru')).toThrow(RangeError);
  });
});

describe('kztSchema', () => {
  it('accepts whole non-negative safe integers only', () => {
    expect(kztSchema.parse(1_000_000)).toBe(1_000_000);
    expect(kztSchema.safeParse(1.5).error?.issues[0]?.message).toContain('whole number');
    expect(kztSchema.safeParse(-1).error?.issues[0]?.message).toContain('negative');
    expect(kztSchema.safeParse(Number.MAX_SAFE_INTEGER + 1).success).toBe(false);
    expect(kztSchema.safeParse('1000').success).toBe(false);
  });
});
