import { emailSchema, phoneSchema } from '@zhas/contracts';
import { languageSchema } from '@zhas/kz';
import { declareNotificationRoutes, type Notifications } from '@zhas/notifications';
import { type Api, shown, HttpProblem } from '@zhas/service-kit';
import { z } from 'zod';
import { staffContact, staffRecipientId } from './domain';
import { type StaffNotificationsStore } from './store';

const STAFF = ['host_org', 'committee', 'coordinator'] as const;

const contactBody = z.object({
  email: emailSchema,
  phone: phoneSchema.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  language: languageSchema,
});

const contactView = contactBody.extend({
  roles: z.array(z.string()),
  regions: z.array(z.string()).nullable(),
  hostOrganizationId: z.string().nullable(),
  updatedAt: z.string(),
});

/**
 * Staff members (a host organization's, committee members, coordinators) leave their contact details here to be
 * told of results, requests, bids to review and the day's waiting work; then the same notification endpoints as
 * in applications.
 */
export function declareRoutes(
  api: Api,
  deps: { store: StaffNotificationsStore; notifications: Notifications; now: () => Date },
): void {
  const view = (contact: Awaited<ReturnType<StaffNotificationsStore['contact']>> & object) => ({
    email: contact.email,
    ...(contact.phone ? { phone: contact.phone } : {}),
    ...(contact.name ? { name: contact.name } : {}),
    language: contact.language,
    roles: [...contact.roles],
    regions: contact.regions ? [...contact.regions] : null,
    hostOrganizationId: contact.hostOrganizationId,
    updatedAt: contact.updatedAt.toISOString(),
  });

  api.route({
    method: 'get',
    path: '/staff-contacts/me',
    summary: 'My contact details for notifications',
    tags: ['notifications'],
    auth: { roles: [...STAFF] },
    responses: { 200: { description: 'Saved contact details', schema: contactView } },
    handler: async ({ principal }) => {
      const contact = await deps.store.contact(staffRecipientId(principal.subject));
      if (!contact)
        throw new HttpProblem(404, '/problems/not-found', 'You have left no contact details yet.');
      return shown(view(contact));
    },
  });

  api.route({
    method: 'put',
    path: '/staff-contacts/me',
    summary: 'Leave or change my contact details for notifications',
    description:
      'The scopes of your token now (roles, regions, host organization) decide what you are told; save again after ' +
      'they change.',
    tags: ['notifications'],
    auth: { roles: [...STAFF] },
    body: contactBody,
    responses: { 200: { description: 'Saved', schema: contactView } },
    handler: async ({ body, principal }) => {
      const contact = staffContact(principal, body, deps.now());
      await deps.store.saveContact(contact);
      return shown(view(contact));
    },
  });

  declareNotificationRoutes(api, deps.notifications, {
    roles: [...STAFF],
    recipientOf: (principal) => staffRecipientId(principal.subject),
  });
}
