import { z } from 'zod';
import { type Language } from './language';

/**
 * An amount of money in whole Kazakhstani tenge. Grant ceilings, budgets, stipends and tranches are set and
 * paid in whole tenge (tiyn play no part), so an integer is exact: it survives JSON and MongoDB unchanged,
 * needs no Decimal128 (which the embedded FerretDB and JSON clients handle poorly) and sums without
 * floating-point drift. Amounts are never negative; a refund or a recovery is its own record, not a sign.
 */
export const kztSchema = z
  .number()
  .int({ message: 'An amount in KZT must be a whole number of tenge' })
  .min(0, { message: 'An amount in KZT cannot be negative' })
  .max(Number.MAX_SAFE_INTEGER)
  .describe('Amount in whole Kazakhstani tenge (KZT)')
  .brand<'Kzt'>();

export type Kzt = number & z.$brand<'Kzt'>;

export function isKzt(value: unknown): value is Kzt {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Checks and brands an amount; throws RangeError for a fraction, a negative or an unsafe number. */
export function kzt(amount: number): Kzt {
  if (!isKzt(amount)) {
    throw new RangeError(`An amount in KZT must be a non-negative safe integer, not ${String(amount)}`);
  }
  return amount;
}

export const zeroKzt: Kzt = kzt(0);

export function addKzt(a: Kzt, b: Kzt): Kzt {
  return kzt(a + b);
}

/** a - b; throws RangeError when b is larger, since amounts are never negative. */
export function subtractKzt(a: Kzt, b: Kzt): Kzt {
  if (b > a) throw new RangeError(`Cannot subtract ${b} KZT from ${a} KZT`);
  return kzt(a - b);
}

/** An amount times a whole count, e.g. a monthly stipend times the number of months. */
export function multiplyKzt(amount: Kzt, times: number): Kzt {
  if (!Number.isSafeInteger(times) || times < 0) throw new RangeError('times must be a non-negative integer');
  return kzt(amount * times);
}

export function sumKzt(amounts: Iterable<Kzt>): Kzt {
  let total = 0;
  for (const amount of amounts) total = addKzt(kzt(total), amount);
  return kzt(total);
}

const basisPointsPerWhole = 10_000n;

/**
 * A percentage as basis points (hundredths of a percent), so shares are computed exactly in integers.
 * Two decimals are enough for any split in the programme's rules (50/50 tranches, 12.5% and so on).
 */
function toBasisPoints(percent: number): bigint {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`A percentage must be from 0 to 100, not ${String(percent)}`);
  }
  const basisPoints = Math.round(percent * 100);
  if (Math.abs(percent * 100 - basisPoints) > 1e-6) {
    throw new RangeError(`A percentage may have at most two decimals, not ${String(percent)}`);
  }
  return BigInt(basisPoints);
}

/** `percent` % of an amount, rounded down to the tenge: a share never exceeds its percentage. */
export function percentOf(amount: Kzt, percent: number): Kzt {
  return kzt(Number((BigInt(kzt(amount)) * toBasisPoints(percent)) / basisPointsPerWhole));
}

/**
 * Splits a total by percentages (which must add up to 100) into parts that add up to the total exactly,
 * e.g. tranches 50/50 of 1,000,001 KZT are 500,001 and 500,000. Each part is its exact share rounded down;
 * the tenge left over go one each to the parts with the largest dropped fractions, earlier parts first on
 * a tie (largest remainder method), so every part is within one tenge of its exact share and the result
 * depends only on the inputs.
 */
export function splitKzt(total: Kzt, percents: readonly number[]): Kzt[] {
  if (percents.length === 0) throw new RangeError('At least one percentage is needed');
  const basisPoints = percents.map(toBasisPoints);
  if (basisPoints.reduce((a, b) => a + b, 0n) !== basisPointsPerWhole) {
    throw new RangeError(`The percentages must add up to 100, not ${percents.reduce((a, b) => a + b, 0)}`);
  }
  const whole = BigInt(kzt(total));
  const shares = basisPoints.map((bp, index) => ({
    index,
    floor: (whole * bp) / basisPointsPerWhole,
    dropped: (whole * bp) % basisPointsPerWhole,
  }));
  let leftover = whole - shares.reduce((sum, share) => sum + share.floor, 0n);
  const byDropped = [...shares].sort((a, b) =>
    a.dropped === b.dropped ? a.index - b.index : a.dropped > b.dropped ? -1 : 1,
  );
  const parts = shares.map((share) => share.floor);
  for (const share of byDropped) {
    if (leftover === 0n) break;
    parts[share.index] = share.floor + 1n;
    leftover -= 1n;
  }
  return parts.map((part) => kzt(Number(part)));
}

const noBreakSpace = '\u00a0';

function groupDigits(amount: Kzt, separator: string): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * An amount for people to read, the way CLDR (and Node's Intl with full ICU) writes it for each language:
 * kk and ru '1 000 000 ₸' with no-break spaces, en 'KZT 1,000,000'. Written by hand so the output does not
 * depend on which ICU data the runtime ships with.
 */
export function formatKzt(amount: Kzt, language: Language): string {
  kzt(amount);
  switch (language) {
    case 'kk':
    case 'ru':
      return `${groupDigits(amount, noBreakSpace)}${noBreakSpace}₸`;
    case 'en':
      return `KZT${noBreakSpace}${groupDigits(amount, ',')}`;
  }
}
