import { createHash } from 'node:crypto';

/** The roles of the platform (docs/architecture.md, "Who may do what"). */
export const ROLES = [
  'applicant',
  'host_org',
  'committee',
  'mentor',
  'coordinator',
  'viewer',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

/**
 * Who acts on a command, as plain data: the domain decides with it and never sees a token. The HTTP layer builds it
 * from a verified token (service-kit's `Principal` is this type); an event handler acting for the system builds its
 * own.
 */
export interface Actor {
  /** A stable, pseudonymous user id from the identity provider. */
  readonly subject: string;
  readonly roles: readonly Role[];
  /** The participant an applicant acts as. */
  readonly participantId?: string;
  /** The host organization a `host_org` user works for. */
  readonly hostOrgId?: string;
  /** The regions the actor is limited to; absent means every region. */
  readonly regions?: readonly string[];
  /** The person's display name, when the token gives one: staff actions show it in audit trails. */
  readonly name?: string;
}

/*
 * The rules every service's policies are built from. They answer yes or no; a policy module of a feature combines
 * them for its resources, and its domain turns a no into a `forbidden` refusal.
 */

/** Roles that include others: an admin may do everything a coordinator may. */
const IMPLIED_ROLES: Readonly<Partial<Record<Role, readonly Role[]>>> = {
  admin: ['coordinator'],
};

/** The actor's roles with the roles they imply. */
export function effectiveRoles(actor: Actor): ReadonlySet<Role> {
  const roles = new Set<Role>(actor.roles);
  for (const role of actor.roles) for (const implied of IMPLIED_ROLES[role] ?? []) roles.add(implied);
  return roles;
}

/** True when the actor has at least one of the roles (directly or implied: admin counts as coordinator). */
export function hasRole(actor: Actor, ...roles: readonly Role[]): boolean {
  const own = effectiveRoles(actor);
  return roles.some((role) => own.has(role));
}

/**
 * An applicant acting as that participant, or a coordinator (or admin) whose regions include the participant's.
 * The region is required: a coordinator limited to some regions never reaches a record of another one.
 */
export function canActForParticipant(actor: Actor, participantId: string, region: string): boolean {
  return (
    (hasRole(actor, 'coordinator') && canAccessRegion(actor, region)) ||
    (hasRole(actor, 'applicant') &&
      actor.participantId !== undefined &&
      actor.participantId === participantId)
  );
}

/**
 * Staff of that host organization, or a coordinator (or admin) whose regions include the one the action concerns.
 * `region` null means the organization as a whole (its BIN, its registration), which only a coordinator without
 * regions reaches: an organization is not bound to one region.
 */
export function canActForHostOrganization(actor: Actor, hostOrgId: string, region: string | null): boolean {
  return (
    (hasRole(actor, 'coordinator') &&
      (region === null ? isNational(actor) : canAccessRegion(actor, region))) ||
    (hasRole(actor, 'host_org') && actor.hostOrgId !== undefined && actor.hostOrgId === hostOrgId)
  );
}

/** True when the actor is not limited to some regions (no `regions`). */
export function isNational(actor: Actor): boolean {
  return actor.regions === undefined;
}

/**
 * True when the region is within the actor's `regions`. An actor without regions reaches every region; the claim
 * scopes whoever carries it (typically regional coordinators, committees and viewers).
 */
export function canAccessRegion(actor: Actor, regionId: string): boolean {
  return actor.regions === undefined || actor.regions.includes(regionId);
}

/**
 * The regions a list must be limited to for this actor: `undefined` means no restriction, otherwise only these
 * regions (possibly none). Intersects with the regions asked for, if any.
 */
export function regionScope(actor: Actor, requested?: readonly string[]): readonly string[] | undefined {
  if (actor.regions === undefined) return requested;
  if (requested === undefined) return actor.regions;
  const allowed = new Set(actor.regions);
  return requested.filter((region) => allowed.has(region));
}

/**
 * The id under which a reviewer or committee member appears in events, registries and committees, the same in every
 * service: derived from the token's subject (which an identity provider may make an e-mail address), so it is
 * stable per person and says nothing about them.
 */
export function reviewerIdOf(subject: string): string {
  return `rv-${createHash('sha256').update(subject).digest('hex').slice(0, 24)}`;
}
