import {
  canAccessRegion,
  canActForHostOrganization,
  canActForParticipant,
  hasRole,
  isNational,
} from '@zhas/domain';
import { problems } from '../http/problem';
import { type Principal, type Role } from './principal';

/*
 * The authorization rules are pure functions over an actor in @zhas/domain, so that each feature's policy applies
 * them where the data is (a host organization sees only the bids assigned to it; an applicant only their own team),
 * not only on routes (docs/architecture.md, "Who may do what"). The `require*` functions here throw a 403
 * HttpProblem, for code at the HTTP edge; domain code returns a `forbidden` refusal instead.
 */

export {
  canAccessRegion,
  canActForHostOrganization,
  canActForParticipant,
  effectiveRoles,
  hasRole,
  isNational,
  regionScope,
} from '@zhas/domain';

/** Throws 403 unless the principal has at least one of the roles. */
export function requireRole(principal: Principal, ...roles: readonly [Role, ...Role[]]): void {
  if (!hasRole(principal, ...roles)) {
    throw problems.forbidden(`This action needs one of the roles: ${roles.join(', ')}.`);
  }
}

export function requireParticipant(principal: Principal, participantId: string, region: string): void {
  if (!canActForParticipant(principal, participantId, region)) {
    throw problems.forbidden('You may act only for your own participant record.');
  }
}

export function requireHostOrganization(
  principal: Principal,
  hostOrgId: string,
  region: string | null,
): void {
  if (!canActForHostOrganization(principal, hostOrgId, region)) {
    throw problems.forbidden('You may act only for your own host organization.');
  }
}

/** Throws 403 when the principal is limited to some regions: for what applies to every region (rounds, snapshots). */
export function requireNational(principal: Principal): void {
  if (!isNational(principal)) {
    throw problems.forbidden('This applies to every region; your access is limited to some regions.');
  }
}

export function requireRegion(principal: Principal, regionId: string): void {
  if (!canAccessRegion(principal, regionId)) {
    throw problems.forbidden(`Your access does not cover region ${regionId}.`);
  }
}
