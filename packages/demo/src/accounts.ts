/*
 * The demo's sign-in accounts and the seeded data: the seeded young people register through the API with tokens of
 * the local development key and have no accounts, so the realm's `demo-applicant` is made one of them (the leader
 * of a seeded team), the way the portal links an account once its person registers: the account's admin-only
 * attribute `participant_id`, written through Keycloak's admin API by the portal client's service account.
 */

export interface AccountsSettings {
  /** The realm's issuer, e.g. http://127.0.0.1:8089/realms/zhas. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The embedded Keycloak of `npm start` (its port moves with ZHAS_PORT_OFFSET), or the provider OIDC_ISSUER names. */
export function accountsSettings(env: NodeJS.ProcessEnv, host: string): AccountsSettings {
  const offset = Number(env.ZHAS_PORT_OFFSET ?? '0');
  const port = Number(env.ZHAS_KEYCLOAK_PORT ?? 8089 + offset);
  return {
    issuer: (env.OIDC_ISSUER ?? `http://${host}:${port}/realms/zhas`).replace(/\/+$/, ''),
    clientId: env.OIDC_CLIENT_ID ?? 'zhas-portal',
    clientSecret: env.OIDC_CLIENT_SECRET ?? env.ZHAS_PORTAL_CLIENT_SECRET ?? 'zhas-portal-dev-secret',
  };
}

/** Keycloak's admin API lives beside its realms: <base>/realms/<realm> -> <base>/admin/realms/<realm>. */
export function adminBaseOf(issuer: string): string {
  return issuer.replace(/\/realms\/([^/]+)$/, '/admin/realms/$1');
}

/**
 * Sets an account's user attributes (keeping its others), found by its user name. Throws with the provider's
 * answer when it refuses; the caller decides whether the seed goes on without it.
 */
export async function setAccountAttributes(
  settings: AccountsSettings,
  username: string,
  attributes: Record<string, string[]>,
): Promise<void> {
  const tokenResponse = await fetch(`${settings.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!tokenResponse.ok)
    throw new Error(`the provider refused the portal client's credentials: ${tokenResponse.status}`);
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const admin = adminBaseOf(settings.issuer);
  const found = await fetch(`${admin}/users?exact=true&username=${encodeURIComponent(username)}`, {
    headers,
    signal: AbortSignal.timeout(10_000),
  });
  if (!found.ok) throw new Error(`looking up ${username} failed: ${found.status}`);
  const [summary] = (await found.json()) as { id: string }[];
  if (!summary) throw new Error(`the realm has no account ${username}`);
  const userUrl = `${admin}/users/${encodeURIComponent(summary.id)}`;
  // Read in full and written back whole: the admin API replaces the attributes it is given.
  const user = (await (await fetch(userUrl, { headers, signal: AbortSignal.timeout(10_000) })).json()) as {
    attributes?: Record<string, string[]>;
  };
  const updated = await fetch(userUrl, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ ...user, attributes: { ...user.attributes, ...attributes } }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!updated.ok) throw new Error(`writing ${username}'s attributes failed: ${updated.status}`);
}
