import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { createAuthenticator } from '../auth/authenticator';
import { type AuthSettings, loadAuthSettings } from '../auth/config';
import { issueLocalToken } from '../auth/local-keys';
import { ConfigError } from '../config';
import { createLogger } from '../logger';
import { createHttpApp } from './app';
import { createRateLimits, loadRateLimitSettings, type RateLimits } from './rate-limit';
import { createApi } from './routes';

/*
 * The rate limits over real HTTP on a random port, with the in-process store: the limits come from configuration
 * (zod-checked), and each refusal is a 429 problem document with Retry-After.
 */

let dir: string;
let settings: AuthSettings;
let limits: RateLimits;
let server: Server;
let base: string;

const LIMITS = {
  RATE_LIMIT_WINDOW_SECONDS: '60',
  RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS: '3',
  RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS: '600',
  RATE_LIMIT_SUBMISSIONS_PER_ACCOUNT: '2',
  RATE_LIMIT_SUBMISSIONS_PER_ADDRESS: '5',
  RATE_LIMIT_PUBLIC_PER_ADDRESS: '4',
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zhas-rate-'));
  settings = loadAuthSettings({ NODE_ENV: 'test', AUTH_LOCAL_KEY_DIR: dir });
  limits = createRateLimits(loadRateLimitSettings(LIMITS));
  const api = createApi({
    title: 'Rate limits',
    version: '1',
    authenticator: await createAuthenticator(settings),
    rateLimits: limits,
  });
  api.route({
    method: 'get',
    path: '/lotteries',
    summary: 'A public list',
    auth: 'public',
    responses: { 200: { description: 'ok', schema: z.object({ ok: z.boolean() }) } },
    handler: (_context) => ({ status: 200, body: { ok: true } }),
  });
  api.route({
    method: 'get',
    path: '/rounds',
    summary: 'Needs a token',
    auth: 'authenticated',
    responses: { 200: { description: 'ok', schema: z.object({ ok: z.boolean() }) } },
    handler: (_context) => ({ status: 200, body: { ok: true } }),
  });
  api.route({
    method: 'post',
    path: '/bids/{bidId}/submit',
    summary: 'A submission',
    auth: { roles: ['applicant'] },
    rateLimit: 'submission',
    params: z.object({ bidId: z.string() }),
    responses: { 200: { description: 'ok', schema: z.object({ ok: z.boolean() }) } },
    handler: (_context) => ({ status: 200, body: { ok: true } }),
  });
  const app = createHttpApp({
    service: 'test',
    logger: createLogger({ service: 'test', level: 'silent' }),
    health: [],
    routes: api.mount,
  });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  limits.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const token = (subject: string) =>
  issueLocalToken(settings, { subject, roles: ['applicant'], ttlSeconds: 300, participantId: 'p-1' });

async function call(method: string, url: string, authorization?: string) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: authorization === undefined ? {} : { authorization },
  });
  const text = await response.text();
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    type: response.headers.get('content-type'),
    body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> | undefined,
  };
}

describe('rate limits', () => {
  it('refuses an address after the configured number of token failures with 429 and Retry-After', async () => {
    const good = `Bearer ${await token('u-good')}`;
    // Successful requests do not count towards the failures.
    for (let i = 0; i < 5; i++) expect((await call('GET', '/rounds', good)).status).toBe(200);
    // Valid requests in flight together are no failures, however many (the limit here is 3).
    const together = await Promise.all(Array.from({ length: 12 }, () => call('GET', '/rounds', good)));
    expect(together.map((answer) => answer.status)).toEqual(Array.from({ length: 12 }, () => 200));
    for (let i = 1; i <= 3; i++) {
      expect((await call('GET', '/rounds', `Bearer forged.token.${i}`)).status).toBe(401);
    }
    const refused = await call('GET', '/rounds', 'Bearer forged.token.4');
    expect(refused.status).toBe(429);
    expect(refused.type).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: '/problems/too-many-requests', status: 429, limit: 3 });
    // The failure window (600 s) decides how long, not the general one.
    expect(Number(refused.retryAfter)).toBeGreaterThan(60);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(600);
    // Stricter than the others: now even a valid token from this address waits.
    expect((await call('GET', '/rounds', good)).status).toBe(429);
    // Public operations have their own limit.
    expect((await call('GET', '/lotteries')).status).toBe(200);
  });

  it('limits submissions per account', async () => {
    await limits.authFailures?.resetKey('127.0.0.1');
    const first = `Bearer ${await token('u-submitter')}`;
    const second = `Bearer ${await token('u-other')}`;
    expect((await call('POST', '/bids/b-1/submit', first)).status).toBe(200);
    expect((await call('POST', '/bids/b-1/submit', first)).status).toBe(200);
    const refused = await call('POST', '/bids/b-1/submit', first);
    expect(refused).toMatchObject({ status: 429, body: { type: '/problems/too-many-requests' } });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    // Another account from the same address still may, until the address's own limit (5).
    expect((await call('POST', '/bids/b-2/submit', second)).status).toBe(200);
    expect((await call('POST', '/bids/b-2/submit', second)).status).toBe(200);
    expect((await call('POST', '/bids/b-2/submit', `Bearer ${await token('u-third')}`)).status).toBe(429);
  });

  it('limits public operations per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call('GET', '/lotteries')).status);
    // One request was made by the first test.
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('checks the configuration and turns a limit off with 0', () => {
    expect(() => loadRateLimitSettings({ RATE_LIMIT_PUBLIC_PER_ADDRESS: 'many' })).toThrow(ConfigError);
    expect(() => loadRateLimitSettings({ RATE_LIMIT_STORE: 'redis' })).toThrow(/RATE_LIMIT_STORE/);
    expect(() => loadRateLimitSettings({ RATE_LIMIT_EXEMPT_ADDRESSES: 'localhost' })).toThrow(
      /RATE_LIMIT_EXEMPT_ADDRESSES/,
    );
    expect(loadRateLimitSettings({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadRateLimitSettings({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
    const off = createRateLimits(loadRateLimitSettings({ RATE_LIMIT_PUBLIC_PER_ADDRESS: '0' }));
    expect(off.publicPerAddress).toBeUndefined();
    expect(off.authFailures).toBeDefined();
    off.close();
  });
});
