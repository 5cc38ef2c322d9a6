import { baseConfigSchema, loadConfig, portSchema } from '@zhas/service-kit';
import { z } from 'zod';
import path from 'node:path';

const url = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
  .transform((value) => value.replace(/\/+$/, ''));

/** The portal's variables, checked at start; every bad one is named at once. */
export const configSchema = z
  .object({
    NODE_ENV: baseConfigSchema.shape.NODE_ENV,
    LOG_LEVEL: baseConfigSchema.shape.LOG_LEVEL,
    HOST: baseConfigSchema.shape.HOST,
    PORT: portSchema.default(4100),
    /** The address people open; the session cookie is Secure when it is https. */
    PORTAL_PUBLIC_URL: url.optional(),
    MONGO_URL: baseConfigSchema.shape.MONGO_URL,
    /** Sessions only: the portal keeps no business data. */
    MONGO_DB: baseConfigSchema.shape.MONGO_DB.default('zhas-portal'),
    /** The OpenID Connect provider (its issuer URL; discovery is at /.well-known/openid-configuration). */
    OIDC_ISSUER: url,
    /**
     * Where the portal reads the provider's configuration when it reaches the provider by another name than the
     * browser does (containers): the full .../.well-known/openid-configuration URL. Default: from OIDC_ISSUER.
     */
    OIDC_DISCOVERY_URL: url.optional(),
    OIDC_CLIENT_ID: z.string().min(1).default('zhas-portal'),
    OIDC_CLIENT_SECRET: z.string().min(1),
    /**
     * How an account gets its `participant_id` claim after registering: `keycloak` writes the user attribute with
     * the client's service account (Keycloak's admin API); `none` leaves it to the provider's own means.
     */
    PORTAL_ACCOUNT_LINK: z.enum(['keycloak', 'none']).default('keycloak'),
    /** Encrypts the sessions (tokens) at rest; every instance of the portal must share it. */
    PORTAL_SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    /** A session without any request for this long ends (the provider's own idle limit applies too). */
    PORTAL_SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(60),
    COMPETITIONS_URL: url.default('http://127.0.0.1:4101'),
    APPLICATIONS_URL: url.default('http://127.0.0.1:4102'),
    TRACKING_URL: url.default('http://127.0.0.1:4103'),
    REPORTING_URL: url.default('http://127.0.0.1:4104'),
    /** The built web app (vite build). */
    PORTAL_WEB_DIR: z
      .string()
      .min(1)
      .default(path.resolve(__dirname, '..', 'web', 'dist')),
  })
  .superRefine((config, context) => {
    if (config.NODE_ENV !== 'production') return;
    if (config.PORTAL_SESSION_SECRET === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['PORTAL_SESSION_SECRET'],
        message: 'required in production',
      });
    }
    if (config.PORTAL_PUBLIC_URL === undefined || !config.PORTAL_PUBLIC_URL.startsWith('https://')) {
      context.addIssue({
        code: 'custom',
        path: ['PORTAL_PUBLIC_URL'],
        message: 'an https URL is required in production (the session cookie is Secure)',
      });
    }
    if (!config.OIDC_ISSUER.startsWith('https://')) {
      context.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message: 'an https issuer is required in production',
      });
    }
  })
  .transform((config) => ({
    ...config,
    PORTAL_PUBLIC_URL:
      config.PORTAL_PUBLIC_URL ??
      `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`,
    // Development only (production requires its own): sessions stay readable across restarts of a local portal.
    PORTAL_SESSION_SECRET:
      config.PORTAL_SESSION_SECRET ?? 'zhas-portal-development-session-secret-not-for-production',
  }));

export type PortalConfig = z.infer<typeof configSchema>;

export function loadPortalConfig(env: NodeJS.ProcessEnv = process.env): PortalConfig {
  return loadConfig(configSchema, env);
}

/** The services behind `/api/<service>/...`. */
export const SERVICE_NAMES = ['competitions', 'applications', 'tracking', 'reporting'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export function serviceUrls(config: PortalConfig): Record<ServiceName, string> {
  return {
    competitions: config.COMPETITIONS_URL,
    applications: config.APPLICATIONS_URL,
    tracking: config.TRACKING_URL,
    reporting: config.REPORTING_URL,
  };
}
