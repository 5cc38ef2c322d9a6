import { type Logger } from '@zhas/service-kit';
import { type PortalConfig } from './config';
import { type OidcClient } from './oidc';

/**
 * Makes an account act as its participant: after the applications service registered the person, the account
 * gets the user attribute `participant_id`, which the provider's mapper puts into every token from then on, and
 * the services read it like any other claim (they keep verifying tokens by JWKS only).
 *
 * With Keycloak this is one admin API call by the portal client's service account, whose only roles are
 * realm-management's view-users and manage-users; the attribute is admin-only in the realm's user profile, so a
 * person cannot set it themself. The portal writes only the id the applications service returned to that very
 * account's token, and only for the signed-in account's own subject.
 */
export interface AccountLink {
  linkParticipant(subject: string, participantId: string): Promise<void>;
}

export function accountLinkFor(config: PortalConfig, oidc: OidcClient, logger: Logger): AccountLink {
  if (config.PORTAL_ACCOUNT_LINK === 'none') {
    return {
      linkParticipant: (_subject, participantId) => {
        logger.warn(
          { participantId },
          'PORTAL_ACCOUNT_LINK=none: the provider must add participant_id to this account itself',
        );
        return Promise.resolve();
      },
    };
  }
  return {
    async linkParticipant(subject, participantId) {
      // Keycloak's admin API lives beside its realms: <base>/realms/<realm> -> <base>/admin/realms/<realm>.
      const adminBase = (await oidc.realmBaseUrl()).replace(/\/realms\/([^/]+)$/, '/admin/realms/$1');
      const token = await oidc.serviceAccountToken();
      const userUrl = `${adminBase}/users/${encodeURIComponent(subject)}`;
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const found = await fetch(userUrl, { headers, signal: AbortSignal.timeout(10_000) });
      if (!found.ok) throw new Error(`reading the account failed: ${found.status}`);
      const user = (await found.json()) as { attributes?: Record<string, string[]> };
      if (user.attributes?.participant_id?.[0] === participantId) return;
      const updated = await fetch(userUrl, {
        method: 'PUT',
        headers,
        body: JSON.stringify({
          ...user,
          attributes: { ...user.attributes, participant_id: [participantId] },
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!updated.ok)
        throw new Error(`writing participant_id failed: ${updated.status} ${await updated.text()}`);
      logger.info({ participantId }, 'account linked to its participant');
    },
  };
}
