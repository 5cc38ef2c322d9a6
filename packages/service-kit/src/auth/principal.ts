import { z } from 'zod';

/** The roles of the platform (DESIGN.md section 6). */
export const ROLES = ['applicant', 'host_org', 'committee', 'coordinator', 'viewer', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export const roleSchema = z.enum(ROLES);

/**
 * Who is calling, as the verified token says. Domain code receives it and decides with the helpers of
 * `authorize.ts`; it never looks at the raw claims.
 */
export interface Principal {
  /** The `sub` claim: a stable, pseudonymous user id from the identity provider. */
  readonly subject: string;
  /** The known roles of the `roles` claim; unknown role names are ignored. */
  readonly roles: readonly Role[];
  /** The `participant_id` claim: the participant an applicant acts as. */
  readonly participantId?: string;
  /** The `host_org_id` claim: the host organization a `host_org` user works for. */
  readonly hostOrgId?: string;
  /** The `regions` claim: the regions the principal is limited to; absent means every region. */
  readonly regions?: readonly string[];
}

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
  const { sub, roles, participant_id, host_org_id, regions } = parsed.data;
  return {
    ok: true,
    principal: {
      subject: sub,
      roles,
      ...(participant_id === undefined ? {} : { participantId: participant_id }),
      ...(host_org_id === undefined ? {} : { hostOrgId: host_org_id }),
      ...(regions === undefined ? {} : { regions }),
    },
  };
}
