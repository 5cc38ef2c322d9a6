/*
 * Rate limits kept in the service's database (RATE_LIMIT_STORE=database, what several instances on MongoDB share):
 * an address with too many token failures is refused with 429 and Retry-After; windows expire by themselves (the
 * store deletes them by hand: FerretDB 1.24 has no TTL indexes). On FerretDB a second instance of a service refuses
 * to start (instance-lease.ts), so the requests go to one instance and the counts are read from the database.
 */
import { type BaseConfig } from '@zhas/service-kit';
import { startServiceForTest, type TestService } from '@zhas/service-kit/testing';
import { eventually, uniqueName } from '@zhas/testing';
import * as tracking from '@zhas/tracking';

const env = {
  MONGO_DB: uniqueName('rate-limits'),
  RATE_LIMIT_STORE: 'database',
  RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS: '4',
  RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS: '2',
  RATE_LIMIT_PUBLIC_PER_ADDRESS: '3',
  RATE_LIMIT_WINDOW_SECONDS: '600',
};

let first: TestService<BaseConfig>;
let second: TestService<BaseConfig>;

beforeAll(async () => {
  first = await startServiceForTest(tracking, { env });
  second = first;
});
afterAll(async () => {
  await first.stop();
});

const forged = (n: number) => ({ token: `forged.token.${n}` });

describe('rate limits kept in the database', () => {
  it('counts token failures in the database and refuses the fifth with 429 and Retry-After', async () => {
    // A window of 2 seconds: start at the beginning of one, so that all five requests fall in it.
    await eventually('the start of a window', () => Promise.resolve(Date.now() % 2000 < 300), {
      intervalMs: 20,
    });
    expect((await first.call('GET', '/grievances', forged(1))).status).toBe(401);
    expect((await second.call('GET', '/grievances', forged(2))).status).toBe(401);
    expect((await first.call('GET', '/grievances', forged(3))).status).toBe(401);
    expect((await second.call('GET', '/grievances', forged(4))).status).toBe(401);
    const refused = await first.call<{ type: string }>('GET', '/grievances', forged(5));
    expect(refused.status).toBe(429);
    expect(refused.body.type).toBe('/problems/too-many-requests');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    expect((await second.call('GET', '/grievances', forged(6))).status).toBe(429);

    const counters = first.service.deps.mongo.db!.collection<{ _id: string; hits: number; expiresAt: Date }>(
      'rateLimits',
    );
    const [counter] = await counters.find({ _id: { $regex: /^auth-failures:/ } }).toArray();
    expect(counter?.hits).toBeGreaterThanOrEqual(4);
    expect(counter?.expiresAt).toBeInstanceOf(Date);

    // When the window has passed, the address may try again.
    await eventually('a new window', async () => {
      const again = await second.call('GET', '/grievances', forged(7));
      return again.status === 401;
    });
  });

  it('limits public operations per address', async () => {
    const statuses = [];
    for (const service of [first, second, first, second]) {
      statuses.push((await service.call('GET', '/lotteries-do-not-exist')).status);
    }
    // Unknown paths are not operations: never limited, always 404.
    expect(statuses).toEqual([404, 404, 404, 404]);
    const lodge = (service: TestService<BaseConfig>) =>
      service.call('POST', '/grievances', { body: {} }).then((reply) => reply.status);
    expect([await lodge(first), await lodge(second), await lodge(first), await lodge(second)]).toEqual([
      400, 400, 400, 429,
    ]);
  });
});
