/* The runtime startService gives every service: aggregates with an outbox, idempotent commands, a consumer. */
import { createEvent, roundClosedV1 } from '@zhas/contracts';
import { applyOnce } from '@zhas/messaging';
import { z } from 'zod';
import { baseConfigSchema } from './config';
import { type ServiceDependencies } from './bootstrap';
import { idempotencyKeyHeader } from './http/idempotency';
import { startServiceForTest, type TestService } from './testing';

const configSchema = baseConfigSchema.extend({ MONGO_DB: z.string() });
type Config = z.infer<typeof configSchema>;

// A tiny service: closes rounds on request (publishing events) and counts, per round, the closures it hears of.
function composeService(deps: ServiceDependencies<Config>) {
  const rounds = deps.aggregateStore<{ outcome: string }>('rounds', 'round');
  const heard = deps.mongo.db!.collection('heard');
  deps.api.route({
    method: 'post',
    path: '/rounds/{roundId}/close',
    summary: 'Close a round',
    auth: { roles: ['coordinator'] },
    params: z.object({ roundId: z.string() }),
    headers: idempotencyKeyHeader,
    responses: {
      201: {
        description: 'Closed',
        schema: z.object({ roundId: z.string(), version: z.number(), note: z.string().optional() }),
      },
    },
    handler: ({ params, headers, principal, requestId }) =>
      deps.idempotent(
        { scope: `close:${principal.subject}`, key: headers['Idempotency-Key'], payload: params },
        async () => {
          const now = deps.now();
          const saved = await rounds.create(
            params.roundId,
            { outcome: 'completed' },
            [
              {
                definition: roundClosedV1,
                data: { roundId: params.roundId, outcome: 'completed', closedAt: now.toISOString() },
              },
            ],
            { correlationId: requestId, now },
          );
          // `note` left undefined: the kept answer must come back without it, not with a null its schema refuses.
          return {
            status: 201 as const,
            body: { roundId: saved.id, version: saved.version, note: undefined },
          };
        },
      ),
  });
  return {
    handlers: {
      'competitions.round.closed.v1': async (event: { id: string; subject: string }) => {
        await applyOnce(heard, event.subject, event.id, { $inc: { count: 1 } });
      },
    },
  };
}

describe('the service runtime', () => {
  let test: TestService<Config>;
  beforeAll(async () => {
    test = await startServiceForTest({ SERVICE_NAME: 'competitions', configSchema, composeService });
  });
  afterAll(() => test.stop());

  it('runs a command once per Idempotency-Key and publishes its event once', async () => {
    const token = await test.token({ roles: ['coordinator'] });
    const call = () =>
      test.call('POST', '/rounds/round-2019/close', {
        token,
        headers: { 'Idempotency-Key': 'close-round-2019-a' },
      });
    const first = await call();
    const again = await call();
    expect(first).toMatchObject({ status: 201, body: { roundId: 'round-2019', version: 1 } });
    expect(again).toMatchObject({ status: 201, body: { roundId: 'round-2019', version: 1 } });
    expect(again.body).toEqual(first.body);
    const other = await test.call('POST', '/rounds/round-2020/close', {
      token,
      headers: { 'Idempotency-Key': 'close-round-2019-a' },
    });
    expect(other.status).toBe(422);
    const missing = await test.call('POST', '/rounds/round-2020/close', { token });
    expect(missing).toMatchObject({ status: 400, body: { errors: [{ field: 'headers.Idempotency-Key' }] } });
    expect((await test.publishedEvents()).map((event) => event.type)).toEqual([
      'competitions.round.closed.v1',
    ]);
  });

  it('delivers events of other services to its handlers, once each', async () => {
    const event = createEvent(roundClosedV1, {
      subject: 'round-2018',
      aggregateVersion: 1,
      data: { roundId: 'round-2018', outcome: 'completed', closedAt: '2018-12-31T00:00:00.000Z' },
      correlationId: 'c',
      time: new Date('2018-12-31T00:00:00Z'),
    });
    await test.deliver(event, event);
    expect(
      await test.service.deps.mongo.db!.collection('heard').findOne({ _id: 'round-2018' as never }),
    ).toMatchObject({ count: 1 });
  });

  it('serves its OpenAPI document with the routes and the admin endpoints', async () => {
    const document = await test.call<{ openapi: string; paths: Record<string, unknown> }>(
      'GET',
      '/openapi.json',
    );
    expect(document.body.openapi).toMatch(/^3\.1/);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/rounds/{roundId}/close', '/admin/dead-letters', '/admin/outbox']),
    );
    const admin = await test.call('GET', '/admin/outbox', { token: await test.token({ roles: ['admin'] }) });
    expect(admin).toMatchObject({ status: 200, body: { pendingAggregates: 0 } });
    expect(
      (await test.call('GET', '/admin/outbox', { token: await test.token({ roles: ['viewer'] }) })).status,
    ).toBe(403);
  });
});
