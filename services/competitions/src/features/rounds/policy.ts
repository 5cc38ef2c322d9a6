import { type Actor, hasRole, isNational } from '@zhas/domain';
import { type RoundStatus } from './domain';

// Who may do what with a round (tested as a table in policy.unit.test.ts).

/** A round applies to every region: coordinators not limited to some regions create, edit, publish and close it. */
export function canManageRounds(actor: Actor): boolean {
  return hasRole(actor, 'coordinator') && isNational(actor);
}

/** Drafts are the coordinators' working copies: nobody else learns that they exist (the public sees none). */
export function canSeeRound(actor: Actor | undefined, round: { readonly status: RoundStatus }): boolean {
  return round.status !== 'draft' || (actor !== undefined && hasRole(actor, 'coordinator'));
}

/** The statuses of the rounds a list shows the actor. */
export function visibleRoundStatuses(actor: Actor): readonly RoundStatus[] {
  return hasRole(actor, 'coordinator') ? ['draft', 'published', 'closed'] : ['published', 'closed'];
}
