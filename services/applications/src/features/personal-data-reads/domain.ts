import { type Actor } from '@zhas/domain';

/*
 * The log of reads of personal data (docs/security.md, "Reads of personal data"): every answer that opens a
 * participant's IIN, name, phone or e-mail leaves one entry saying who read it, whose it was, when and why. The
 * entry names people by their ids only: the log itself holds no personal data, so it can be shown to an admin.
 */

/** Why the personal data was opened: each answer that opens it has one purpose. */
export const readPurposes = [
  /** The person reads their own record. */
  'own-record',
  /** A coordinator reads a participant of their regions (eligibility, teams, grievances, payments). */
  'coordination',
  /** The data export the person asked for (by themself, or an admin on their request). */
  'data-export',
  /** A retried registration gives the person their record back. */
  'registration-retry',
  /** The answer to a profile change carries the record. */
  'profile-change',
] as const;
export type ReadPurpose = (typeof readPurposes)[number];

export interface PersonalDataRead {
  readonly readId: string;
  readonly participantId: string;
  /** The reader's pseudonymous id (the token's subject) and roles. */
  readonly reader: { readonly subject: string; readonly roles: readonly string[] };
  readonly purpose: ReadPurpose;
  /** The operation that answered, e.g. `GET /participants/{participantId}`. */
  readonly operation: string;
  readonly requestId: string;
  readonly at: Date;
}

/** The purpose of a read of a participant's record by `actor`: their own, else what their role does with it. */
export function purposeOfRecordRead(actor: Actor, participantId: string): ReadPurpose {
  return actor.participantId === participantId ? 'own-record' : 'coordination';
}

export function personalDataRead(
  actor: Actor,
  read: Pick<PersonalDataRead, 'participantId' | 'purpose' | 'operation' | 'requestId'>,
  readId: string,
  at: Date,
): PersonalDataRead {
  return { readId, ...read, reader: { subject: actor.subject, roles: [...actor.roles] }, at };
}
