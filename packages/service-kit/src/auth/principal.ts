import { type Actor, ROLES, type Role } from '@zhas/domain';
import { z } from 'zod';

export { ROLES } from '@zhas/domain';
export type { Role } from '@zhas/domain';

export const roleSchema = z.enum(ROLES);

/**
 * Who is calling, as the verified token says: the domain's `Actor` (plain data, no token). Route handlers pass it
 * to commands as the actor; domain policies decide with it; nothing looks at the raw claims.
 */
export type Principal = Actor;

/** The claims this platform reads, with their names in the token. */
export const principalClaimsSchema = z.object({
  sub: z.string().min(1, 'must not be empty').max(256),
  roles: z
    .array(z.string())
    .default([])
    .transform((roles) => [
      ...new Set(roles.filter((role): role is Role => roleSchema.safeParse(role).success)),
    ]),
  participant_id: z.string().min(1).max(128).optional(),
  host_org_id: z.string().min(1).max(128).optional(),
  regions: z.array(z.string().min(1).max(64)).max(64).optional(),
  // Display names, for audit trails of staff actions; a malformed one is ignored, not refused.
  name: z.string().trim().min(1).max(200).optional().catch(undefined),
  preferred_username: z.string().trim().min(1).max(200).optional().catch(undefined),
});

export type PrincipalClaims = z.input<typeof principalClaimsSchema>;

/** Reads a principal from verified claims; the error names the claims that are missing or malformed. */
export function principalFromClaims(
  claims: Record<string, unknown>,
): { ok: true; principal: Principal } | { ok: false; error: string } {
  const parsed = principalClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? 'claims')))];
    return { ok: false, error: `The token has missing or malformed claims: ${names.join(', ')}.` };
  }
  const { sub, roles, participant_id, host_org_id, regions, name, preferred_username } = parsed.data;
  const displayName = name ?? preferred_username;
  return {
    ok: true,
    principal: {
      subject: sub,
      roles,
      ...(participant_id === undefined ? {} : { participantId: participant_id }),
      ...(host_org_id === undefined ? {} : { hostOrgId: host_org_id }),
      ...(regions === undefined ? {} : { regions }),
      ...(displayName === undefined ? {} : { name: displayName }),
    },
  };
}
