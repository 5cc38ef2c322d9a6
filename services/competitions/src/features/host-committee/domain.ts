import {
  type Actor,
  canAccessRegion,
  forbidden,
  hasRole,
  type Refusal,
  refuse,
  reviewerIdOf,
} from '@zhas/domain';
import { type CompetitionsError } from '../../shared/errors';
import { type RoundState } from '../rounds/domain';

// The committee of a region's host-organization competition: the members a coordinator of the region assigns to
// score its applications. Without an assignment every committee member of the region may score (as before
// committees were assigned); once a region has one, only its members score, declare conflicts or save drafts.

export interface HostCommittee {
  readonly roundId: string;
  readonly region: string;
  /**
   * The members' reviewer ids (`rv-...`, derived from their sign-in as in the applications service's reviewer
   * registry, where the coordinator picks them by name), in the order they were given.
   */
  readonly memberIds: readonly string[];
  readonly assignedAt: string;
  readonly assignedBy: string;
}

/** Coordinators of the region assign; coordinators and committee members of the region read the assignment. */
export function canAssignCommittee(actor: Actor, region: string): boolean {
  return hasRole(actor, 'coordinator') && canAccessRegion(actor, region);
}

export function canSeeCommittee(actor: Actor, region: string): boolean {
  return hasRole(actor, 'coordinator', 'committee') && canAccessRegion(actor, region);
}

/**
 * The new committee of the region, replacing the previous one: in a published round that runs in the region,
 * until its selection is confirmed (the scores then are final). A member listed twice counts once.
 */
export function assignCommittee(
  actor: Actor,
  round: Pick<RoundState, 'status' | 'content'>,
  roundId: string,
  region: string,
  memberIds: readonly string[],
  selectionConfirmedAt: string | undefined,
  now: Date,
): { readonly kind: 'assigned'; readonly committee: HostCommittee } | Refusal<CompetitionsError> {
  if (!canAssignCommittee(actor, region))
    return forbidden(`Only a coordinator of ${region} assigns its committee.`);
  if (round.status !== 'published' || !round.content)
    return refuse('round-not-open', `Round ${roundId} is ${round.status}.`, { roundStatus: round.status });
  if (!round.content.regions.includes(region as never))
    return refuse('region-not-in-round', `Region ${region} is not one of the round's regions.`, { region });
  if (selectionConfirmedAt !== undefined)
    return refuse(
      'selection-confirmed',
      `The selection in ${region} was confirmed at ${selectionConfirmedAt}; its committee is final.`,
    );
  return {
    kind: 'assigned',
    committee: {
      roundId,
      region,
      memberIds: [...new Set(memberIds)],
      assignedAt: now.toISOString(),
      assignedBy: actor.subject,
    },
  };
}

/** A committee member may score in a region without a committee, or when they are one of its members. */
export function refuseUnlessAssigned(
  actor: Actor,
  committee: Pick<HostCommittee, 'memberIds' | 'region'> | null,
): Refusal<CompetitionsError> | undefined {
  if (!committee || committee.memberIds.includes(reviewerIdOf(actor.subject))) return undefined;
  return forbidden(`You are not on the committee assigned to ${committee.region}.`);
}
