import fc from 'fast-check';
import { belowThreshold, protectCell, protectGroup, PUBLIC_RULE, type RawCell } from './domain';

const count = (n: number): RawCell => ({ n, numerator: n, denominator: n });

describe('small-cell suppression', () => {
  it('withholds counts under the threshold, shows zeros, rounds the rest to fives', () => {
    expect(protectGroup([count(0), count(3), count(12), count(40)], 'count', 'sum', PUBLIC_RULE)).toEqual([
      { value: 0, suppressed: false },
      { value: null, suppressed: true },
      // The only other withheld cell: 12 is the smallest other one, so 3 cannot be worked out as total - rest.
      { value: null, suppressed: true },
      { value: 40, suppressed: false },
    ]);
    expect(protectCell(count(12), 'count', 'sum', PUBLIC_RULE)).toEqual({ value: 10, suppressed: false });
    expect(protectCell(count(13), 'count', 'sum', PUBLIC_RULE)).toEqual({ value: 15, suppressed: false });
  });

  it('withholds a share when either side of it is small', () => {
    expect(belowThreshold({ n: 20, numerator: 3, denominator: 20 }, 'percent', 'percent', 5)).toBe(true);
    expect(belowThreshold({ n: 20, numerator: 17, denominator: 20 }, 'percent', 'percent', 5)).toBe(true);
    expect(protectCell({ n: 20, numerator: 7, denominator: 20 }, 'percent', 'percent', PUBLIC_RULE)).toEqual({
      value: 35,
      suppressed: false,
    });
  });

  it('withholds an amount paid to fewer than the threshold, rounds the others to thousands of tenge', () => {
    expect(
      protectCell({ n: 4, numerator: 240_000, denominator: 4 }, 'kzt', 'sum', PUBLIC_RULE).suppressed,
    ).toBe(true);
    expect(protectCell({ n: 9, numerator: 512_345, denominator: 9 }, 'kzt', 'sum', PUBLIC_RULE).value).toBe(
      512_000,
    );
  });

  it('never shows a count between 1 and the threshold, and never withholds exactly one cell of a group', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 12 }), (ns) => {
        const published = protectGroup(ns.map(count), 'count', 'sum', PUBLIC_RULE);
        for (const cell of published) {
          if (cell.value !== null) {
            expect(cell.value === 0 || cell.value >= PUBLIC_RULE.threshold).toBe(true);
            expect(cell.value % PUBLIC_RULE.roundTo).toBe(0);
          }
        }
        const withheld = published.filter((cell) => cell.suppressed).length;
        const nonZero = ns.filter((n) => n > 0).length;
        if (nonZero > 1) expect(withheld).not.toBe(1);
      }),
    );
  });
});
