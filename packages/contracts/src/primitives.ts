import { z } from 'zod';

// Primitive schemas shared by every event. They are defined here rather than taken from @zhas/kz so that the
// contracts stay a leaf package: a change in a domain helper must never change the shape of an event.

/**
 * An aggregate or entity id. Ids become Kafka message keys and log fields, so they are limited to a safe
 * character set; their format (UUID, ULID, ObjectId) is the owning service's choice.
 */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, { message: 'Expected an id of letters, digits and _ . : -' });

/** A region id as the kz package defines it (e.g. 'almaty', the city); regions change over time, so any non-empty id. */
export const regionIdSchema = z.string().min(1).max(64);

/** Money in whole tenge. Tiyn are never used in grants or stipends, and integers add up exactly. */
export const kztSchema = z.int().nonnegative();

/** A calendar date 'YYYY-MM-DD' (a signing date, a due date): no time, no zone. */
export const isoDateSchema = z.iso.date();

/**
 * An instant, ISO 8601 in UTC with a 'Z' (what Date.prototype.toISOString gives). The OpenAPI documents state
 * zod's own pattern beside `format: date-time`: RFC 3339 also allows offsets, a lowercase 't' and leap seconds,
 * which this refuses, and a client reading the document must know.
 */
export const instantSchema = z.iso
  .datetime()
  .meta({ pattern: z.regexes.datetime({ offset: false, local: false, precision: null }).source });

/** An instant in a query (a period's bounds): a 'Z' or an offset such as +05:00, as people in Almaty write it. */
export const instantWithOffsetSchema = z.iso
  .datetime({ offset: true })
  .meta({ pattern: z.regexes.datetime({ offset: true, local: false, precision: null }).source });

/**
 * A phone number with its code (a mobile, or a landline with its area code: at least ten digits in Kazakhstan), as
 * people write it: spaces, brackets and dashes allowed, a leading '+'. Checked as sent, then trimmed, so that the
 * pattern the OpenAPI documents state is exactly the rule.
 */
export const phoneSchema = z
  .string()
  .regex(/^\s*\+?[0-9(][0-9 ()-]{8,18}[0-9]\s*$/, 'A phone number with its code, e.g. +7 701 234 5678')
  .trim();

/**
 * An e-mail address as mail servers take it: zod's rule (no quoted local part, no IP host) within the limits of
 * RFC 5321 (a local part of at most 64 characters, domain labels of at most 63 that neither start nor end with a
 * hyphen, 254 in all), which zod's own pattern leaves out. The OpenAPI documents state the same pattern beside
 * `format: email`, so a client reading the document knows exactly what is refused.
 */
const emailPattern =
  /^(?=[^@]{1,64}@)(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
export const emailSchema = z.email({ pattern: emailPattern }).max(254).meta({ pattern: emailPattern.source });

/** A text shown in Kazakh, Russian and English (round titles). */
export const localizedTextSchema = z.object({
  kk: z.string().trim().min(1).max(500),
  ru: z.string().trim().min(1).max(500),
  en: z.string().trim().min(1).max(500),
});

/** A lowercase hex SHA-256 digest (the lottery's candidate list hash). */
export const sha256HexSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { message: 'Expected a lowercase hex SHA-256' });

/** The month of a project, 1 for its first month; projects last about six months, rounds may allow up to twelve. */
export const projectMonthSchema = z.int().min(1).max(12);

/** A score on a 0-100 scale (review totals, committee totals, life-skills scores). */
export const percentScoreSchema = z.number().min(0).max(100);

/** Code of a scoring criterion defined by the round's rules, e.g. 'social-significance'. */
export const criterionCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$/, { message: 'Expected a kebab-case code' });

/** Ids listed in an event are sets: a duplicate is a producer bug that would double-count in reporting. */
export function uniqueIds(min = 0) {
  return z
    .array(idSchema)
    .min(min)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'Ids must be unique' });
}
