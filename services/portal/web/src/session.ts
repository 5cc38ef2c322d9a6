import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onSignedOut, portalFetch } from './api/client';
import { type Language } from './i18n';

export type Role = 'applicant' | 'host_org' | 'committee' | 'coordinator' | 'viewer' | 'admin' | 'mentor';

export interface PortalUser {
  readonly name: string;
  readonly roles: readonly Role[];
  readonly participantId: string | null;
  readonly hostOrgId: string | null;
  readonly regions: readonly string[] | null;
}

export type Session = { authenticated: false } | { authenticated: true; user: PortalUser; expiresAt: string };

export const SESSION_KEY = ['session'] as const;

/** The signed-in person as the portal's server knows them (GET /session); tokens never reach the browser. */
export function useSession() {
  const queryClient = useQueryClient();
  useEffect(
    () => onSignedOut(() => void queryClient.invalidateQueries({ queryKey: SESSION_KEY })),
    [queryClient],
  );
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<Session> => {
      const response = await fetch('/session', { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`session: ${response.status}`);
      return (await response.json()) as Session;
    },
    staleTime: 60_000,
  });
}

export function hasRole(session: Session | undefined, ...roles: Role[]): boolean {
  if (!session?.authenticated) return false;
  const own = new Set<Role>(session.user.roles);
  if (own.has('admin')) own.add('coordinator');
  return roles.some((role) => own.has(role));
}

/** Sign-in is a full-page visit to the provider; it comes back to `returnTo`. */
export function signInUrl(
  language: Language,
  returnTo = window.location.pathname + window.location.search,
  register = false,
): string {
  const query = new URLSearchParams({ returnTo, lang: language });
  return `/auth/${register ? 'register' : 'login'}?${query.toString()}`;
}

export async function signOut(): Promise<void> {
  const { logoutUrl } = await portalFetch<{ logoutUrl: string }>('/auth/logout', { method: 'POST' });
  window.location.assign(logoutUrl);
}
