import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { baseConfigSchema, loadConfig } from '../config';

/** An unset variable and an empty one mean the same: not configured. */
const optionalSetting = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/**
 * Authentication variables. Services merge them into their configuration schema
 * (`baseConfigSchema.extend(authConfigSchema.shape)`); `startService` reads them in any case and passes the
 * resulting authenticator to the composition root.
 */
export const authConfigSchema = z.object({
  /** The JWKS of an OIDC provider, e.g. https://id.example.kz/realms/zhas/protocol/openid-connect/certs. */
  AUTH_JWKS_URL: optionalSetting(z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' })),
  /** The `iss` every token must carry. */
  AUTH_ISSUER: z.string().min(1).default('zhas-local'),
  /** The `aud` every token must carry. */
  AUTH_AUDIENCE: z.string().min(1).default('zhas-grants'),
  /**
   * The `iss` of tokens signed with the local development key while AUTH_JWKS_URL is set (outside production
   * only): `npm run token` keeps working beside a local sign-in provider.
   */
  AUTH_LOCAL_ISSUER: z.string().min(1).default('zhas-local'),
  /** Where the local development key pair lives (without AUTH_JWKS_URL, and beside it outside production). */
  AUTH_LOCAL_KEY_DIR: z
    .string()
    .min(1)
    .default(() => defaultLocalKeyDir()),
  /** Where the role names are in the token: `roles`, or a dotted path such as `realm_access.roles` (Keycloak). */
  AUTH_ROLES_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_:-]+(\.[A-Za-z0-9_:-]+)*$/, 'expected a claim name or a dotted path')
    .default('roles'),
  /** Leeway for `exp` and `nbf` between this host's clock and the token issuer's. */
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
});

export type AuthConfig = z.infer<typeof authConfigSchema>;

/** The authentication settings with the environment they apply to; parsing fails in production without a JWKS. */
export const authSettingsSchema = authConfigSchema
  .extend({ NODE_ENV: baseConfigSchema.shape.NODE_ENV })
  .superRefine((settings, context) => {
    const problem = productionProblem(settings);
    if (problem) context.addIssue({ code: 'custom', path: ['AUTH_JWKS_URL'], message: problem });
  });

export type AuthSettings = z.infer<typeof authSettingsSchema>;

/** Reads the authentication settings from the environment; throws a ConfigError naming each bad variable. */
export function loadAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  return loadConfig(authSettingsSchema, env);
}

/** Why these settings may not run, or undefined. Local keys live on one disk and must never guard production. */
export function productionProblem(
  settings: Pick<AuthSettings, 'NODE_ENV' | 'AUTH_JWKS_URL'>,
): string | undefined {
  return settings.NODE_ENV === 'production' && settings.AUTH_JWKS_URL === undefined
    ? 'required when NODE_ENV=production: local development keys are not accepted in production; ' +
        "set it to the identity provider's JWKS URL"
    : undefined;
}

/** `<repo>/.data/auth`, beside the embedded infrastructure's data; `./.data/auth` outside a checkout. */
export function defaultLocalKeyDir(): string {
  return path.join(findRepoRoot() ?? process.cwd(), '.data', 'auth');
}

/** The nearest folder above `from` whose package.json declares npm workspaces. */
export function findRepoRoot(from: string = __dirname): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && declaresWorkspaces(manifest)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function declaresWorkspaces(manifest: string): boolean {
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'workspaces' in parsed;
  } catch {
    return false;
  }
}
