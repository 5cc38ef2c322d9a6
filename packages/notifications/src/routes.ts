import { languageSchema } from '@zhas/kz';
import {
  type Api,
  decodeCursor,
  encodeCursor,
  HttpProblem,
  page,
  paginatedResponse,
  paginationQuery,
  type Principal,
  type Role,
} from '@zhas/service-kit';
import { z } from 'zod';
import { channels, deliveryModes } from './delivery';
import { type Notifications } from './notifications';
import { templateIds } from './templates/catalogue';

export interface NotificationRoutesOptions {
  /** Who may have a list here, e.g. ['applicant'] in applications. */
  readonly roles: readonly [Role, ...Role[]];
  /** The recipient id of the caller in this service (undefined: they have no notices here yet). */
  readonly recipientOf: (principal: Principal) => string | undefined;
}

const entrySchema = z.object({
  id: z.string(),
  template: z.enum(templateIds as [string, ...string[]]),
  title: z.string(),
  lines: z.array(z.string()),
  createdAt: z.string(),
  read: z.boolean(),
});

const preferencesSchema = z.object({
  email: z.boolean().meta({ description: 'Send e-mail (to the address in the person’s record).' }),
  sms: z.boolean().meta({ description: 'Send SMS (to the phone in the person’s record; never at night).' }),
  mode: z.enum(deliveryModes).meta({ description: 'Each message at once, or one summary a day at 09:00.' }),
  language: languageSchema
    .nullable()
    .meta({ description: 'The language of messages; null: the one given with the contact details.' }),
});

const versioned = preferencesSchema.extend({ version: z.int().min(0) });

const failureSchema = z.object({
  id: z.string(),
  notificationId: z.string(),
  channel: z.enum(channels),
  template: z.string(),
  attempts: z.int(),
  lastError: z.string(),
  failedAt: z.string(),
});

/**
 * The endpoints of a service's notifications: the caller's list with unread counts, marking read, preferences,
 * the public opt-out of e-mail links, and the admins' list of failed deliveries. Declared on the service's API,
 * so they are in its OpenAPI document like any other route.
 */
export function declareNotificationRoutes(
  api: Api,
  notifications: Notifications,
  options: NotificationRoutesOptions,
): void {
  const auth = { roles: options.roles };
  const entry = api.schema('Notification', entrySchema);
  const preferences = api.schema('NotificationPreferences', versioned);
  const self = (principal: Principal) => options.recipientOf(principal);

  api.route({
    method: 'get',
    path: '/notifications',
    summary: 'My notifications, newest first, with the unread count',
    description: 'The texts are in `lang` (default: the language of the person’s preferences, else Kazakh).',
    tags: ['notifications'],
    auth,
    query: paginationQuery.extend({ lang: languageSchema.optional() }),
    responses: {
      200: {
        description: 'A page of notifications',
        schema: paginatedResponse(entry).extend({ unread: z.int().nonnegative() }),
      },
    },
    handler: async ({ query, principal }) => {
      const recipientId = self(principal);
      if (recipientId === undefined) return { status: 200, body: { ...page([], null), unread: 0 } };
      const after = decodeCursor(query.cursor, z.object({ after: z.string() }))?.after;
      const language =
        query.lang ?? (await notifications.preferences(recipientId)).preferences.language ?? 'kk';
      const list = await notifications.inbox(recipientId, language, { limit: query.limit, after });
      return {
        status: 200,
        body: {
          items: list.items.map((item) => ({ ...item, createdAt: item.createdAt.toISOString() })),
          nextCursor: list.nextCursor === null ? null : encodeCursor({ after: list.nextCursor }),
          unread: list.unread,
        },
      };
    },
  });

  api.route({
    method: 'get',
    path: '/notifications/unread-count',
    summary: 'How many of my notifications are unread',
    tags: ['notifications'],
    auth,
    responses: { 200: { description: 'The count', schema: z.object({ unread: z.int().nonnegative() }) } },
    handler: async ({ principal }) => {
      const recipientId = self(principal);
      return {
        status: 200,
        body: { unread: recipientId ? await notifications.unreadCount(recipientId) : 0 },
      };
    },
  });

  api.route({
    method: 'post',
    path: '/notifications/{notificationId}/read',
    summary: 'Mark one of my notifications read',
    tags: ['notifications'],
    auth,
    params: z.object({ notificationId: z.string().regex(/^n-[A-Za-z0-9_-]{10,64}$/) }),
    responses: { 200: { description: 'Marked', schema: z.object({ unread: z.int().nonnegative() }) } },
    handler: async ({ params, principal }) => {
      const recipientId = self(principal);
      if (!recipientId || !(await notifications.markRead(recipientId, params.notificationId))) {
        throw new HttpProblem(404, '/problems/not-found', `Notification ${params.notificationId} not found.`);
      }
      return { status: 200, body: { unread: await notifications.unreadCount(recipientId) } };
    },
  });

  api.route({
    method: 'post',
    path: '/notifications/read',
    summary: 'Mark all my notifications read',
    tags: ['notifications'],
    auth,
    responses: { 200: { description: 'Marked', schema: z.object({ unread: z.int().nonnegative() }) } },
    handler: async ({ principal }) => {
      const recipientId = self(principal);
      if (recipientId) await notifications.markRead(recipientId);
      return { status: 200, body: { unread: 0 } };
    },
  });

  api.route({
    method: 'get',
    path: '/notification-preferences',
    summary: 'My notification preferences',
    tags: ['notifications'],
    auth,
    responses: {
      200: { description: 'The preferences and their version', schema: preferences },
      404: { description: 'No record here yet that notifications could be sent to (register first)' },
    },
    handler: async ({ principal }) => {
      const recipientId = self(principal);
      if (!recipientId) throw noRecord();
      const current = await notifications.preferences(recipientId);
      return { status: 200, body: view(current) };
    },
  });

  api.route({
    method: 'put',
    path: '/notification-preferences',
    summary: 'Change my notification preferences',
    description: 'Send the `version` you read: a stale one is 409 `/problems/stale-version`.',
    tags: ['notifications'],
    auth,
    body: versioned,
    responses: { 200: { description: 'Saved', schema: preferences } },
    handler: async ({ body, principal }) => {
      const recipientId = self(principal);
      if (!recipientId) throw noRecord();
      const { version, language, ...choice } = body;
      const saved = await notifications.setPreferences(
        recipientId,
        { ...choice, ...(language === null ? {} : { language }) },
        version,
      );
      return { status: 200, body: view(saved) };
    },
  });

  api.route({
    method: 'post',
    path: '/notification-opt-outs',
    summary: 'Stop a channel from the link in an e-mail',
    description:
      'No sign-in: the token of the link says whose channel it is (signed by this service). The portal’s ' +
      '`/opt-out` page posts it after the person confirms.',
    tags: ['notifications'],
    auth: 'public',
    body: z.object({ token: z.string().min(10).max(1000) }),
    responses: {
      200: { description: 'The channel is off', schema: z.object({ channel: z.enum(channels) }) },
      422: { description: 'The token is not one of this service’s' },
    },
    handler: async ({ body }) => {
      const done = await notifications.optOut(body.token);
      if (!done) {
        throw new HttpProblem(422, '/problems/invalid-opt-out-token', 'This opt-out link is not valid.');
      }
      return { status: 200, body: done };
    },
  });

  api.route({
    method: 'get',
    path: '/admin/notification-failures',
    summary: 'Notifications that could not be sent after every attempt',
    description:
      'Newest first. Ids and the error only; the person is found through the notice in the service.',
    tags: ['admin'],
    auth: { roles: ['admin'] },
    query: paginationQuery,
    responses: {
      200: { description: 'A page of failed deliveries', schema: paginatedResponse(failureSchema) },
    },
    handler: async ({ query }) => {
      const before = decodeCursor(query.cursor, z.object({ at: z.string(), id: z.string() }));
      const found = await notifications.failures(
        query.limit + 1,
        before ? { at: new Date(before.at), id: before.id } : undefined,
      );
      const items = found.slice(0, query.limit).map((failure) => ({
        id: failure._id,
        notificationId: failure.notificationId,
        channel: failure.channel,
        template: failure.template,
        attempts: failure.attempts,
        lastError: failure.lastError,
        failedAt: failure.failedAt.toISOString(),
      }));
      const last = items.at(-1);
      const next =
        found.length > query.limit && last ? encodeCursor({ at: last.failedAt, id: last.id }) : null;
      return { status: 200, body: page(items, next) };
    },
  });

  api.route({
    method: 'post',
    path: '/admin/notification-failures/{failureId}/retry',
    summary: 'Send a failed notification again, with a new set of attempts',
    tags: ['admin'],
    auth: { roles: ['admin'] },
    params: z.object({ failureId: z.string().regex(/^n-[A-Za-z0-9_-]{10,64}\/(email|sms)$/) }),
    responses: { 202: { description: 'Queued again', schema: z.object({ queued: z.literal(true) }) } },
    handler: async ({ params }) => {
      if (!(await notifications.retryFailure(params.failureId))) {
        throw new HttpProblem(404, '/problems/not-found', `Failure ${params.failureId} not found.`);
      }
      return { status: 202, body: { queued: true } };
    },
  });
}

function view(current: Awaited<ReturnType<Notifications['preferences']>>) {
  const { email, sms, mode, language } = current.preferences;
  return { email, sms, mode, language: language ?? null, version: current.version };
}

function noRecord(): HttpProblem {
  return new HttpProblem(
    404,
    '/problems/not-found',
    'You have no record here yet that notifications could be sent to (register first).',
  );
}
