import { type DeadLetter, type OutboxRelay } from '@zhas/messaging';
import { type Collection } from 'mongodb';
import { z } from 'zod';
import { decodeCursor, encodeCursor, page, paginatedResponse, paginationQuery } from './http/pagination';
import { type Api } from './http/routes';

const deadLetterSchema = z.object({
  id: z.string(),
  groupId: z.string(),
  topic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  key: z.string().nullable(),
  eventId: z.string().optional(),
  eventType: z.string().optional(),
  reason: z.enum(['invalid', 'failed', 'newer-version']),
  error: z.string(),
  attempts: z.number().int(),
  deadLetteredAt: z.string(),
});

/**
 * Operations endpoints every service has (admin role): the messages its consumer could not process, and the
 * outbox backlog. Dead letters are also on the service's dead-letter topic and in its logs and metrics.
 */
export function registerAdminRoutes(
  api: Api,
  stores: { deadLetters: Collection<DeadLetter & { _id: string }>; relay: OutboxRelay },
): void {
  api.route({
    method: 'get',
    path: '/admin/dead-letters',
    summary: 'Messages this service could not process',
    description:
      'Newest first. The original message (with any personal data it might carry) stays on the dead-letter topic.',
    tags: ['admin'],
    auth: { roles: ['admin'] },
    query: paginationQuery,
    responses: {
      200: { description: 'A page of dead letters', schema: paginatedResponse(deadLetterSchema) },
    },
    handler: async ({ query }) => {
      const after = decodeCursor(query.cursor, z.object({ at: z.string(), id: z.string() }));
      const filter = after
        ? {
            $or: [
              { deadLetteredAt: { $lt: after.at } },
              { deadLetteredAt: after.at, _id: { $lt: after.id } },
            ],
          }
        : {};
      const docs = await stores.deadLetters
        .find(filter)
        .sort({ deadLetteredAt: -1, _id: -1 })
        .limit(query.limit + 1)
        .toArray();
      const items = docs
        .slice(0, query.limit)
        .map(({ _id, value: _value, headers: _headers, ...letter }) => ({ id: _id, ...letter }));
      const last = items.at(-1);
      const next =
        docs.length > query.limit && last ? encodeCursor({ at: last.deadLetteredAt, id: last.id }) : null;
      return { status: 200, body: page(items, next) };
    },
  });

  api.route({
    method: 'get',
    path: '/admin/outbox',
    summary: 'Aggregates with events not yet published',
    tags: ['admin'],
    auth: { roles: ['admin'] },
    responses: {
      200: {
        description: 'The outbox backlog and the relay failures since start',
        schema: z.object({ pendingAggregates: z.number().int(), relayFailures: z.number().int() }),
      },
    },
    handler: async (_context) => ({
      status: 200,
      body: { pendingAggregates: await stores.relay.backlog(), relayFailures: stores.relay.failures },
    }),
  });
}
