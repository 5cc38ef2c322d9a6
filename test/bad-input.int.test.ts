/*
 * Bad input at every operation of every service, from each service's own OpenAPI document: oversized bodies and
 * headers, deep nesting, operator-looking keys in bodies and queries, invalid UTF-8, wrong content types, huge page
 * sizes, unknown query parameters and undeclared methods. Each gets the problem document that names it (400, 405,
 * 413, 415, 431), never a 500 and never silence: an unknown parameter is refused, not ignored.
 */
import { request } from 'node:http';
import * as applications from '@zhas/applications';
import * as competitions from '@zhas/competitions';
import * as reporting from '@zhas/reporting';
import { type BaseConfig } from '@zhas/service-kit';
import { startServiceForTest, type TestService } from '@zhas/service-kit/testing';
import * as tracking from '@zhas/tracking';

type Started = TestService<BaseConfig>;
type Options = Parameters<typeof startServiceForTest>[1];
const SERVICES: Record<string, (options: Options) => Promise<Started>> = {
  competitions: async (options) => await startServiceForTest(competitions, options),
  applications: async (options) => await startServiceForTest(applications, options),
  tracking: async (options) => await startServiceForTest(tracking, options),
  reporting: async (options) => await startServiceForTest(reporting, options),
};
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly hasBody: boolean;
  readonly query: readonly string[];
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: { type?: string; status?: number; errors?: { field: string }[] } | undefined;
}

/** Raw HTTP, so that bytes, headers and content types go out exactly as written. */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${base}${path}`,
      { method, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: text ? (JSON.parse(text) as Answer['body']) : undefined,
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const fill = (path: string) => path.replace(/\{(\w+)\}/g, 'x1');

describe.each(Object.entries(SERVICES))('bad input to %s', (_name, start) => {
  let test: TestService<BaseConfig>;
  let operations: Operation[];
  let paths: Record<string, Record<string, unknown>>;
  let headers: Record<string, string>;

  const call = (operation: Operation, suffix: string, extra: Record<string, string>, body?: Buffer) =>
    send(test.url, operation.method, `${fill(operation.path)}${suffix}`, { ...headers, ...extra }, body);

  /** A problem document naming the status; the fields, when given, among its `errors`. */
  const expectProblem = (answer: Answer, status: number, where: string, fields: string[] = []) => {
    expect({ where, status: answer.status }).toEqual({ where, status });
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status });
    const named = (answer.body?.errors ?? []).map((error) => error.field);
    for (const field of fields)
      expect({ where, named }).toEqual({ where, named: expect.arrayContaining([field]) as unknown });
  };

  beforeAll(async () => {
    test = await start({
      // The limits are tested on their own; here every request must reach the checks under test.
      env: {
        RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS: '0',
        RATE_LIMIT_PUBLIC_PER_ADDRESS: '0',
        RATE_LIMIT_SUBMISSIONS_PER_ADDRESS: '0',
        RATE_LIMIT_SUBMISSIONS_PER_ACCOUNT: '0',
      },
    });
    const everyRole = await test.token({
      roles: ['applicant', 'host_org', 'committee', 'coordinator', 'viewer', 'admin', 'mentor'],
      participantId: 'p-x1',
      hostOrgId: 'org-x1',
    });
    headers = {
      authorization: `Bearer ${everyRole}`,
      'idempotency-key': '00000000-0000-4000-8000-000000000001',
    };
    const document = await test.call<{
      paths: Record<
        string,
        Record<string, { requestBody?: unknown; parameters?: { in: string; name: string }[] }>
      >;
    }>('GET', '/openapi.json');
    paths = document.body.paths;
    operations = Object.entries(document.body.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        hasBody: operation.requestBody !== undefined,
        query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      })),
    );
  });
  afterAll(() => test.stop());

  it('refuses unknown and operator-looking query parameters, naming them', async () => {
    for (const operation of operations) {
      const where = `${operation.method} ${operation.path}`;
      expectProblem(await call(operation, '?zz=1', {}), 400, where, ['query.zz']);
      expectProblem(await call(operation, '?region[$ne]=x', {}), 400, where, ['query.region[$ne]']);
      expectProblem(await call(operation, '?$where=1', {}), 400, where, ['query.$where']);
    }
  });

  it('refuses huge page sizes', async () => {
    const lists = operations.filter((operation) => operation.query.includes('limit'));
    expect(lists.length).toBeGreaterThan(0);
    for (const operation of lists) {
      expectProblem(await call(operation, '?limit=1000000', {}), 400, operation.path, ['query.limit']);
    }
  });

  it('refuses operator keys, deep nesting, invalid UTF-8, other content types and oversized bodies', async () => {
    const json = { 'content-type': 'application/json' };
    for (const operation of operations.filter((candidate) => candidate.hasBody)) {
      const where = `${operation.method} ${operation.path}`;
      const operators = Buffer.from(JSON.stringify({ $where: 'sleep(1)', version: { $gt: 0 } }));
      expectProblem(await call(operation, '', json, operators), 400, where, [
        'body.$where',
        'body.version.$gt',
      ]);
      const proto = Buffer.from('{"__proto__": {"admin": true}}');
      expectProblem(await call(operation, '', json, proto), 400, where, ['body.__proto__']);

      const deep = Buffer.from(`${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`);
      expectProblem(await call(operation, '', json, deep), 400, where);

      const invalidUtf8 = Buffer.concat([
        Buffer.from('{"note":"'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('"}'),
      ]);
      expectProblem(await call(operation, '', json, invalidUtf8), 400, where, ['body']);

      expectProblem(await call(operation, '', json, Buffer.from('{"note": ')), 400, where, ['body']);
      const text = { 'content-type': 'text/plain' };
      expectProblem(await call(operation, '', text, Buffer.from('{"version": 1}')), 415, where);
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      expectProblem(await call(operation, '', form, Buffer.from('version=1')), 415, where);

      const big = Buffer.from(JSON.stringify({ note: 'x'.repeat(5 * 1024 * 1024) }));
      expectProblem(await call(operation, '', json, big), 413, where);
    }
  });

  it('answers 405 with Allow for every method a path does not declare', async () => {
    for (const [path, declared] of Object.entries(paths)) {
      const allowed = METHODS.filter((method) => method in declared).map((method) => method.toUpperCase());
      for (const method of METHODS.filter((candidate) => !(candidate in declared))) {
        const answer = await send(test.url, method.toUpperCase(), fill(path), headers);
        expectProblem(answer, 405, `${method.toUpperCase()} ${path}`);
        const allow = String(answer.headers.allow).split(', ');
        expect({ path, allow }).toEqual({ path, allow: expect.arrayContaining(allowed) as unknown });
      }
    }
  });

  it('answers oversized headers with 431 and stays up', async () => {
    const [operation] = operations;
    const answer = await call(operation!, '', { 'x-padding': 'x'.repeat(64 * 1024) });
    expect(answer.status).toBe(431);
    expect((await test.call('GET', '/health/live')).status).toBe(200);
  });
});
