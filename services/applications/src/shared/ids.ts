import { createHash, randomUUID } from 'node:crypto';

/** Opaque ids: a prefix saying what the id names, then a UUID. */
export function newId(prefix: 'p' | 't' | 'r'): string {
  return `${prefix}-${randomUUID()}`;
}

/**
 * The id under which a reviewer appears in events and to teams: derived from the token's subject (which an identity
 * provider may make an e-mail address), so it is stable per reviewer and says nothing about them.
 */
export function reviewerIdOf(subject: string): string {
  return `rv-${createHash('sha256').update(subject).digest('hex').slice(0, 24)}`;
}

/** The calendar date (UTC) of an instant, 'YYYY-MM-DD'. */
export function utcDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
