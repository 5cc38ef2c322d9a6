import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  SignJWT,
} from 'jose';
import { z } from 'zod';
import { type AuthConfig } from './config';
import { type Role } from './principal';

/*
 * The local development key: an ES256 key pair kept as JWK files, so that `npm run token` can issue tokens that
 * every local service accepts without an identity provider. The private key file is the source of truth; it is
 * created with link(2), which fails when the file exists, so two processes racing on first use agree on one key.
 */

export const LOCAL_ALGORITHM = 'ES256';
export const PRIVATE_KEY_FILE = 'signing-key.private.json';
export const JWKS_FILE = 'jwks.json';

export interface LocalKeys {
  readonly dir: string;
  readonly kid: string;
  /** The private key, with `kid`, `alg` and `use`. */
  readonly privateJwk: JWK;
  /** The public half, as services verify with it. */
  readonly jwks: JSONWebKeySet;
}

const privateJwkSchema = z.looseObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1),
  y: z.string().min(1),
  d: z.string().min(1),
  kid: z.string().min(1),
});

/** Reads the local key pair, creating it on first use. Safe when several processes call it at once. */
export async function ensureLocalKeys(dir: string): Promise<LocalKeys> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const privatePath = path.join(dir, PRIVATE_KEY_FILE);
  let privateJwk = await readPrivateJwk(privatePath);
  if (privateJwk === undefined) {
    await createExclusively(privatePath, await generatePrivateJwk());
    // Whoever won the race wrote the key; everyone uses that one.
    privateJwk = await readPrivateJwk(privatePath);
    if (privateJwk === undefined) throw new Error(`Could not create the local signing key in ${dir}.`);
  }
  const jwks: JSONWebKeySet = { keys: [publicJwk(privateJwk)] };
  // jwks.json is derived from the private key, so rewriting it is idempotent; only rewrite when it differs.
  const jwksPath = path.join(dir, JWKS_FILE);
  const existing = await readFile(jwksPath, 'utf8').catch(() => undefined);
  const serialized = `${JSON.stringify(jwks, null, 2)}\n`;
  if (existing !== serialized) await writeAtomically(jwksPath, serialized, 0o644);
  return { dir, kid: privateJwk.kid ?? '', privateJwk, jwks };
}

export interface LocalTokenRequest {
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly participantId?: string;
  readonly hostOrgId?: string;
  readonly regions?: readonly string[];
  /** A display name (the `name` claim), as identity providers give one. */
  readonly name?: string;
  readonly ttlSeconds: number;
  readonly now?: Date;
}

/** Signs a token with the local development key (creating the key on first use). */
export async function issueLocalToken(
  config: Pick<AuthConfig, 'AUTH_LOCAL_KEY_DIR' | 'AUTH_ISSUER' | 'AUTH_AUDIENCE'>,
  request: LocalTokenRequest,
): Promise<string> {
  const keys = await ensureLocalKeys(config.AUTH_LOCAL_KEY_DIR);
  const key = await importJWK(keys.privateJwk, LOCAL_ALGORITHM);
  const issuedAt = Math.floor((request.now ?? new Date()).getTime() / 1000);
  return new SignJWT({
    roles: [...request.roles],
    ...(request.participantId === undefined ? {} : { participant_id: request.participantId }),
    ...(request.hostOrgId === undefined ? {} : { host_org_id: request.hostOrgId }),
    ...(request.regions === undefined ? {} : { regions: [...request.regions] }),
    ...(request.name === undefined ? {} : { name: request.name }),
  })
    .setProtectedHeader({ alg: LOCAL_ALGORITHM, kid: keys.kid, typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(config.AUTH_ISSUER)
    .setAudience(config.AUTH_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + request.ttlSeconds)
    .setJti(randomUUID())
    .sign(key);
}

async function generatePrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(LOCAL_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
  return { ...jwk, kid, alg: LOCAL_ALGORITHM, use: 'sig' };
}

function publicJwk(privateJwk: JWK): JWK {
  const { kty, crv, x, y, kid } = privateJwk;
  return { kty, crv, x, y, kid, alg: LOCAL_ALGORITHM, use: 'sig' };
}

/** The private key, or undefined when there is none yet. A file being copied by a racing process is retried. */
async function readPrivateJwk(file: string): Promise<JWK | undefined> {
  for (let attempt = 1; ; attempt++) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return undefined;
      throw error;
    }
    try {
      return privateJwkSchema.parse(JSON.parse(text));
    } catch {
      if (attempt >= 10) {
        throw new Error(
          `${file} is not an EC P-256 private JWK; delete the folder ${path.dirname(file)} to create a new key pair ` +
            '(tokens issued with the old key stop working).',
        );
      }
      await delay(25);
    }
  }
}

/** Writes a file that must not exist yet; returns quietly if another process created it first. */
async function createExclusively(file: string, jwk: JWK): Promise<void> {
  const temp = tempName(file);
  await writeFile(temp, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, file);
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return;
    // Some file systems (certain container volumes) cannot hard-link; an exclusive copy still cannot overwrite.
    try {
      await copyFile(temp, file, constants.COPYFILE_EXCL);
    } catch (copyError) {
      if (!isErrno(copyError, 'EEXIST')) throw copyError;
    }
  } finally {
    await rm(temp, { force: true });
  }
}

async function writeAtomically(file: string, content: string, mode: number): Promise<void> {
  const temp = tempName(file);
  try {
    await writeFile(temp, content, { mode, flag: 'wx' });
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
}

function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomUUID()}.tmp`);
}

// Not `instanceof Error`: errors of Node's core modules come from another realm under jest.
function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}
