import { randomInt, randomUUID } from 'node:crypto';

/** Opaque ids: a prefix saying what the id names, then a UUID. */
export function newId(prefix: 'p' | 't' | 'r'): string {
  return `${prefix}-${randomUUID()}`;
}

/** The id under which a reviewer appears in events and to teams (competitions' committees use the same). */
export { reviewerIdOf } from '@zhas/domain';

/** The calendar date (UTC) of an instant, 'YYYY-MM-DD'. */
export function utcDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * Letters of invitation codes: Crockford's base32, without I, L, O and U, so a code read aloud or copied by hand is
 * not mistyped (normalizeInvitationCode reads O as 0 and I, L as 1).
 */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10;

/**
 * A new team invitation code, `K7QXM-2PA9F`: ten random letters (50 bits) from the system's secure generator, so
 * that guessing one is hopeless at any rate the service answers.
 */
export function newInvitationCode(): string {
  let code = '';
  for (let index = 0; index < CODE_LENGTH; index += 1) code += CODE_ALPHABET.charAt(randomInt(32));
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A code as a person typed it (any case, spaces, dashes, O for 0) in its one written form, or undefined. */
export function normalizeInvitationCode(input: string): string | undefined {
  const letters = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (letters.length !== CODE_LENGTH || [...letters].some((letter) => !CODE_ALPHABET.includes(letter))) {
    return undefined;
  }
  return `${letters.slice(0, 5)}-${letters.slice(5)}`;
}
