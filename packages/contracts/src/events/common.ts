import { z } from 'zod';
import { criterionCodeSchema, percentScoreSchema } from '../primitives';

// Small checks several events share. Cross-field rules live in the schemas so that a consumer can rely on them
// (a leader is always a member, amounts always add up) instead of re-checking.

/** Orders two ISO instants by time, not by text: '...00Z' and '...00.000Z' are the same instant. */
export function isNotBefore(later: string, earlier: string): boolean {
  return Date.parse(later) >= Date.parse(earlier);
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export function isStrictlyAscending(values: readonly string[]): boolean {
  return values.every((value, index) => index === 0 || (values[index - 1] ?? '') < value);
}

/** Scores per criterion of a rubric, each criterion once. */
export const criterionScoresSchema = z
  .array(z.object({ code: criterionCodeSchema, score: percentScoreSchema }))
  .min(1)
  .refine((scores) => new Set(scores.map((score) => score.code)).size === scores.length, {
    message: 'Each criterion appears once',
  });
