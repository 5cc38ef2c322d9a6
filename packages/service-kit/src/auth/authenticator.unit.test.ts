import { once } from 'node:events';
import { readdir, readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeProtectedHeader, exportJWK, generateKeyPair, type JSONWebKeySet, SignJWT } from 'jose';
import { ConfigError } from '../config';
import { HttpProblem } from '../http/problem';
import { createAuthenticator } from './authenticator';
import { type AuthSettings, findRepoRoot, loadAuthSettings } from './config';
import { ensureLocalKeys, issueLocalToken, JWKS_FILE, PRIVATE_KEY_FILE } from './local-keys';
import { parseTtl, runTokenCommand } from './token-cli';

let dir: string;
let settings: AuthSettings;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zhas-auth-'));
  settings = loadAuthSettings({ NODE_ENV: 'test', AUTH_LOCAL_KEY_DIR: path.join(dir, 'keys') });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<HttpProblem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected a problem');
}

describe('auth configuration', () => {
  it('has local defaults', () => {
    const defaults = loadAuthSettings({});
    expect(defaults).toMatchObject({
      NODE_ENV: 'development',
      AUTH_ISSUER: 'zhas-local',
      AUTH_AUDIENCE: 'zhas-grants',
      AUTH_ROLES_CLAIM: 'roles',
      AUTH_CLOCK_TOLERANCE_SECONDS: 5,
    });
    expect(defaults.AUTH_JWKS_URL).toBeUndefined();
    expect(defaults.AUTH_LOCAL_KEY_DIR).toBe(path.join(findRepoRoot() ?? '', '.data', 'auth'));
  });

  it('finds the repository root: the folder whose package.json has workspaces', async () => {
    const root = findRepoRoot(__dirname);
    expect(root).toBeDefined();
    const manifest = JSON.parse(await readFile(path.join(root ?? '', 'package.json'), 'utf8')) as object;
    expect(manifest).toHaveProperty('workspaces');
  });

  it('fails fast in production without a JWKS URL', () => {
    expect(() => loadAuthSettings({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadAuthSettings({ NODE_ENV: 'production', AUTH_JWKS_URL: '' })).toThrow(
      /AUTH_JWKS_URL: required when NODE_ENV=production/,
    );
    expect(
      loadAuthSettings({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://id.example.kz/certs' })
        .AUTH_JWKS_URL,
    ).toBe('https://id.example.kz/certs');
  });

  it('refuses a JWKS URL that is not http(s)', () => {
    expect(() => loadAuthSettings({ AUTH_JWKS_URL: 'file:///etc/jwks.json' })).toThrow(/AUTH_JWKS_URL/);
  });

  it('createAuthenticator refuses local keys in production too', async () => {
    await expect(createAuthenticator({ ...settings, NODE_ENV: 'production' })).rejects.toThrow(ConfigError);
  });
});

describe('local keys', () => {
  it('are created on first use as JWK files, the private one readable by the owner only', async () => {
    const keys = await ensureLocalKeys(settings.AUTH_LOCAL_KEY_DIR);
    expect((await readdir(settings.AUTH_LOCAL_KEY_DIR)).sort()).toEqual([JWKS_FILE, PRIVATE_KEY_FILE]);
    const jwks = JSON.parse(
      await readFile(path.join(settings.AUTH_LOCAL_KEY_DIR, JWKS_FILE), 'utf8'),
    ) as JSONWebKeySet;
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: keys.kid });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const mode = (await stat(path.join(settings.AUTH_LOCAL_KEY_DIR, PRIVATE_KEY_FILE))).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it('are reused afterwards, and jwks.json is restored from the private key', async () => {
    const first = await ensureLocalKeys(settings.AUTH_LOCAL_KEY_DIR);
    await rm(path.join(settings.AUTH_LOCAL_KEY_DIR, JWKS_FILE));
    const second = await ensureLocalKeys(settings.AUTH_LOCAL_KEY_DIR);
    expect(second.kid).toBe(first.kid);
    expect(second.jwks).toEqual(first.jwks);
  });

  it('agree on one key when many callers race on first use', async () => {
    const all = await Promise.all(
      Array.from({ length: 12 }, () => ensureLocalKeys(settings.AUTH_LOCAL_KEY_DIR)),
    );
    expect(new Set(all.map((keys) => keys.kid)).size).toBe(1);
    // No temporary files are left behind.
    expect((await readdir(settings.AUTH_LOCAL_KEY_DIR)).sort()).toEqual([JWKS_FILE, PRIVATE_KEY_FILE]);
  });
});

describe('the authenticator with the local key', () => {
  it('turns a token from issueLocalToken into a principal', async () => {
    const auth = await createAuthenticator(settings);
    expect(auth.mode).toBe('local');
    const token = await issueLocalToken(settings, {
      subject: 'u1',
      roles: ['coordinator'],
      regions: ['almaty', 'astana'],
      ttlSeconds: 600,
    });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    await expect(auth.authenticate(`Bearer ${token}`)).resolves.toEqual({
      subject: 'u1',
      roles: ['coordinator'],
      regions: ['almaty', 'astana'],
    });
  });

  it('checks expiry against its clock', async () => {
    const issuedAt = new Date('2026-03-01T09:00:00Z');
    const token = await issueLocalToken(settings, {
      subject: 'u1',
      roles: ['viewer'],
      ttlSeconds: 60,
      now: issuedAt,
    });
    const at = (ms: number) =>
      createAuthenticator(settings, { now: () => new Date(issuedAt.getTime() + ms) });
    await expect((await at(30_000)).verify(token)).resolves.toMatchObject({ subject: 'u1' });
    const problem = await rejection((await at(120_000)).verify(token));
    expect(problem.status).toBe(401);
    expect(problem.detail).toBe('The token has expired.');
    expect(problem.headers['WWW-Authenticate']).toBe(
      'Bearer error="invalid_token", error_description="The token has expired."',
    );
  });

  it('reads roles from a nested claim when configured (Keycloak style)', async () => {
    const keys = await ensureLocalKeys(settings.AUTH_LOCAL_KEY_DIR);
    const { importJWK } = await import('jose');
    const token = await new SignJWT({ realm_access: { roles: ['committee'] } })
      .setProtectedHeader({ alg: 'ES256', kid: keys.kid })
      .setSubject('u2')
      .setIssuer(settings.AUTH_ISSUER)
      .setAudience(settings.AUTH_AUDIENCE)
      .setExpirationTime('5m')
      .sign(await importJWK(keys.privateJwk, 'ES256'));
    const auth = await createAuthenticator({ ...settings, AUTH_ROLES_CLAIM: 'realm_access.roles' });
    await expect(auth.verify(token)).resolves.toEqual({ subject: 'u2', roles: ['committee'] });
  });

  it('accepts a new key made while it runs (the key folder was deleted)', async () => {
    const auth = await createAuthenticator(settings);
    await rm(settings.AUTH_LOCAL_KEY_DIR, { recursive: true });
    const token = await issueLocalToken(settings, { subject: 'u1', roles: ['viewer'], ttlSeconds: 60 });
    await expect(auth.verify(token)).resolves.toMatchObject({ subject: 'u1' });
  });
});

describe('the authenticator with a JWKS URL', () => {
  let server: Server;
  let jwks: JSONWebKeySet;
  let url: string;
  let providerKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  const providerKid = 'provider-key-1';

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    providerKey = privateKey;
    jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: providerKid, alg: 'RS256', use: 'sig' }] };
    server = createServer((req, res) => {
      if (req.url === '/certs') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(jwks));
      } else {
        res.statusCode = 500;
        res.end();
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const providerToken = (issuer: string) =>
    new SignJWT({ roles: ['viewer'], regions: ['abai'] })
      .setProtectedHeader({ alg: 'RS256', kid: providerKid })
      .setSubject('oidc-user')
      .setIssuer(issuer)
      .setAudience('zhas-grants')
      .setExpirationTime('5m')
      .sign(providerKey);

  it('verifies tokens of the identity provider', async () => {
    const oidc = {
      ...settings,
      AUTH_JWKS_URL: `${url}/certs`,
      AUTH_ISSUER: 'https://id.example.kz/realms/zhas',
    };
    const auth = await createAuthenticator(oidc);
    expect(auth.mode).toBe('jwks');
    await expect(auth.verify(await providerToken('https://id.example.kz/realms/zhas'))).resolves.toEqual({
      subject: 'oidc-user',
      roles: ['viewer'],
      regions: ['abai'],
    });
    expect((await rejection(auth.verify(await providerToken('https://other.example.kz')))).detail).toMatch(
      /issuer/,
    );
    // A provider-signed token claiming the local issuer goes to the local key, which refuses it.
    expect((await rejection(auth.verify(await providerToken('zhas-local')))).status).toBe(401);
  });

  it('accepts tokens of the local development key beside the provider, outside production only', async () => {
    const oidc = {
      ...settings,
      AUTH_JWKS_URL: `${url}/certs`,
      AUTH_ISSUER: 'https://id.example.kz/realms/zhas',
    };
    const local = await issueLocalToken(settings, { subject: 'u1', roles: ['admin'], ttlSeconds: 60 });
    const development = await createAuthenticator(oidc);
    expect(development.localIssuer).toBe('zhas-local');
    await expect(development.verify(local)).resolves.toMatchObject({ subject: 'u1', roles: ['admin'] });
    await expect(development.verify(await providerToken(oidc.AUTH_ISSUER))).resolves.toMatchObject({
      subject: 'oidc-user',
    });

    const production = await createAuthenticator({ ...oidc, NODE_ENV: 'production' });
    expect(production.localIssuer).toBeUndefined();
    expect((await rejection(production.verify(local))).status).toBe(401);
  });

  it('does not accept locally signed tokens when the provider has the same issuer', async () => {
    const auth = await createAuthenticator({ ...settings, AUTH_JWKS_URL: `${url}/certs` });
    const local = await issueLocalToken(settings, { subject: 'u1', roles: ['admin'], ttlSeconds: 60 });
    const problem = await rejection(auth.verify(local));
    expect(problem.status).toBe(401);
    expect(problem.detail).toBe('The token signature does not verify with the keys this service trusts.');
  });

  it('answers 503, not 401, when the keys cannot be fetched', async () => {
    const auth = await createAuthenticator({ ...settings, AUTH_JWKS_URL: `${url}/broken` });
    const problem = await rejection(auth.verify(await providerToken('zhas-local')));
    expect(problem.status).toBe(503);
  });
});

describe('the token command', () => {
  async function run(
    args: string[],
    env: NodeJS.ProcessEnv = { AUTH_LOCAL_KEY_DIR: settings.AUTH_LOCAL_KEY_DIR },
  ) {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await runTokenCommand(args, {
      stdout: (line) => stdout.push(line),
      stderr: (line) => stderr.push(line),
      env,
    });
    return { code, stdout, stderr: stderr.join('\n') };
  }

  it('prints only the token on stdout, and services accept it', async () => {
    const result = await run([
      '--role',
      'coordinator',
      '--role',
      'committee,viewer',
      '--sub',
      'u1',
      '--regions',
      'almaty,astana',
      '--ttl',
      '8h',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toHaveLength(1);
    expect(result.stdout[0]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(result.stderr).toContain('subject u1');
    const auth = await createAuthenticator(settings);
    await expect(auth.authenticate(`Bearer ${result.stdout[0]}`)).resolves.toEqual({
      subject: 'u1',
      roles: ['coordinator', 'committee', 'viewer'],
      regions: ['almaty', 'astana'],
    });
  });

  it('sets the scoping claims', async () => {
    const result = await run(['--role', 'applicant', '--participant', 'p-7']);
    const hostResult = await run(['--role', 'host_org', '--host-org', 'h-3', '--sub', 'staff-1']);
    const auth = await createAuthenticator(settings);
    await expect(auth.verify(result.stdout[0] ?? '')).resolves.toEqual({
      subject: 'dev-applicant',
      roles: ['applicant'],
      participantId: 'p-7',
    });
    await expect(auth.verify(hostResult.stdout[0] ?? '')).resolves.toEqual({
      subject: 'staff-1',
      roles: ['host_org'],
      hostOrgId: 'h-3',
    });
  });

  it.each([
    [['--role', 'wizard'], /unknown role "wizard"/],
    [['--role', 'viewer', '--colour', 'blue'], /Unknown option '--colour'/],
    [['--sub', 'u1'], /at least one --role/],
    [['--role', 'viewer', '--ttl', 'forever'], /--ttl "forever"/],
    [['--role', 'viewer', 'extra'], /positional/],
    [['--role', 'coordinator', '--regions', 'almaty-city'], /unknown region id "almaty-city"/],
    [
      ['--role', 'coordinator', '--regions', 'almaty,Astana,nowhere'],
      /unknown region ids "Astana", "nowhere"/,
    ],
  ])('exits 2 on %j', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toEqual([]);
    expect(result.stderr).toMatch(message);
  });

  it('refuses to run against a production configuration', async () => {
    const result = await run(['--role', 'viewer'], { NODE_ENV: 'production' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/AUTH_JWKS_URL/);
  });

  it('parses lifetimes', () => {
    expect(parseTtl('90')).toBe(90);
    expect(parseTtl('30m')).toBe(1800);
    expect(parseTtl('8h')).toBe(28_800);
    expect(parseTtl('30d')).toBe(2_592_000);
    expect(() => parseTtl('31d')).toThrow();
    expect(() => parseTtl('0s')).toThrow();
  });
});
