import { problems } from '../http/problem';
import { type Principal, type Role } from './principal';

/*
 * Authorization rules as pure functions over a Principal, so that the domain layer applies them where the data is
 * (a host organization sees only the bids assigned to it; an applicant only their own team), not only the routes
 * (DESIGN.md section 6). The `can*` functions answer; the `require*` functions throw a 403 HttpProblem, which the
 * HTTP layer renders as a problem document.
 */

/** Roles that include others: an admin may do everything a coordinator may. */
const IMPLIED_ROLES: Readonly<Partial<Record<Role, readonly Role[]>>> = {
  admin: ['coordinator'],
};

/** The principal's roles with the roles they imply. */
export function effectiveRoles(principal: Principal): ReadonlySet<Role> {
  const roles = new Set<Role>(principal.roles);
  for (const role of principal.roles) for (const implied of IMPLIED_ROLES[role] ?? []) roles.add(implied);
  return roles;
}

/** True when the principal has at least one of the roles (directly or implied: admin counts as coordinator). */
export function hasRole(principal: Principal, ...roles: readonly Role[]): boolean {
  const own = effectiveRoles(principal);
  return roles.some((role) => own.has(role));
}

/** Throws 403 unless the principal has at least one of the roles. */
export function requireRole(principal: Principal, ...roles: readonly [Role, ...Role[]]): void {
  if (!hasRole(principal, ...roles)) {
    throw problems.forbidden(`This action needs one of the roles: ${roles.join(', ')}.`);
  }
}

/** Coordinators and admins act on behalf of anyone; the others only for themselves. */
function isCoordinating(principal: Principal): boolean {
  return hasRole(principal, 'coordinator');
}

/**
 * An applicant acting as that participant, or a coordinator (or admin) whose regions include the participant's.
 * The region is required: a coordinator limited to some regions never reaches a record of another one.
 */
export function canActForParticipant(principal: Principal, participantId: string, region: string): boolean {
  return (
    (isCoordinating(principal) && canAccessRegion(principal, region)) ||
    (hasRole(principal, 'applicant') &&
      principal.participantId !== undefined &&
      principal.participantId === participantId)
  );
}

export function requireParticipant(principal: Principal, participantId: string, region: string): void {
  if (!canActForParticipant(principal, participantId, region)) {
    throw problems.forbidden('You may act only for your own participant record.');
  }
}

/**
 * Staff of that host organization, or a coordinator (or admin) whose regions include the one the action concerns.
 * `region` null means the organization as a whole (its BIN, its registration), which only a coordinator without a
 * regions claim reaches: an organization is not bound to one region.
 */
export function canActForHostOrganization(
  principal: Principal,
  hostOrgId: string,
  region: string | null,
): boolean {
  return (
    (isCoordinating(principal) &&
      (region === null ? isNational(principal) : canAccessRegion(principal, region))) ||
    (hasRole(principal, 'host_org') && principal.hostOrgId !== undefined && principal.hostOrgId === hostOrgId)
  );
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

/** True when the principal is not limited to some regions (no `regions` claim). */
export function isNational(principal: Principal): boolean {
  return principal.regions === undefined;
}

/** Throws 403 when the principal is limited to some regions: for what applies to every region (rounds, snapshots). */
export function requireNational(principal: Principal): void {
  if (!isNational(principal)) {
    throw problems.forbidden('This applies to every region; your access is limited to some regions.');
  }
}

/**
 * True when the region is within the principal's `regions` claim. A principal without the claim reaches every
 * region; the claim scopes whoever carries it (typically regional coordinators, committees and viewers).
 */
export function canAccessRegion(principal: Principal, regionId: string): boolean {
  return principal.regions === undefined || principal.regions.includes(regionId);
}

export function requireRegion(principal: Principal, regionId: string): void {
  if (!canAccessRegion(principal, regionId)) {
    throw problems.forbidden(`Your access does not cover region ${regionId}.`);
  }
}

/**
 * The region filter a list query must apply for this principal: `undefined` means no restriction, otherwise only
 * these regions (possibly none). Intersects with the regions the client asked for, if any.
 */
export function regionScope(
  principal: Principal,
  requested?: readonly string[],
): readonly string[] | undefined {
  if (principal.regions === undefined) return requested;
  if (requested === undefined) return principal.regions;
  const allowed = new Set(principal.regions);
  return requested.filter((region) => allowed.has(region));
}
