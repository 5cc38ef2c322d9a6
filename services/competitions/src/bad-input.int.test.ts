import { makeBin } from '@zhas/kz';
import { startServiceForTest, type TestService } from '@zhas/service-kit/testing';
import fc from 'fast-check';
import { type Config } from './config';
import * as competitions from './index';
import { publishedRound } from './testing/published-round';

// Bad input at every endpoint of the OpenAPI document gets a 4xx problem document, never a 500: no token, the
// wrong role, unknown ids, malformed ids, wrong types, missing fields, random JSON and malformed JSON.

const clock = { now: new Date('2019-01-20T05:00:00.000Z') };
let test: TestService<Config>;
let coordinator: string;
let ids: Record<string, string>;
let operations: { method: string; path: string; roles: string[] | undefined; isPublic: boolean }[];
let key = 0;
const idem = () => ({ 'Idempotency-Key': `bad-input-${Date.now()}-${(key += 1)}` });

beforeAll(async () => {
  test = await startServiceForTest(competitions, {
    now: () => clock.now,
    // Every operation is called without a token here; the limit on token failures is tested on its own.
    env: { RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS: '0' },
  });
  coordinator = await test.token({ roles: ['coordinator'] });
  const roundId = await publishedRound(test, coordinator);
  const organization = await test.call<{ hostOrganizationId: string }>('POST', '/organizations', {
    token: coordinator,
    headers: idem(),
    body: {
      bin: makeBin({
        registeredOn: '2012-01',
        entityType: 'resident-legal-entity',
        entityKind: 'head-office',
        serial: 7,
      }),
      name: 'Fuzz NGO',
    },
  });
  const application = await test.call<{ hostApplicationId: string }>(
    'POST',
    `/rounds/${roundId}/host-applications`,
    {
      token: coordinator,
      body: { hostOrganizationId: organization.body.hostOrganizationId, region: 'akmola' },
    },
  );
  ids = {
    roundId,
    organizationId: organization.body.hostOrganizationId,
    hostApplicationId: application.body.hostApplicationId,
    region: 'akmola',
  };
  const document = await test.call<{
    paths: Record<string, Record<string, { security: unknown[]; 'x-roles'?: string[] }>>;
  }>('GET', '/openapi.json');
  operations = Object.entries(document.body.paths)
    .filter(([path]) => !path.startsWith('/admin'))
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        roles: operation['x-roles'],
        isPublic: operation.security.length === 0,
      })),
    );
});
afterAll(() => test.stop());

const fill = (path: string, values: Record<string, string>) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));

function expectProblem(reply: { status: number; body: unknown }, where: string) {
  if (reply.status >= 500)
    throw new Error(`${where} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  if (reply.status >= 400)
    expect(reply.body).toMatchObject({ type: expect.any(String) as unknown, status: reply.status });
}

describe('bad input', () => {
  it('covers every operation of the service', () => {
    expect(operations).toHaveLength(36);
  });

  it('answers 401 without a token and 403 for a role not allowed', async () => {
    const applicant = await test.token({ roles: ['applicant'] });
    for (const operation of operations) {
      const path = fill(operation.path, ids);
      const body = operation.method === 'GET' ? {} : { body: {} };
      const anonymous = await test.call(operation.method, path, body);
      if (operation.isPublic) {
        expectProblem(anonymous, `${operation.method} ${operation.path}`);
        continue;
      }
      expect([operation.path, anonymous.status]).toEqual([operation.path, 401]);
      if (operation.roles && !operation.roles.includes('applicant')) {
        const wrong = await test.call(operation.method, path, { token: applicant, ...body });
        expect([operation.path, wrong.status, wrong.body]).toEqual([
          operation.path,
          403,
          expect.objectContaining({ type: '/problems/forbidden' }),
        ]);
      }
    }
  });

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    const unknown = {
      roundId: 'rnd-unknown',
      organizationId: 'org-00000000-0000-0000-0000-000000000000',
      hostApplicationId: 'ha.rnd-unknown.org-00000000-0000-0000-0000-000000000000',
      region: 'akmola',
    };
    const committee = await test.token({ roles: ['committee'] });
    for (const operation of operations.filter((operation) => operation.path.includes('{'))) {
      const token = !operation.roles || operation.roles.includes('coordinator') ? coordinator : committee;
      const body = operation.method === 'GET' ? {} : { body: { version: 1 } };
      const reply = await test.call(operation.method, fill(operation.path, unknown), {
        token,
        headers: idem(),
        ...body,
      });
      expectProblem(reply, `${operation.method} ${operation.path}`);
      // A body that fails validation may be reported first; otherwise the id is unknown.
      expect({ path: operation.path, known: [400, 404].includes(reply.status) }).toEqual({
        path: operation.path,
        known: true,
      });
      const malformed = await test.call(
        operation.method,
        fill(operation.path, {
          roundId: 'bad id!',
          organizationId: 'nope',
          hostApplicationId: '../x',
          region: 'atlantis',
        }),
        { token, headers: idem(), ...body },
      );
      expectProblem(malformed, `${operation.method} ${operation.path}`);
      expect({ path: operation.path, known: [400, 404].includes(malformed.status) }).toEqual({
        path: operation.path,
        known: true,
      });
    }
  });

  it('answers 400 naming the fields for wrong types and missing fields', async () => {
    const cases: [string, string, unknown, string[]][] = [
      ['POST', '/rounds', { year: 'twenty', regions: ['atlantis'] }, ['body.year', 'body.regions.0']],
      ['PATCH', `/rounds/${ids.roundId}`, { year: 2019 }, ['body.version']],
      ['POST', `/rounds/${ids.roundId}/publish`, {}, ['body.version']],
      ['POST', '/organizations', { bin: '123456789012' }, ['body.name']],
      [
        'POST',
        `/rounds/${ids.roundId}/host-applications`,
        { hostOrganizationId: 'x', region: 'akmola', facts: { hasTaxDebt: 'no' } },
        ['body.hostOrganizationId', 'body.facts.hasTaxDebt'],
      ],
      [
        'PUT',
        `/host-applications/${ids.hostApplicationId}/scores/me`,
        { scores: [{ code: 'a', score: 101 }] },
        ['body.scores.0.score'],
      ],
      ['GET', '/host-applications?limit=0&status=maybe', undefined, ['query.limit', 'query.status.0']],
      ['GET', '/rounds?cursor=!!!', undefined, ['query.cursor']],
    ];
    const committee = await test.token({ roles: ['committee'] });
    for (const [method, path, body, fields] of cases) {
      const reply = await test.call<{ errors: { field: string }[] }>(method, path, {
        token: path.includes('scores') ? committee : coordinator,
        headers: idem(),
        body,
      });
      expect([path, reply.status, reply.body.errors.map((error) => error.field)]).toEqual([
        path,
        400,
        expect.arrayContaining(fields),
      ]);
    }
  });

  it('answers 400 for a BIN that is not one, naming body.bin and why', async () => {
    const bin = makeBin({
      registeredOn: '2012-01',
      entityType: 'resident-legal-entity',
      entityKind: 'head-office',
      serial: 9,
    });
    const wrongCheckDigit = `${bin.slice(0, 11)}${(Number(bin[11]) + 1) % 10}`;
    for (const [value, reason] of [
      ['12345', 'format'],
      [wrongCheckDigit, 'check-digit'],
      ['120170000019', 'entity-type'],
    ]) {
      const reply = await test.call('POST', '/organizations', {
        token: coordinator,
        headers: idem(),
        body: { bin: value, name: 'Some NGO' },
      });
      expect(reply).toMatchObject({
        status: 400,
        body: { type: '/problems/validation', errors: [{ field: 'body.bin', code: reason }] },
      });
    }
  });

  it('answers 400 for malformed JSON and a missing Idempotency-Key', async () => {
    const malformed = await test.call('POST', '/rounds', {
      token: coordinator,
      headers: { ...idem(), 'content-type': 'application/json' },
      body: '{"year": ',
    });
    expect(malformed.status).toBe(400);
    const noKey = await test.call('POST', `/rounds/${ids.roundId}/close`, {
      token: coordinator,
      body: { version: 1, outcome: 'completed' },
    });
    expect(noKey).toMatchObject({ status: 400, body: { errors: [{ field: 'headers.Idempotency-Key' }] } });
  });

  it('never answers 500 to random JSON at any endpoint (property)', async () => {
    const committee = await test.token({ roles: ['committee'], subject: 'fuzz-member' });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.oneof(
          fc.jsonValue(),
          fc.record({
            version: fc.jsonValue(),
            year: fc.jsonValue(),
            rules: fc.jsonValue(),
            facts: fc.jsonValue(),
          }),
          fc.record({ scores: fc.array(fc.record({ code: fc.string(), score: fc.jsonValue() })) }),
        ),
        fc.string({ maxLength: 12 }),
        async (operation, body, query) => {
          const path = `${fill(operation.path, ids)}?limit=${encodeURIComponent(query)}&status=${encodeURIComponent(query)}`;
          const token =
            operation.roles?.includes('committee') && !operation.roles.includes('host_org')
              ? committee
              : coordinator;
          const reply = await test.call(operation.method, path, {
            token,
            headers: idem(),
            ...(operation.method === 'GET'
              ? {}
              : { body: JSON.stringify(body), headers: { ...idem(), 'content-type': 'application/json' } }),
          });
          expectProblem(reply, `${operation.method} ${operation.path} ${JSON.stringify(body)}`);
        },
      ),
      { numRuns: 150 },
    );
  });
});
