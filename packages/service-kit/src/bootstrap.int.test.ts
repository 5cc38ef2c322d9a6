import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { authConfigSchema } from './auth/config';
import { issueLocalToken } from './auth/local-keys';
import { startService, type StartedService } from './bootstrap';
import { baseConfigSchema } from './config';
import { createApi } from './http/routes';

/* startService hands the composition root an authenticator that routes use: the wiring every service relies on. */

const configSchema = baseConfigSchema.extend(authConfigSchema.shape);

let keyDir: string;
let service: StartedService<z.infer<typeof configSchema>> | undefined;

beforeAll(async () => {
  keyDir = await mkdtemp(path.join(tmpdir(), 'zhas-bootstrap-'));
});

afterAll(async () => {
  await service?.deps.mongo.dropDatabase();
  await service?.stop();
  await rm(keyDir, { recursive: true, force: true });
});

test('a service started with startService authenticates with deps.auth', async () => {
  service = await startService({
    name: 'reporting',
    configSchema,
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'silent',
      MONGO_DB: `auth-wiring-${randomUUID().slice(0, 8)}`,
      AUTH_LOCAL_KEY_DIR: keyDir,
    },
    handleSignals: false,
    compose: (deps) => {
      const api = createApi({ title: 'Wiring', version: '0.0.0', authenticator: deps.auth });
      api.route({
        method: 'get',
        path: '/me',
        summary: 'Who am I',
        auth: 'authenticated',
        responses: { 200: { description: 'The caller', schema: z.object({ subject: z.string() }) } },
        handler: ({ principal }) => ({ status: 200, body: { subject: principal.subject } }),
      });
      return { routes: api.mount };
    },
  });
  expect(service.deps.auth.mode).toBe('local');
  expect(service.deps.config.AUTH_LOCAL_KEY_DIR).toBe(keyDir);

  const token = await issueLocalToken(service.deps.config, {
    subject: 'u-42',
    roles: ['viewer'],
    ttlSeconds: 60,
  });
  const me = await fetch(`${service.url}/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(me.status).toBe(200);
  expect(await me.json()).toEqual({ subject: 'u-42' });
  expect((await fetch(`${service.url}/me`)).status).toBe(401);
  expect((await fetch(`${service.url}/openapi.json`)).status).toBe(200);
});
