import { type Actor, canAccessRegion, hasRole } from '@zhas/domain';

// Who may do what with mentors (tested as a table in policy.unit.test.ts).

/** The mentor themself: the `mentor` role, and the record their sign-in gives (`mentorIdOf(subject)`). */
export function isTheMentor(actor: Actor, actorMentorId: string, mentorId: string): boolean {
  return hasRole(actor, 'mentor') && actorMentorId === mentorId;
}

/** A coordinator of the project's region assigns mentors to it and takes them off. */
export function canAssignMentors(actor: Actor, region: string): boolean {
  return hasRole(actor, 'coordinator') && canAccessRegion(actor, region);
}

/** Coordinators read the registry: those limited to regions see the mentors who work in one of them. */
export function canReadMentor(actor: Actor, mentor: { readonly regions: readonly string[] }): boolean {
  return hasRole(actor, 'coordinator') && mentor.regions.some((region) => canAccessRegion(actor, region));
}
