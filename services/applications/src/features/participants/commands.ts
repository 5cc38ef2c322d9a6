import { type Actor, Refused, notFound, refuse, unlessRefused } from '@zhas/domain';
import { type Aggregate, ConcurrencyConflict, handleCommand } from '@zhas/messaging';
import { type ApplicationsContext, commandOptions } from '../../shared/context';
import { newId } from '../../shared/ids';
import { purposeOfRecordRead } from '../personal-data-reads/domain';
import {
  erasePersonalData,
  type ParticipantState,
  type ProfileAttributes,
  type Registration,
  refuseExport,
  refuseRead,
  register,
  updateProfile,
} from './domain';

/**
 * Registers the actor. One IIN is one person: when its digest is taken, a retry by the same account gets its
 * record back (`created: false`), anyone else learns only that it is registered.
 */
export async function registerParticipant(
  app: ApplicationsContext,
  actor: Actor,
  registration: Registration,
  requestId: string,
): Promise<{ readonly created: boolean; readonly participant: Aggregate<ParticipantState> }> {
  const { participants } = app;
  const participantId = newId('p');
  const iinDigest = participants.digest(registration.iin);
  try {
    const result = await handleCommand(
      participants.store,
      participantId,
      (_none, now) => register(actor, registration, { participantId, iinDigest }, now),
      { ...commandOptions(app, requestId), create: true, expectedVersion: 0 },
    );
    if (result) return { created: true, participant: result.aggregate };
  } catch (error) {
    if (!(error instanceof ConcurrencyConflict)) throw error;
  }
  const existingId = await participants.idByDigest(iinDigest);
  const existing = existingId === undefined ? undefined : await participants.store.get(existingId);
  if (existing?.state.subject === actor.subject) {
    await app.personalDataReads.record(actor, {
      participantId: existing.id,
      purpose: 'registration-retry',
      operation: 'POST /participants',
      requestId,
    });
    return { created: false, participant: existing };
  }
  throw new Refused(refuse('already-registered', 'A participant with this IIN is registered already.'));
}

/** The record with its personal data opened, for the person or a coordinator of their region; the read is logged. */
export async function readParticipant(
  app: ApplicationsContext,
  actor: Actor,
  participantId: string,
  requestId: string,
): Promise<Aggregate<ParticipantState>> {
  const found = await app.participants.store.get(participantId);
  if (!found) throw new Refused(notFound('Participant', participantId));
  unlessRefused(refuseRead(actor, found.state));
  await app.personalDataReads.record(actor, {
    participantId,
    purpose: purposeOfRecordRead(actor, participantId),
    operation: 'GET /participants/{participantId}',
    requestId,
  });
  return found;
}

/** The person (or a coordinator) changes the profile of the version they saw. */
export async function changeProfile(
  app: ApplicationsContext,
  actor: Actor,
  participantId: string,
  { version, ...profile }: { readonly version: number } & ProfileAttributes,
  requestId: string,
): Promise<Aggregate<ParticipantState>> {
  const { aggregate } = await handleCommand(
    app.participants.store,
    participantId,
    (current, now) => updateProfile(actor, current, profile, now),
    commandOptions(app, requestId, { expectedVersion: version }),
  );
  await app.personalDataReads.record(actor, {
    participantId,
    purpose: 'profile-change',
    operation: 'PUT /participants/{participantId}/profile',
    requestId,
  });
  return aggregate;
}

/** Everything this service holds about the person: their record, opened, and the teams that list them. */
export async function exportPersonalData(
  app: ApplicationsContext,
  actor: Actor,
  participantId: string,
  requestId: string,
): Promise<{
  readonly participant: Aggregate<ParticipantState>;
  readonly teamIds: readonly string[];
  readonly exportedAt: Date;
}> {
  const found = await app.participants.store.get(participantId);
  if (!found) throw new Refused(notFound('Participant', participantId));
  unlessRefused(refuseExport(actor, found.state));
  await app.personalDataReads.record(actor, {
    participantId,
    purpose: 'data-export',
    operation: 'GET /participants/{participantId}/personal-data',
    requestId,
  });
  return { participant: found, teamIds: await app.teams.idsOfMember(participantId), exportedAt: app.now() };
}

/** Erases the person's personal data (the person or an admin); a second request changes nothing. */
export async function erasePersonalDataOf(
  app: ApplicationsContext,
  actor: Actor,
  participantId: string,
  requestId: string,
): Promise<Aggregate<ParticipantState>> {
  const { aggregate } = await handleCommand(
    app.participants.store,
    participantId,
    (current, now) => erasePersonalData(actor, current, now),
    commandOptions(app, requestId),
  );
  return aggregate;
}
