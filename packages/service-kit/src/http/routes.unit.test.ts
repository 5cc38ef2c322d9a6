import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPair, SignJWT } from 'jose';
import { MongoServerError } from 'mongodb';
import { z } from 'zod';
import { type Authenticator, createAuthenticator } from '../auth/authenticator';
import { requireParticipant } from '../auth/authorize';
import { type AuthSettings, loadAuthSettings } from '../auth/config';
import { ensureLocalKeys, issueLocalToken, type LocalTokenRequest } from '../auth/local-keys';
import { createLogger } from '../logger';
import { createHttpApp } from './app';
import {
  decodeCursor,
  encodeCursor,
  page,
  paginatedResponse,
  paginationQuery,
  queryList,
} from './pagination';
import { problems } from './problem';
import { type Api, createApi } from './routes';

/*
 * The routes layer over real HTTP on a random port: authentication (401/403), validation (400 naming fields),
 * handlers' problems, the OpenAPI document and the docs page. No Kafka or database involved.
 */

const round = z.object({
  id: z.string(),
  title: z.string(),
  region: z.string(),
  status: z.enum(['draft', 'published']),
});
const ROUNDS = [
  { id: 'r-1', title: 'Zhas 2017', region: 'almaty', status: 'published' as const },
  { id: 'r-2', title: 'Zhas 2018', region: 'aktobe', status: 'published' as const },
  { id: 'r-3', title: 'Zhas 2019', region: 'astana', status: 'draft' as const },
];

const bidInput = z.object({
  title: z.string().min(3),
  participantId: z.string(),
  budget: z.object({
    lines: z.array(z.object({ item: z.string().min(1), amountKzt: z.number().int().positive() })).min(1),
  }),
});

function declareRoutes(api: Api): void {
  const roundSchema = api.schema('Round', round);

  api.route({
    method: 'get',
    path: '/ping',
    summary: 'Is the service there',
    auth: 'public',
    responses: { 200: { description: 'pong', schema: z.object({ pong: z.literal(true) }) } },
    handler: ({ principal }) => {
      const nobody: undefined = principal;
      void nobody;
      return { status: 200, body: { pong: true } };
    },
  });

  api.route({
    method: 'get',
    path: '/rounds',
    summary: 'List rounds',
    tags: ['rounds'],
    auth: { roles: ['viewer', 'coordinator'] },
    query: paginationQuery.extend({ region: queryList(z.string().min(1)).optional() }),
    responses: { 200: { description: 'A page of rounds', schema: paginatedResponse(roundSchema) } },
    handler: ({ query }) => {
      const after = decodeCursor(query.cursor, z.object({ index: z.number().int().min(0) }));
      const start = after?.index ?? 0;
      const matching = ROUNDS.filter((r) => query.region === undefined || query.region.includes(r.region));
      const items = matching.slice(start, start + query.limit);
      const next =
        start + query.limit < matching.length ? encodeCursor({ index: start + query.limit }) : null;
      return { status: 200, body: page(items, next) };
    },
  });

  api.route({
    method: 'get',
    path: '/rounds/{roundId}',
    summary: 'Get a round',
    tags: ['rounds'],
    auth: 'authenticated',
    params: z.object({ roundId: z.string().regex(/^r-\d+$/, 'expected r-<number>') }),
    responses: {
      200: {
        description: 'The round',
        schema: roundSchema,
        headers: z.object({ ETag: z.string() }),
      },
    },
    handler: ({ params }) => {
      const found = ROUNDS.find((r) => r.id === params.roundId);
      if (!found) throw problems.notFound('Round', params.roundId);
      // An internal field the response schema does not declare: it must not leave the service.
      return { status: 200, body: { ...found, internalNote: 'secret' }, headers: { ETag: '"1"' } };
    },
  });

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/publish',
    summary: 'Publish a round',
    tags: ['rounds'],
    auth: { roles: ['coordinator'] },
    params: z.object({ roundId: z.string().regex(/^r-\d+$/) }),
    headers: z.object({ 'Idempotency-Key': z.uuid(), 'If-Match': z.string().optional() }),
    responses: {
      200: { description: 'Published', schema: roundSchema },
      409: { description: 'The round is already published' },
    },
    handler: ({ params, headers, principal }) => {
      const found = ROUNDS.find((r) => r.id === params.roundId);
      if (!found) throw problems.notFound('Round', params.roundId);
      if (found.status === 'published') {
        throw problems.conflict('/problems/already-published', `Round ${found.id} is already published.`);
      }
      return {
        status: 200,
        body: { ...found, status: 'published' },
        headers: { 'x-published-by': principal.subject, 'x-idempotency-key': headers['Idempotency-Key'] },
      };
    },
  });

  api.route({
    method: 'post',
    path: '/bids',
    summary: 'Create a bid',
    tags: ['bids'],
    auth: { roles: ['applicant', 'coordinator'] },
    body: bidInput,
    responses: {
      201: { description: 'Created', schema: z.object({ id: z.string(), totalKzt: z.number() }) },
    },
    handler: ({ body, principal }) => {
      // The domain check: an applicant may only create bids for themself.
      requireParticipant(principal, body.participantId, 'almaty');
      const totalKzt = body.budget.lines.reduce((sum, line) => sum + line.amountKzt, 0);
      return { status: 201, body: { id: 'b-1', totalKzt } };
    },
  });

  api.route({
    method: 'delete',
    path: '/drafts/{draftId}',
    summary: 'Discard a draft',
    auth: { roles: ['applicant'] },
    params: z.object({ draftId: z.string() }),
    responses: { 204: { description: 'Discarded' } },
    handler: (_context) => ({ status: 204 }),
  });

  api.route({
    method: 'get',
    path: '/broken',
    summary: 'A handler with a bug',
    auth: 'public',
    responses: { 200: { description: 'Never', schema: z.object({ n: z.number() }) } },
    // @ts-expect-error the body does not match the declared response schema
    handler: (_context) => ({ status: 200, body: { n: 'not a number' } }),
  });

  api.route({
    method: 'get',
    path: '/busy',
    summary: 'A handler whose database is busy',
    auth: 'public',
    responses: { 200: { description: 'Never', schema: z.object({ n: z.number() }) } },
    handler: () => {
      throw new MongoServerError({ errmsg: 'UpdateAll: database is locked (5) (SQLITE_BUSY)', code: 1 });
    },
  });

  api.route({
    method: 'get',
    path: '/typed',
    summary: 'Only declared statuses compile',
    auth: 'public',
    responses: { 200: { description: 'ok' } },
    // @ts-expect-error 201 is not a declared status
    handler: (_context) => ({ status: 201 }),
  });
}

let dir: string;
let settings: AuthSettings;
let authenticator: Authenticator;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zhas-routes-'));
  settings = loadAuthSettings({ NODE_ENV: 'test', AUTH_LOCAL_KEY_DIR: dir });
  authenticator = await createAuthenticator(settings);
  const api = createApi({
    title: 'Test API',
    version: '1.2.3',
    description: 'Routes under test',
    authenticator,
  });
  declareRoutes(api);
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
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const token = (request: Partial<LocalTokenRequest> = {}, overrides: Partial<AuthSettings> = {}) =>
  issueLocalToken(
    { ...settings, ...overrides },
    { subject: 'u1', roles: ['viewer'], ttlSeconds: 300, ...request },
  );

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

async function call(
  method: string,
  url: string,
  options: {
    token?: string;
    authorization?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  if (options.body !== undefined || options.rawBody !== undefined)
    headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${url}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: type.includes('json') && text !== '' ? (JSON.parse(text) as unknown) : undefined,
  };
}

function fieldsOf(answer: Answer): string[] {
  const body = answer.body as { errors?: { field: string }[] };
  return (body.errors ?? []).map((error) => error.field).sort();
}

describe('authentication', () => {
  it('a missing token is a 401 problem with a bearer challenge', async () => {
    const answer = await call('GET', '/rounds');
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.body).toEqual({
      type: '/problems/unauthorized',
      title: 'Unauthorized',
      status: 401,
      detail: 'This resource needs a bearer token in the Authorization header.',
      instance: '/rounds',
    });
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer two tokens', 'eyJhbGciOi'])(
    'a malformed Authorization header (%s) is a 401 invalid_request',
    async (authorization) => {
      const answer = await call('GET', '/rounds', { authorization });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_request"/);
      expect(answer.body).toMatchObject({
        status: 401,
        detail: expect.stringContaining('malformed') as unknown,
      });
    },
  );

  it('a malformed token is a 401 invalid_token that does not echo the token', async () => {
    const answer = await call('GET', '/rounds', { token: 'not.a-jwt.at-all' });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="The token is malformed: expected a signed JWT."',
    );
    expect(answer.text).not.toContain('not.a-jwt');
  });

  it('an expired token is a 401 saying so', async () => {
    const expired = await token({ ttlSeconds: 60, now: new Date(Date.now() - 3_600_000) });
    const answer = await call('GET', '/rounds', { token: expired });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ detail: 'The token has expired.' });
    expect(answer.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(answer.text).not.toContain(expired);
  });

  it('a token signed with another key is a 401, whatever key id it claims', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const { kid } = await ensureLocalKeys(dir);
    for (const claimedKid of [kid, 'some-other-key']) {
      const forged = await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'ES256', kid: claimedKid })
        .setSubject('intruder')
        .setIssuer(settings.AUTH_ISSUER)
        .setAudience(settings.AUTH_AUDIENCE)
        .setExpirationTime('5m')
        .sign(privateKey);
      const answer = await call('GET', '/rounds', { token: forged });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({
        detail: 'The token signature does not verify with the keys this service trusts.',
      });
    }
  });

  it('an unsigned token ("alg": "none") is a 401', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none' })}.${encode({ sub: 'x', roles: ['admin'], iss: 'zhas-local', aud: 'zhas-grants' })}.`;
    const answer = await call('GET', '/rounds', { token: unsigned });
    expect(answer.status).toBe(401);
  });

  it('a token with a symmetric key of the public JWK (algorithm confusion) is a 401', async () => {
    const { jwks } = await ensureLocalKeys(dir);
    const secret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
    const confused = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('intruder')
      .setIssuer(settings.AUTH_ISSUER)
      .setAudience(settings.AUTH_AUDIENCE)
      .setExpirationTime('5m')
      .sign(secret);
    expect((await call('GET', '/rounds', { token: confused })).status).toBe(401);
  });

  it('a token from another issuer is a 401', async () => {
    const answer = await call('GET', '/rounds', { token: await token({}, { AUTH_ISSUER: 'someone-else' }) });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({
      detail: 'The token was issued by an issuer this service does not accept.',
    });
  });

  it('a token for another audience is a 401', async () => {
    const answer = await call('GET', '/rounds', { token: await token({}, { AUTH_AUDIENCE: 'another-api' }) });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ detail: 'The token is meant for another audience.' });
  });

  it('a token without a subject is a 401', async () => {
    const { privateJwk, kid } = await ensureLocalKeys(dir);
    const { importJWK } = await import('jose');
    const anonymous = await new SignJWT({ roles: ['viewer'] })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(settings.AUTH_ISSUER)
      .setAudience(settings.AUTH_AUDIENCE)
      .setExpirationTime('5m')
      .sign(await importJWK(privateJwk, 'ES256'));
    const answer = await call('GET', '/rounds', { token: anonymous });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ detail: expect.stringContaining('"sub"') as unknown });
  });

  it('public routes need no token', async () => {
    const answer = await call('GET', '/ping');
    expect(answer).toMatchObject({ status: 200, body: { pong: true } });
  });
});

describe('authorization', () => {
  it('a valid token without the route role is a 403 problem', async () => {
    const answer = await call('POST', '/rounds/r-3/publish', {
      token: await token({ roles: ['viewer', 'committee'] }),
      headers: { 'Idempotency-Key': '6f1c2a47-1b0c-4d6e-9d1e-0a6f4b8c2d3e' },
    });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toEqual({
      type: '/problems/forbidden',
      title: 'Forbidden',
      status: 403,
      detail: 'This action needs one of the roles: coordinator, admin.',
      instance: '/rounds/r-3/publish',
    });
  });

  it('a token with the route role gets 200', async () => {
    const answer = await call('POST', '/rounds/r-3/publish', {
      token: await token({ roles: ['coordinator'], subject: 'coord-1' }),
      headers: { 'Idempotency-Key': '6f1c2a47-1b0c-4d6e-9d1e-0a6f4b8c2d3e' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ id: 'r-3', title: 'Zhas 2019', region: 'astana', status: 'published' });
    expect(answer.headers.get('x-published-by')).toBe('coord-1');
    expect(answer.headers.get('x-idempotency-key')).toBe('6f1c2a47-1b0c-4d6e-9d1e-0a6f4b8c2d3e');
  });

  it('an admin may do what a coordinator may', async () => {
    const answer = await call('POST', '/rounds/r-3/publish', {
      token: await token({ roles: ['admin'] }),
      headers: { 'idempotency-key': '6f1c2a47-1b0c-4d6e-9d1e-0a6f4b8c2d3e' },
    });
    expect(answer.status).toBe(200);
  });

  it('domain checks in the handler give 403 too', async () => {
    const body = {
      title: 'Clean park',
      participantId: 'p-2',
      budget: { lines: [{ item: 'bags', amountKzt: 5000 }] },
    };
    const own = await call('POST', '/bids', {
      token: await token({ roles: ['applicant'], participantId: 'p-2' }),
      body,
    });
    expect(own).toMatchObject({ status: 201, body: { id: 'b-1', totalKzt: 5000 } });
    const other = await call('POST', '/bids', {
      token: await token({ roles: ['applicant'], participantId: 'p-1' }),
      body,
    });
    expect(other).toMatchObject({ status: 403, body: { type: '/problems/forbidden' } });
  });

  it('authentication comes before validation: no token, no field errors', async () => {
    const answer = await call('POST', '/bids', { body: { title: 1 } });
    expect(answer.status).toBe(401);
  });
});

describe('validation', () => {
  const applicant = () => token({ roles: ['applicant'], participantId: 'p-1' });

  it('a bad body is a 400 naming every failing field', async () => {
    const answer = await call('POST', '/bids', {
      token: await applicant(),
      body: {
        title: 'ab',
        budget: {
          lines: [
            { item: 'paint', amountKzt: 1000 },
            { item: '', amountKzt: -5 },
          ],
        },
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ type: '/problems/validation', title: 'Bad Request', status: 400 });
    expect(fieldsOf(answer)).toEqual([
      'body.budget.lines.1.amountKzt',
      'body.budget.lines.1.item',
      'body.participantId',
      'body.title',
    ]);
  });

  it('a missing body is a 400 naming the body', async () => {
    const answer = await call('POST', '/bids', { token: await applicant() });
    expect(answer.status).toBe(400);
    expect(fieldsOf(answer)).toEqual(['body']);
  });

  it('a body that is not JSON is a 400', async () => {
    const answer = await call('POST', '/bids', { token: await applicant(), rawBody: '{"title": ' });
    expect(answer).toMatchObject({ status: 400, body: { errors: [{ field: 'body' }] } });
  });

  it('a bad query is a 400 naming the parameter', async () => {
    const viewer = await token();
    expect(fieldsOf(await call('GET', '/rounds?limit=0', { token: viewer }))).toEqual(['query.limit']);
    expect(fieldsOf(await call('GET', '/rounds?limit=many', { token: viewer }))).toEqual(['query.limit']);
    expect(fieldsOf(await call('GET', '/rounds?limit=101', { token: viewer }))).toEqual(['query.limit']);
  });

  it('unknown query parameters are refused, naming each, not ignored', async () => {
    const viewer = await token();
    const operator = await call('GET', '/rounds?region[$ne]=x', { token: viewer });
    expect(operator.status).toBe(400);
    expect(fieldsOf(operator)).toEqual(['query.region[$ne]']);
    expect(fieldsOf(await call('GET', '/rounds?regoin=almaty&limit=2&sort=x', { token: viewer }))).toEqual([
      'query.regoin',
      'query.sort',
    ]);
    expect((await call('GET', '/rounds?region=almaty&limit=2', { token: viewer })).status).toBe(200);
  });

  it('a malformed cursor is a 400 naming query.cursor', async () => {
    const answer = await call('GET', '/rounds?cursor=%7Bnot-ours', { token: await token() });
    expect(answer.status).toBe(400);
    expect(fieldsOf(answer)).toEqual(['query.cursor']);
  });

  it('bad path parameters are a 400 naming them', async () => {
    const answer = await call('GET', '/rounds/round-one', { token: await token() });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      errors: [{ field: 'params.roundId', message: 'expected r-<number>' }],
    });
  });

  it('bad or missing headers are a 400 naming them, with every other failing part', async () => {
    const answer = await call('POST', '/rounds/x/publish', {
      token: await token({ roles: ['coordinator'] }),
      headers: { 'Idempotency-Key': 'not-a-uuid' },
    });
    expect(answer.status).toBe(400);
    expect(fieldsOf(answer)).toEqual(['headers.Idempotency-Key', 'params.roundId']);
    const missing = await call('POST', '/rounds/r-3/publish', {
      token: await token({ roles: ['coordinator'] }),
    });
    expect(fieldsOf(missing)).toEqual(['headers.Idempotency-Key']);
  });
});

describe('responses', () => {
  it('pages through a list with cursors, coercing the query', async () => {
    const viewer = await token();
    const first = await call('GET', '/rounds?limit=2', { token: viewer });
    expect(first.status).toBe(200);
    const firstPage = first.body as { items: { id: string }[]; nextCursor: string | null };
    expect(firstPage.items.map((r) => r.id)).toEqual(['r-1', 'r-2']);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    const second = await call('GET', `/rounds?limit=2&cursor=${firstPage.nextCursor ?? ''}`, {
      token: viewer,
    });
    expect(second.body).toEqual({ items: [ROUNDS[2]], nextCursor: null });
  });

  it('filters by a list query parameter, repeated or comma-separated', async () => {
    const viewer = await token();
    const ids = async (url: string) =>
      ((await call('GET', url, { token: viewer })).body as { items: { id: string }[] }).items.map(
        (r) => r.id,
      );
    expect(await ids('/rounds?region=almaty,astana')).toEqual(['r-1', 'r-3']);
    expect(await ids('/rounds?region=almaty&region=aktobe')).toEqual(['r-1', 'r-2']);
  });

  it('sends only the fields the response schema declares, with the handler headers', async () => {
    const answer = await call('GET', '/rounds/r-1', { token: await token() });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(ROUNDS[0]);
    expect(answer.headers.get('etag')).toBe('"1"');
  });

  it('a problem thrown by a handler becomes its problem document', async () => {
    const notFound = await call('GET', '/rounds/r-99', { token: await token() });
    expect(notFound).toMatchObject({
      status: 404,
      body: { type: '/problems/not-found', detail: 'Round r-99 not found.', instance: '/rounds/r-99' },
    });
    const conflict = await call('POST', '/rounds/r-1/publish', {
      token: await token({ roles: ['coordinator'] }),
      headers: { 'Idempotency-Key': '6f1c2a47-1b0c-4d6e-9d1e-0a6f4b8c2d3e' },
    });
    expect(conflict).toMatchObject({
      status: 409,
      body: { type: '/problems/already-published', status: 409 },
    });
  });

  it('204 has no body', async () => {
    const answer = await call('DELETE', '/drafts/d-1', { token: await token({ roles: ['applicant'] }) });
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');
  });

  it('a body that breaks its own schema is a 500, not a leak', async () => {
    const answer = await call('GET', '/broken');
    expect(answer).toMatchObject({ status: 500, body: { type: '/problems/internal' } });
    expect(answer.text).not.toContain('not a number');
  });

  it('a busy database is a 503 with Retry-After, so clients retry, not a 500', async () => {
    const answer = await call('GET', '/busy');
    expect(answer).toMatchObject({ status: 503, body: { type: '/problems/temporarily-unavailable' } });
    expect(answer.headers.get('retry-after')).toBe('1');
  });

  it('an unknown route is a 404 problem', async () => {
    const answer = await call('GET', '/no/such/thing');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ type: '/problems/not-found', status: 404 });
  });
});

describe('OpenAPI', () => {
  interface Operation {
    operationId: string;
    security: Record<string, string[]>[];
    'x-roles'?: string[];
    description: string;
    parameters?: { name: string; in: string; required?: boolean }[];
    requestBody?: { content: Record<string, unknown> };
    responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  }
  let document: {
    openapi: string;
    info: { title: string; version: string };
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  };
  const operation = (route: string, method: string): Operation => {
    const found = document.paths[route]?.[method];
    if (!found) throw new Error(`${method} ${route} is not documented`);
    return found;
  };

  beforeAll(async () => {
    const answer = await call('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    document = answer.body as typeof document;
  });

  it('is an OpenAPI 3.1 document of the API', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'Test API', version: '1.2.3' });
    expect(Object.keys(document.paths).sort()).toEqual([
      '/bids',
      '/broken',
      '/busy',
      '/drafts/{draftId}',
      '/ping',
      '/rounds',
      '/rounds/{roundId}',
      '/rounds/{roundId}/publish',
      '/typed',
    ]);
  });

  it('has the bearer scheme and the problem document as components', () => {
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(document.components.schemas.ProblemDocument).toMatchObject({ type: 'object' });
    expect(document.components.schemas.Round).toMatchObject({ type: 'object' });
  });

  it('gives each operation its security and roles', () => {
    const publish = operation('/rounds/{roundId}/publish', 'post');
    expect(publish.security).toEqual([{ bearerAuth: [] }]);
    expect(publish['x-roles']).toEqual(['coordinator', 'admin']);
    expect(publish.description).toContain('one of the roles: coordinator, admin');
    expect(operation('/rounds/{roundId}', 'get').security).toEqual([{ bearerAuth: [] }]);
    expect(operation('/rounds/{roundId}', 'get')['x-roles']).toBeUndefined();
    expect(operation('/ping', 'get').security).toEqual([]);
  });

  it('documents parameters, headers and the body from the zod schemas', () => {
    const publish = operation('/rounds/{roundId}/publish', 'post');
    expect(publish.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'roundId', in: 'path', required: true }),
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
        expect.objectContaining({ name: 'If-Match', in: 'header', required: false }),
      ]),
    );
    const list = operation('/rounds', 'get');
    expect(list.parameters?.map((p) => `${p.in}:${p.name}`).sort()).toEqual([
      'query:cursor',
      'query:limit',
      'query:region',
    ]);
    expect(operation('/bids', 'post').requestBody?.content).toHaveProperty('application/json');
  });

  it('states the safe integer range wherever a route set no bound (zod accepts no more)', () => {
    const integers: Record<string, unknown>[] = [];
    const visit = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      if ((node as { type?: unknown }).type === 'integer') integers.push(node as Record<string, unknown>);
      Object.values(node).forEach(visit);
    };
    visit(document);
    expect(integers.length).toBeGreaterThan(0);
    for (const schema of integers) {
      expect(schema.maximum ?? schema.exclusiveMaximum).toBeDefined();
      expect(schema.minimum ?? schema.exclusiveMinimum).toBeDefined();
    }
  });

  it('documents the problem responses with the problem schema', () => {
    const publish = operation('/rounds/{roundId}/publish', 'post');
    expect(Object.keys(publish.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '422',
      '429',
      '431',
      '500',
      '503',
    ]);
    // 422: the Idempotency-Key it takes was used for another request; 431: Node's own answer, without a body.
    expect(publish.responses['431']).not.toHaveProperty('content');
    expect(Object.keys(operation('/bids', 'post').responses)).toEqual(expect.arrayContaining(['413', '415']));
    expect(publish.responses['429']).toHaveProperty(['headers', 'Retry-After']);
    expect(publish.responses['409']?.content?.['application/problem+json']?.schema).toEqual({
      $ref: '#/components/schemas/ProblemDocument',
    });
    expect(publish.responses['200']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/Round',
    });
    expect(Object.keys(operation('/ping', 'get').responses).sort()).toEqual([
      '200',
      '400',
      '429',
      '431',
      '500',
      '503',
    ]);
    expect(Object.keys(operation('/drafts/{draftId}', 'delete').responses).sort()).toEqual([
      '204',
      '400',
      '401',
      '403',
      '404',
      '409',
      '429',
      '431',
      '500',
      '503',
    ]);
  });
});

describe('the docs page', () => {
  it('serves Swagger UI with its assets from this service, no CDN', async () => {
    const page = await call('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('swagger-ui');
    expect(page.text).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const init = await call('GET', '/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expect(init.text).toContain('openapi.json');
    const bundle = await fetch(`${base}/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    await bundle.arrayBuffer();
  });
});

describe('route declarations', () => {
  const api = () => createApi({ title: 'x', version: '0', authenticator });
  const ok = { 200: { description: 'ok' } } as const;

  it('documents a nullable named schema as "that schema or null", not as both at once', () => {
    const nullable = api();
    const mentor = nullable.schema('Mentor', z.object({ mentorId: z.string() }));
    nullable.route({
      method: 'get',
      path: '/projects/{projectId}/mentor',
      summary: 's',
      auth: 'public',
      params: z.object({ projectId: z.string() }),
      responses: { 200: { description: 'ok', schema: z.object({ mentor: mentor.nullable() }) } },
      handler: (_context) => ({ status: 200, body: { mentor: null } }),
    });
    const response = nullable.document().paths?.['/projects/{projectId}/mentor']?.get?.responses?.['200'] as {
      content: Record<string, { schema: { properties: Record<string, unknown> } }>;
    };
    expect(response.content['application/json']?.schema.properties.mentor).toEqual({
      anyOf: [{ $ref: '#/components/schemas/Mentor' }, { type: 'null' }],
    });
  });

  it('path parameters must match the params schema', () => {
    expect(() =>
      api().route({
        method: 'get',
        path: '/rounds/{roundId}',
        summary: 's',
        auth: 'public',
        params: z.object({ id: z.string() }),
        responses: ok,
        handler: (_context) => ({ status: 200 }),
      }),
    ).toThrow('missing roundId; not in the path: id');
    expect(() =>
      api().route({
        method: 'get',
        path: '/rounds/:roundId',
        summary: 's',
        auth: 'public',
        responses: ok,
        handler: (_context) => ({ status: 200 }),
      }),
    ).toThrow('use {name} for parameters');
    expect(() =>
      api().route({
        method: 'get',
        path: '/rounds/{roundId',
        summary: 's',
        auth: 'public',
        responses: ok,
        handler: (_context) => ({ status: 200 }),
      }),
    ).toThrow('use {name} for parameters');
  });

  it('a route cannot be declared twice or after mount', () => {
    const declared = api();
    const route = {
      method: 'get',
      path: '/a',
      summary: 's',
      auth: 'public',
      responses: ok,
      handler: (_context: unknown) => ({ status: 200 }) as const,
    } as const;
    declared.route(route);
    expect(() => declared.route(route)).toThrow('declared twice');
    declared.mount(
      createHttpApp({ service: 't', logger: createLogger({ service: 't', level: 'silent' }), health: [] }),
    );
    expect(() => declared.route({ ...route, path: '/b' })).toThrow('after mount');
  });

  it('protected routes need an authenticator', () => {
    const unprotected = createApi({ title: 'x', version: '0' });
    unprotected.route({
      method: 'get',
      path: '/secret',
      summary: 's',
      auth: { roles: ['admin'] },
      responses: ok,
      handler: (_context) => ({ status: 200 }),
    });
    expect(() =>
      unprotected.mount(
        createHttpApp({ service: 't', logger: createLogger({ service: 't', level: 'silent' }), health: [] }),
      ),
    ).toThrow('no authenticator');
  });
});
