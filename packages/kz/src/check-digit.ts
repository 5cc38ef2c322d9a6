/**
 * The check digit shared by IINs and BINs (Rules for forming identification numbers, Government Decree of
 * 22 May 2007 No. 406; the OECD "Kazakhstan TIN" sheet describes the same rule):
 *
 *   a1 * 1 + a2 * 2 + ... + a11 * 11, remainder mod 11.
 *   If the remainder is 10, weigh again with 3 4 5 6 7 8 9 10 11 1 2 and take the remainder mod 11.
 *   If it is 10 again, no number with these first 11 digits is issued.
 */
export const firstWeights: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
export const secondWeights: readonly number[] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

export function weightedRemainder(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += Number(digits.charAt(i)) * (weights[i] ?? 0);
  }
  return sum % 11;
}

const elevenDigits = /^\d{11}$/;

/** The check digit for the first 11 digits, or undefined when both weightings give 10. */
export function identificationCheckDigit(first11: string): number | undefined {
  if (!elevenDigits.test(first11)) throw new RangeError('Expected exactly 11 digits');
  const first = weightedRemainder(first11, firstWeights);
  if (first !== 10) return first;
  const second = weightedRemainder(first11, secondWeights);
  return second !== 10 ? second : undefined;
}
