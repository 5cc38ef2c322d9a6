import { type IndicatorUnit } from '@zhas/contracts';
import { round2 } from '../indicators/compute';

/*
 * Statistical disclosure control: the rules that keep a published number from pointing at a person. Pure
 * functions, used by the rows behind a figure (signed-in readers) and by every public table.
 *
 * 1. Primary suppression: a cell with fewer than `threshold` people or facts behind it (n) is not shown. Counts
 *    and amounts are also withheld when the count itself is below the threshold; a share is withheld when either
 *    side of it (those who are, those who are not) is below the threshold, since "100 percent of 7 are women"
 *    tells each one's sex.
 * 2. Complementary suppression: within a group of cells that add up to a shown total (the regions of the country,
 *    the sexes of a region), one withheld cell would be the total minus the others; so when exactly one is
 *    withheld, the smallest other one is withheld too.
 * 3. Rounding (public tables only): every count is rounded to a multiple of `roundTo` (5), amounts to thousands
 *    of tenge, shares and days to whole numbers. A withheld cell can then never be recovered by subtracting views
 *    from each other (a region's total minus its other cells, a year minus its semesters): each published number
 *    is off by up to half the rounding base, and the errors add up across the numbers subtracted.
 *
 * Zeros are shown: they tell of nobody.
 */

export interface DisclosureRule {
  /** The least number of people or facts a shown cell may rest on. */
  readonly threshold: number;
  /** Rounding base for published counts; 1 means exact (signed-in readers). */
  readonly roundTo: number;
}

export const PUBLIC_RULE: DisclosureRule = { threshold: 5, roundTo: 5 };

export interface RawCell {
  /** The people or facts behind the cell. */
  readonly n: number;
  readonly numerator: number;
  readonly denominator: number;
}

export type Aggregation = 'sum' | 'percent' | 'mean';

/** Primary suppression of one cell (rule 1). */
export function belowThreshold(
  cell: RawCell,
  unit: IndicatorUnit,
  aggregation: Aggregation,
  threshold: number,
): boolean {
  if (cell.n === 0 && cell.numerator === 0) return false; // nobody: nothing to hide
  if (cell.n < threshold) return true;
  if (aggregation === 'percent') {
    return cell.numerator < threshold || cell.denominator - cell.numerator < threshold;
  }
  return unit === 'count' && cell.numerator < threshold;
}

/** Rule 3: the published form of a value. */
export function roundForPublication(
  value: number,
  unit: IndicatorUnit,
  aggregation: Aggregation,
  roundTo: number,
): number {
  if (roundTo <= 1) return value;
  if (aggregation !== 'sum') return Math.round(value);
  if (unit === 'kzt') return Math.round(value / 1000) * 1000;
  return Math.round(value / roundTo) * roundTo;
}

export interface ProtectedValue {
  readonly value: number | null;
  readonly suppressed: boolean;
}

function rawValue(cell: RawCell, aggregation: Aggregation): number | null {
  switch (aggregation) {
    case 'sum':
      return cell.numerator;
    case 'percent':
      return cell.denominator === 0 ? null : round2((100 * cell.numerator) / cell.denominator);
    case 'mean':
      return cell.denominator === 0 ? null : round2(cell.numerator / cell.denominator);
  }
}

/**
 * Protects a group of cells that add up to one total (rules 1-3): the published value of each, in the same order.
 * Shares and averages do not add up, so complementary suppression applies to sums only.
 */
export function protectGroup(
  cells: readonly RawCell[],
  unit: IndicatorUnit,
  aggregation: Aggregation,
  rule: DisclosureRule,
): ProtectedValue[] {
  const withheld = cells.map((cell) => belowThreshold(cell, unit, aggregation, rule.threshold));
  if (aggregation === 'sum' && withheld.filter(Boolean).length === 1 && cells.length > 1) {
    let smallest = -1;
    cells.forEach((cell, index) => {
      if (withheld[index] || (cell.n === 0 && cell.numerator === 0)) return;
      if (smallest < 0 || cell.n < cells[smallest]!.n) smallest = index;
    });
    if (smallest >= 0) withheld[smallest] = true;
  }
  return cells.map((cell, index) => {
    if (withheld[index]) return { value: null, suppressed: true };
    const value = rawValue(cell, aggregation);
    return {
      value: value === null ? null : roundForPublication(value, unit, aggregation, rule.roundTo),
      suppressed: false,
    };
  });
}

/** Protects one cell that stands alone (a headline figure). */
export function protectCell(
  cell: RawCell,
  unit: IndicatorUnit,
  aggregation: Aggregation,
  rule: DisclosureRule,
): ProtectedValue {
  return protectGroup([cell], unit, aggregation, rule)[0]!;
}
