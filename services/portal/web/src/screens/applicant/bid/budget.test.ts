import { describe, expect, it } from 'vitest';
import { budgetTotals, parseTenge } from './budget';

describe('the live budget totals', () => {
  it('add the lines and compare them with the requested amount and the ceiling', () => {
    const lines = [{ amountKzt: 400_000 }, { amountKzt: 250_000 }, { amountKzt: 350_000 }];
    expect(budgetTotals(lines, 1_000_000, 1_200_000)).toEqual({
      total: 1_000_000,
      unallocated: 0,
      overCeiling: false,
      leftUnderCeiling: 200_000,
    });
    expect(budgetTotals(lines, 1_100_000, 1_200_000).unallocated).toBe(100_000);
    expect(budgetTotals(lines, 900_000, 1_200_000).unallocated).toBe(-100_000);
  });

  it('say when the amount is above the ceiling, by the lines while nothing is requested', () => {
    expect(budgetTotals([{ amountKzt: 1_300_000 }], null, 1_200_000)).toMatchObject({
      unallocated: null,
      overCeiling: true,
      leftUnderCeiling: -100_000,
    });
    expect(budgetTotals([{ amountKzt: 100 }], 1_300_000, 1_200_000).overCeiling).toBe(true);
    expect(budgetTotals([], null, null)).toEqual({
      total: 0,
      unallocated: null,
      overCeiling: false,
      leftUnderCeiling: null,
    });
  });

  it('ignore a line whose amount is not a number yet', () => {
    expect(budgetTotals([{ amountKzt: Number.NaN }, { amountKzt: 5 }], 5, 10).total).toBe(5);
  });
});

describe('an amount as typed', () => {
  it.each([
    ['1 000 000', 1_000_000],
    ['1\u00a0000\u00a0000 ₸', 1_000_000],
    ['250,000', 250_000],
    ['0', 0],
    ['', null],
    ['12a', null],
    ['-5', null],
  ])('%j is %j', (typed, amount) => {
    expect(parseTenge(typed)).toBe(amount);
  });
});
