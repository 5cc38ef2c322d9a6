import { declareNotificationRoutes, type Notifications } from '@zhas/notifications';
import { type Api } from '@zhas/service-kit';

/** A young person's notifications: their list in the portal, unread counts, preferences, the e-mail opt-out. */
export function declareRoutes(api: Api, notifications: Notifications): void {
  declareNotificationRoutes(api, notifications, {
    roles: ['applicant'],
    recipientOf: (principal) => principal.participantId,
  });
}
