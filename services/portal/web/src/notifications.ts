import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api/client';
import { type Language } from './i18n';
import { hasRole, useSession } from './session';

/*
 * A person's notifications are kept by the service that holds their contact details (docs/adr/0006): a young
 * person's by applications. The screens ask that service through the portal's proxy, like any other call.
 */

export const UNREAD_KEY = ['notifications', 'unread'] as const;
export const LIST_KEY = ['notifications', 'list'] as const;
export const PREFERENCES_KEY = ['notifications', 'preferences'] as const;

/** Whether the signed-in person has notifications here (an applicant with a participant record). */
export function useHasNotifications(): boolean {
  const session = useSession();
  return Boolean(
    session.data?.authenticated && hasRole(session.data, 'applicant') && session.data.user.participantId,
  );
}

/** The unread count for the header, refreshed every minute while the portal is open. */
export function useUnreadCount() {
  const enabled = useHasNotifications();
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: async () => (await unwrap(api.applications.GET('/notifications/unread-count'))).unread,
    enabled,
    refetchInterval: 60_000,
  });
}

export async function fetchNotifications(language: Language, cursor?: string) {
  return unwrap(
    api.applications.GET('/notifications', {
      params: { query: { lang: language, limit: 20, ...(cursor ? { cursor } : {}) } },
    }),
  );
}

export async function markRead(notificationId: string) {
  return unwrap(
    api.applications.POST('/notifications/{notificationId}/read', { params: { path: { notificationId } } }),
  );
}

export async function markAllRead() {
  return unwrap(api.applications.POST('/notifications/read'));
}

export async function fetchPreferences() {
  return unwrap(api.applications.GET('/notification-preferences'));
}

export type Preferences = Awaited<ReturnType<typeof fetchPreferences>>;

export async function savePreferences(preferences: Preferences) {
  return unwrap(api.applications.PUT('/notification-preferences', { body: preferences }));
}

/** The services whose e-mails carry an opt-out link; the link names one of them. */
export const OPT_OUT_SERVICES = ['applications'] as const;
export type OptOutService = (typeof OPT_OUT_SERVICES)[number];

export function isOptOutService(value: string | null): value is OptOutService {
  return (OPT_OUT_SERVICES as readonly (string | null)[]).includes(value);
}

export async function optOut(service: OptOutService, token: string) {
  switch (service) {
    case 'applications':
      return unwrap(api.applications.POST('/notification-opt-outs', { body: { token } }));
  }
}
