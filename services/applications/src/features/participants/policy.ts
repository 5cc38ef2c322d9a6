import { type Actor, canActForParticipant, hasRole } from '@zhas/domain';

// Who may do what with a participant record (tested as a table in policy.unit.test.ts).

/** Registration is for an applicant account that is not linked to a participant yet. */
export function canRegister(actor: Actor): boolean {
  return hasRole(actor, 'applicant');
}

type Person = { readonly participantId: string; readonly region: string };

/** The record, personal data included, is the person's own and their region's coordinators'. */
export function canSeeParticipant(actor: Actor, participant: Person): boolean {
  return canActForParticipant(actor, participant.participantId, participant.region);
}

/**
 * The profile is changed by the person or a coordinator of their region; a coordinator moves a participant only
 * into a region they also cover.
 */
export function canChangeProfile(actor: Actor, participant: Person, newRegion: string): boolean {
  return (
    canActForParticipant(actor, participant.participantId, participant.region) &&
    canActForParticipant(actor, participant.participantId, newRegion)
  );
}

/**
 * The person themself, or an admin acting on their written request, may export or erase their personal data; a
 * coordinator may not (reading a record is not owning it).
 */
export function canExportOrErase(actor: Actor, participant: Person): boolean {
  const isThePerson =
    hasRole(actor, 'applicant') &&
    actor.participantId !== undefined &&
    actor.participantId === participant.participantId;
  return isThePerson || hasRole(actor, 'admin');
}
