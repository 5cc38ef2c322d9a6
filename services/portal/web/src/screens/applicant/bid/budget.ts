import { type BudgetLine } from './content';

export interface BudgetTotals {
  /** The sum of the lines, in whole tenge. */
  readonly total: number;
  /** Requested minus total: 0 when they agree, null while no amount is requested. */
  readonly unallocated: number | null;
  /** Whether the requested amount (or, without one, the lines' total) is above the round's ceiling. */
  readonly overCeiling: boolean;
  /** What is left under the ceiling after the lines (negative: over it); null without a ceiling. */
  readonly leftUnderCeiling: number | null;
}

/**
 * The live totals shown beside the budget lines, so the team sees at once whether its lines add up to the amount it
 * requests and stay under the round's ceiling. Only a help while typing: the technical check in the applications
 * service decides (budget-lines-do-not-add-up, budget-exceeds-ceiling).
 */
export function budgetTotals(
  lines: readonly Pick<BudgetLine, 'amountKzt'>[],
  requestedAmountKzt: number | null,
  ceilingKzt: number | null,
): BudgetTotals {
  const total = lines.reduce(
    (sum, line) => sum + (Number.isFinite(line.amountKzt) ? Math.max(0, line.amountKzt) : 0),
    0,
  );
  const asked = requestedAmountKzt ?? total;
  return {
    total,
    unallocated: requestedAmountKzt === null ? null : requestedAmountKzt - total,
    overCeiling: ceilingKzt !== null && asked > ceilingKzt,
    leftUnderCeiling: ceilingKzt === null ? null : ceilingKzt - total,
  };
}

/** What a person typed in an amount field, as whole tenge: digits only (spaces and separators dropped), or null. */
export function parseTenge(typed: string): number | null {
  const digits = typed.replace(/[\s\u00a0,.'₸]/g, '');
  if (!/^\d{1,10}$/.test(digits)) return null;
  return Number(digits);
}
