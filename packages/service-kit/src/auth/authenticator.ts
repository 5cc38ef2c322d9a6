import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { ConfigError } from '../config';
import { HttpProblem, problems } from '../http/problem';
import { type Logger } from '../logger';
import { type AuthSettings, productionProblem } from './config';
import { ensureLocalKeys, JWKS_FILE, LOCAL_ALGORITHM } from './local-keys';
import { type Principal, principalFromClaims } from './principal';

/** Verifies bearer tokens and turns them into principals. */
export interface Authenticator {
  /** `jwks`: keys of an identity provider; `local`: the development key of `npm run token`. */
  readonly mode: 'jwks' | 'local';
  /** In `jwks` mode outside production: tokens of the local development key are accepted too (their issuer). */
  readonly localIssuer?: string;
  /**
   * Reads the Authorization header value and verifies its bearer token. Throws a 401 HttpProblem (with a
   * WWW-Authenticate header) saying what is wrong, never echoing the token.
   */
  authenticate(authorization: string | undefined): Promise<Principal>;
  /** Verifies a bare token; throws like `authenticate`. */
  verify(token: string): Promise<Principal>;
}

export interface AuthenticatorOptions {
  /** The clock tokens are checked against (tests). */
  readonly now?: () => Date;
  readonly logger?: Logger;
}

/** The settings an authenticator needs; a service's own config passes if it merged `authConfigSchema`. */
export type AuthenticatorSettings = Pick<
  AuthSettings,
  | 'NODE_ENV'
  | 'AUTH_JWKS_URL'
  | 'AUTH_ISSUER'
  | 'AUTH_AUDIENCE'
  | 'AUTH_LOCAL_KEY_DIR'
  | 'AUTH_LOCAL_ISSUER'
  | 'AUTH_ROLES_CLAIM'
  | 'AUTH_CLOCK_TOLERANCE_SECONDS'
>;

/**
 * The authenticator for these settings: against AUTH_JWKS_URL when set (any OIDC provider; keys are fetched and
 * cached by jose), otherwise against the local development key, created on first use. Refuses local keys in
 * production. With AUTH_JWKS_URL outside production, a token whose issuer is AUTH_LOCAL_ISSUER is verified with
 * the local development key instead, so `npm run token` and `npm run seed:demo` keep working beside the local
 * sign-in provider.
 */
export async function createAuthenticator(
  settings: AuthenticatorSettings,
  options: AuthenticatorOptions = {},
): Promise<Authenticator> {
  const problem = productionProblem(settings);
  if (problem) throw new ConfigError(`Invalid configuration:\n  AUTH_JWKS_URL: ${problem} (not set)`);

  if (settings.AUTH_JWKS_URL !== undefined) {
    options.logger?.info(
      { jwks: settings.AUTH_JWKS_URL, issuer: settings.AUTH_ISSUER },
      'verifying tokens with JWKS',
    );
    const provider = authenticatorFor(
      'jwks',
      createRemoteJWKSet(new URL(settings.AUTH_JWKS_URL)),
      PROVIDER_ALGORITHMS,
      settings,
      options,
    );
    // Tokens go to one verifier by the issuer they claim; each verifier checks that claim with its own keys.
    if (settings.NODE_ENV === 'production' || settings.AUTH_LOCAL_ISSUER === settings.AUTH_ISSUER) {
      return provider;
    }
    const localKeys = await ensureLocalKeys(settings.AUTH_LOCAL_KEY_DIR);
    const local = authenticatorFor(
      'local',
      reloadingLocalKeySet(settings.AUTH_LOCAL_KEY_DIR, localKeys.jwks),
      [LOCAL_ALGORITHM],
      { ...settings, AUTH_ISSUER: settings.AUTH_LOCAL_ISSUER },
      options,
    );
    const verify = (token: string) =>
      (claimedIssuer(token) === settings.AUTH_LOCAL_ISSUER ? local : provider).verify(token);
    return {
      mode: 'jwks',
      localIssuer: settings.AUTH_LOCAL_ISSUER,
      verify,
      authenticate: async (authorization) => verify(bearerToken(authorization)),
    };
  }
  const keys = await ensureLocalKeys(settings.AUTH_LOCAL_KEY_DIR);
  options.logger?.info(
    { keyDir: settings.AUTH_LOCAL_KEY_DIR, issuer: settings.AUTH_ISSUER },
    'verifying tokens with the local development key (issue tokens with `npm run token`)',
  );
  return authenticatorFor(
    'local',
    reloadingLocalKeySet(settings.AUTH_LOCAL_KEY_DIR, keys.jwks),
    [LOCAL_ALGORITHM],
    settings,
    options,
  );
}

/** Asymmetric signatures only: a provider's tokens are never verified with a shared secret. */
const PROVIDER_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

function authenticatorFor(
  mode: Authenticator['mode'],
  keys: JWTVerifyGetKey,
  algorithms: string[],
  settings: AuthenticatorSettings,
  options: AuthenticatorOptions,
): Authenticator {
  const verify = async (token: string): Promise<Principal> => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: settings.AUTH_ISSUER,
        audience: settings.AUTH_AUDIENCE,
        clockTolerance: settings.AUTH_CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp'],
        algorithms,
        ...(options.now ? { currentDate: options.now() } : {}),
      }));
    } catch (error) {
      throw verificationProblem(error, options.logger);
    }
    const claims: Record<string, unknown> = { ...payload };
    if (settings.AUTH_ROLES_CLAIM !== 'roles') claims.roles = claimAt(payload, settings.AUTH_ROLES_CLAIM);
    const result = principalFromClaims(claims);
    if (!result.ok) throw invalidToken(result.error);
    return result.principal;
  };
  return {
    mode,
    verify,
    authenticate: async (authorization) => verify(bearerToken(authorization)),
  };
}

/** The issuer a token claims, read without verifying it: only to choose the verifier. */
function claimedIssuer(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(authorization: string | undefined): string {
  if (authorization === undefined || authorization.trim() === '') {
    throw unauthorized('This resource needs a bearer token in the Authorization header.', undefined);
  }
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization);
  if (!match?.[1]) {
    throw unauthorized(
      'The Authorization header is malformed: expected "Bearer <token>".',
      'invalid_request',
    );
  }
  return match[1];
}

/** A 401 about the token itself. */
export function invalidToken(detail: string): HttpProblem {
  return unauthorized(detail, 'invalid_token');
}

/**
 * A 401 problem with the RFC 6750 challenge. Without any credentials the challenge carries no error code
 * (RFC 6750 section 3.1); otherwise it names the error and repeats the detail.
 */
function unauthorized(detail: string, error: 'invalid_request' | 'invalid_token' | undefined): HttpProblem {
  const challenge =
    error === undefined
      ? 'Bearer'
      : `Bearer error="${error}", error_description="${detail.replace(/["\\]/g, "'")}"`;
  return problems.unauthorized(detail, challenge);
}

/** Says what is wrong with a token, without the token. */
function verificationProblem(error: unknown, logger: Logger | undefined): HttpProblem {
  if (error instanceof errors.JWTExpired) return invalidToken('The token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return invalidToken('The token was issued by an issuer this service does not accept.');
      case 'aud':
        return invalidToken('The token is meant for another audience.');
      case 'nbf':
        return invalidToken('The token is not valid yet.');
      default:
        return invalidToken(`The token's "${error.claim}" claim is missing or invalid.`);
    }
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return invalidToken('The token signature does not verify with the keys this service trusts.');
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return invalidToken('The token does not name its signing key ("kid") and several keys match.');
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return invalidToken('The token is signed with an algorithm this service does not accept.');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return invalidToken('The token is malformed: expected a signed JWT.');
  }
  // The keys could not be fetched (identity provider down, timeout): the caller's token may be fine.
  logger?.error({ err: error }, 'token verification failed for a reason other than the token');
  return new HttpProblem(
    503,
    '/problems/authentication-unavailable',
    'Tokens cannot be verified at the moment; try again shortly.',
  );
}

/**
 * The local key set, re-read from jwks.json when a token names a key it does not know (the folder was deleted
 * and the token command made a new key while the service ran). At most one re-read per second.
 */
function reloadingLocalKeySet(dir: string, initial: JSONWebKeySet): JWTVerifyGetKey {
  let current = createLocalJWKSet(initial);
  let lastReload = 0;
  return async (header, token) => {
    try {
      return await current(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || Date.now() - lastReload < 1_000) throw error;
      lastReload = Date.now();
      const text = await readFile(path.join(dir, JWKS_FILE), 'utf8').catch(() => undefined);
      if (text === undefined) throw error;
      try {
        current = createLocalJWKSet(JSON.parse(text) as JSONWebKeySet);
      } catch {
        throw error;
      }
      return current(header, token);
    }
  };
}

function claimAt(payload: JWTPayload, dottedPath: string): unknown {
  let value: unknown = payload;
  for (const key of dottedPath.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
