import { createHash } from 'node:crypto';

// Ids of tracking's aggregates are derived from the bid they follow, so that a redelivered award or a retried
// command lands on the same document (a second create is a no-op or a conflict, never a duplicate).

const MAX_ID_LENGTH = 128;

/** `<prefix>-<parts joined by ':'>`, or a digest of them when that would be longer than an id may be. */
export function derivedId(prefix: string, ...parts: readonly (string | number)[]): string {
  const joined = parts.join(':');
  const readable = `${prefix}-${joined}`;
  if (readable.length <= MAX_ID_LENGTH) return readable;
  return `${prefix}-${createHash('sha256').update(joined).digest('hex').slice(0, 40)}`;
}

export const projectIdOf = (bidId: string) => derivedId('prj', bidId);
export const agreementIdOf = (bidId: string) => derivedId('agr', bidId);
export const trancheIdOf = (bidId: string, trancheNumber: number) => derivedId('trn', bidId, trancheNumber);
export const reportIdOf = (bidId: string, projectMonth: number) =>
  derivedId('rpt', bidId, `m${projectMonth}`);
export const stipendIdOf = (bidId: string, projectMonth: number, participantId: string) =>
  derivedId('stp', bidId, `m${projectMonth}`, participantId);
export const surveyIdOf = (bidId: string, participantId: string, wave: string) =>
  derivedId('srv', bidId, participantId, wave);

/** A mentor's id: derived from their sign-in's subject, so that their own account finds their record. */
export const mentorIdOf = (subject: string) =>
  `mnt-${createHash('sha256').update(subject).digest('hex').slice(0, 24)}`;
