/*
 * The authorization matrix (test/authorization/matrix.ts) against the four running services: every operation of
 * every OpenAPI document has rows, every row is run, and the rows that need data (another person's record, another
 * region's) are run on data made for them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BaseConfig, issueLocalToken, type Role } from '@zhas/service-kit';
import { startServiceForTest, type TestService } from '@zhas/service-kit/testing';
import * as applications from '@zhas/applications';
import * as competitions from '@zhas/competitions';
import * as reporting from '@zhas/reporting';
import * as tracking from '@zhas/tracking';
import { createEvent, roundPublishedV1, sampleRound2019 } from '@zhas/contracts';
import { makeIin } from '@zhas/kz';
import {
  ACTORS,
  type ActorName,
  matrices,
  type OperationAccess,
  SCOPED_ACTORS,
  type ScopedActor,
  scopedRows,
} from './authorization/matrix';

const NO_LIMITS = {
  RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS: '0',
  RATE_LIMIT_PUBLIC_PER_ADDRESS: '0',
  RATE_LIMIT_SUBMISSIONS_PER_ADDRESS: '0',
  RATE_LIMIT_SUBMISSIONS_PER_ACCOUNT: '0',
};
const ISSUER = 'zhas-local';
const AUDIENCE = 'zhas-grants';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly roles: readonly string[] | undefined;
  readonly isPublic: boolean;
  readonly hasBody: boolean;
}

type OpenApiPaths = Record<
  string,
  Record<string, { security?: unknown[]; 'x-roles'?: string[]; requestBody?: unknown } | undefined>
>;

async function operationsOf(url: string): Promise<Operation[]> {
  const document = (await (await fetch(`${url}/openapi.json`)).json()) as { paths: OpenApiPaths };
  const operations: Operation[] = [];
  for (const [openapiPath, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operations.push({
        key: `${method.toUpperCase()} ${openapiPath}`,
        method: method.toUpperCase(),
        path: openapiPath,
        roles: operation['x-roles'],
        isPublic: Array.isArray(operation.security) && operation.security.length === 0,
        hasBody: operation.requestBody !== undefined,
      });
    }
  }
  return operations;
}

/** What the matrix says an actor gets: 'passes' (neither 401, 403 nor 5xx) or an exact status. */
function expected(row: OperationAccess, actor: ActorName): 'passes' | number {
  const exception = row.except?.[actor];
  if (exception !== undefined) return exception;
  if (row.access === 'public') return 'passes';
  if (actor === 'no token' || actor === 'expired token' || actor === 'wrong audience') return 401;
  if (row.access === 'signed-in') return 'passes';
  const role = roleOf(actor);
  const allowed = row.access.includes(role) || (role === 'admin' && row.access.includes('coordinator'));
  return allowed ? 'passes' : 403;
}

function roleOf(actor: ActorName): Role {
  if (actor.startsWith('coordinator')) return 'coordinator';
  return actor as Role;
}

type Running = Pick<TestService<BaseConfig>, 'url' | 'stop'>;
/** Inside the sample round's youth application window: teams may form. */
const NOW = new Date('2019-03-10T06:00:00.000Z');
let applicationsService: TestService<applications.Config>;
const services = {
  competitions: (options: StartOptions): Promise<Running> => startServiceForTest(competitions, options),
  applications: async (options: StartOptions): Promise<Running> => {
    applicationsService = await startServiceForTest(applications, { ...options, now: () => NOW });
    return applicationsService;
  },
  tracking: (options: StartOptions): Promise<Running> => startServiceForTest(tracking, options),
  reporting: (options: StartOptions): Promise<Running> => startServiceForTest(reporting, options),
};
type StartOptions = { keyDir: string; env: Record<string, string> };
type ServiceName = keyof typeof services;

let keyDir: string;
const started = new Map<ServiceName, Running>();
const tokens = new Map<ActorName, string | undefined>();

async function token(
  claims: { roles: Role[]; participantId?: string; hostOrgId?: string; regions?: string[]; subject?: string },
  options: { audience?: string; now?: Date } = {},
) {
  return issueLocalToken(
    { AUTH_LOCAL_KEY_DIR: keyDir, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: options.audience ?? AUDIENCE },
    {
      subject: claims.subject ?? `matrix-${claims.roles.join('-')}-${Math.random().toString(36).slice(2)}`,
      roles: claims.roles,
      ttlSeconds: 600,
      ...(options.now ? { now: options.now } : {}),
      ...(claims.participantId ? { participantId: claims.participantId } : {}),
      ...(claims.hostOrgId ? { hostOrgId: claims.hostOrgId } : {}),
      ...(claims.regions ? { regions: claims.regions } : {}),
    },
  );
}

beforeAll(async () => {
  keyDir = await mkdtemp(path.join(tmpdir(), 'zhas-matrix-keys-'));
  for (const name of Object.keys(services) as ServiceName[]) {
    started.set(name, await services[name]({ keyDir, env: NO_LIMITS }));
  }
  tokens.set('no token', undefined);
  tokens.set('expired token', await token({ roles: ['admin'] }, { now: new Date(Date.now() - 3_600_000) }));
  tokens.set('wrong audience', await token({ roles: ['admin'] }, { audience: 'another-application' }));
  tokens.set('applicant', await token({ roles: ['applicant'], participantId: 'p-matrix' }));
  tokens.set('host_org', await token({ roles: ['host_org'], hostOrgId: 'h-matrix' }));
  tokens.set('committee', await token({ roles: ['committee'] }));
  tokens.set('coordinator (national)', await token({ roles: ['coordinator'] }));
  tokens.set('coordinator (almaty)', await token({ roles: ['coordinator'], regions: ['almaty'] }));
  tokens.set('viewer', await token({ roles: ['viewer'] }));
  tokens.set('mentor', await token({ roles: ['mentor'] }));
  tokens.set('admin', await token({ roles: ['admin'] }));
}, 180_000);

afterAll(async () => {
  for (const service of started.values()) await service.stop();
  await rm(keyDir, { recursive: true, force: true });
});

describe.each(Object.keys(services) as ServiceName[])('the authorization matrix of %s', (name) => {
  it('has rows for every operation of the OpenAPI document, and none for operations that do not exist', async () => {
    const service = started.get(name)!;
    const operations = await operationsOf(service.url);
    const table = matrices[name];
    const missing = operations.filter((operation) => table[operation.key] === undefined);
    const suggestions = missing.map(
      (operation) =>
        `  '${operation.key}': { access: ${operation.isPublic ? "'public'" : operation.roles ? JSON.stringify(operation.roles).replaceAll('"', "'") : "'signed-in'"} },`,
    );
    expect(suggestions).toEqual([]);
    const known = new Set(operations.map((operation) => operation.key));
    expect(Object.keys(table).filter((key) => !known.has(key))).toEqual([]);
  });

  it('answers every row as the matrix says', async () => {
    const service = started.get(name)!;
    const operations = await operationsOf(service.url);
    const wrong: string[] = [];
    let rows = 0;
    for (const operation of operations) {
      const row = matrices[name][operation.key];
      if (!row) continue;
      const url = operation.path.replace(/\{[^}]+\}/g, 'x-unknown-1');
      for (const actor of ACTORS) {
        const bearer = tokens.get(actor);
        const response = await fetch(`${service.url}${url}`, {
          method: operation.method,
          headers: {
            ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
            ...(operation.hasBody ? { 'content-type': 'application/json' } : {}),
          },
          ...(operation.hasBody ? { body: '{}' } : {}),
        });
        await response.arrayBuffer();
        rows++;
        const want = expected(row, actor);
        const ok =
          want === 'passes'
            ? response.status !== 401 && response.status !== 403 && response.status < 500
            : response.status === want;
        if (!ok) wrong.push(`${operation.key} as ${actor}: ${response.status}, expected ${want}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(rows).toBe(operations.length * ACTORS.length);
  }, 600_000);
});

describe('the rows that need data', () => {
  const ids = { participantId: '', teamId: '' };
  const scopedTokens = new Map<ScopedActor, string>();

  beforeAll(async () => {
    const service = applicationsService;
    const sample = sampleRound2019();
    await service.deliver(
      createEvent(roundPublishedV1, {
        subject: sample.roundId,
        aggregateVersion: 1,
        data: sample,
        correlationId: 'matrix',
        time: new Date(sample.publishedAt),
      }),
    );
    const subject = 'matrix-self';
    const registered = await service.call<{ participantId: string }>('POST', '/participants', {
      token: await token({ roles: ['applicant'], subject }),
      body: {
        iin: makeIin({ birthDate: '1999-04-02', sex: 'male', serial: 4242 }),
        fullName: 'Нурлан Матрицын',
        phone: '+7 702 555 12 34',
        region: 'akmola',
        settlement: 'urban',
        educationLevel: 'general-secondary',
        neet: false,
        vulnerability: [],
        consents: {
          'programme-participation': true,
          'monitoring-evaluation': true,
          'follow-up-survey': false,
          publicity: false,
        },
      },
    });
    expect(registered.status).toBe(201);
    ids.participantId = registered.body.participantId;
    const self = await token({ roles: ['applicant'], subject, participantId: ids.participantId });
    const team = await service.call<{ teamId: string }>('POST', '/teams', {
      token: self,
      body: { roundId: sample.roundId, region: 'akmola', hostOrganizationId: null },
    });
    expect(team.status).toBe(201);
    ids.teamId = team.body.teamId;
    scopedTokens.set('applicant (self)', self);
    scopedTokens.set(
      'applicant (other)',
      await token({ roles: ['applicant'], participantId: 'p-somebody-else' }),
    );
    scopedTokens.set('host_org (other)', await token({ roles: ['host_org'], hostOrgId: 'h-another' }));
    scopedTokens.set('committee', await token({ roles: ['committee'] }));
    scopedTokens.set('coordinator (national)', await token({ roles: ['coordinator'] }));
    scopedTokens.set('coordinator (akmola)', await token({ roles: ['coordinator'], regions: ['akmola'] }));
    scopedTokens.set(
      'coordinator (mangystau)',
      await token({ roles: ['coordinator'], regions: ['mangystau'] }),
    );
    scopedTokens.set('viewer', await token({ roles: ['viewer'] }));
    scopedTokens.set('admin', await token({ roles: ['admin'] }));
  });

  it('answers each row as the matrix says (failure 1 among them)', async () => {
    const wrong: string[] = [];
    let rows = 0;
    for (const row of scopedRows) {
      const [method = '', template = ''] = row.operation.split(' ');
      const url = template.replace('{participantId}', ids.participantId).replace('{teamId}', ids.teamId);
      for (const actor of SCOPED_ACTORS) {
        const want = row.expect[actor];
        if (want === undefined) continue;
        const reply = await applicationsService.call(method, url, { token: scopedTokens.get(actor)! });
        rows++;
        if (reply.status !== want)
          wrong.push(`${row.operation} as ${actor}: ${reply.status}, expected ${want}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(rows).toBe(scopedRows.reduce((sum, row) => sum + Object.keys(row.expect).length, 0));
  });
});
