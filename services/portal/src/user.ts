import { ROLES, type Role } from '@zhas/service-kit';

/** What the web app learns about the signed-in person: enough to greet them and choose their screens. */
export interface PortalUser {
  readonly name: string;
  readonly roles: readonly Role[];
  /** Set once the account registered as a participant (the `participant_id` claim). */
  readonly participantId: string | null;
  readonly hostOrgId: string | null;
  /** Absent means every region. */
  readonly regions: readonly string[] | null;
}

const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** Reads the user from the claims of the provider's ID token (the same mappers fill the access token). */
export function userFromClaims(claims: Record<string, unknown>): PortalUser {
  const roles = Array.isArray(claims.roles) ? [...new Set(claims.roles.filter(isRole))] : [];
  const regions = Array.isArray(claims.regions)
    ? claims.regions.filter((region): region is string => typeof region === 'string')
    : typeof claims.regions === 'string'
      ? [claims.regions]
      : null;
  return {
    name:
      text(claims.name) ??
      ([text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ') ||
        text(claims.preferred_username) ||
        ''),
    roles,
    participantId: text(claims.participant_id) ?? null,
    hostOrgId: text(claims.host_org_id) ?? null,
    regions,
  };
}

/** Only paths of this portal: never another site, never a protocol-relative `//host`. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return '/';
  }
  return value.slice(0, 2000);
}
