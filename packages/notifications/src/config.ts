import { z } from 'zod';
import { defaultPolicy, type SendingPolicy } from './delivery';

const DEVELOPMENT_SECRET = 'zhas-local-notification-token-secret-not-for-production';

/**
 * The variables of the notifications of a service that sends them (merge into its config schema). Checked with
 * the rest at start-up; in production the token secret must be set and the e-mail server configured.
 */
export const notificationConfigShape = {
  /** The mail server: `smtp://host:port` (locally the mail catcher `npm start` runs) or `smtps://user:pass@host`. */
  NOTIFY_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'expected an smtp:// or smtps:// URL')
    .optional(),
  NOTIFY_EMAIL_FROM: z.string().min(3).default('Zhas Project <no-reply@zhas.local>'),
  /** `log`: the logging gateway (no provider contracted yet); `off`: no SMS at all. */
  NOTIFY_SMS_GATEWAY: z.enum(['log', 'off']).default('log'),
  /** Where people open the portal: links in messages and the opt-out page. */
  NOTIFY_PORTAL_URL: z
    .string()
    .url()
    .default('http://127.0.0.1:4100')
    .transform((url) => url.replace(/\/+$/, '')),
  /** Signs the opt-out links; the same on every instance of the service. */
  NOTIFY_TOKEN_SECRET: z.string().min(32).default(DEVELOPMENT_SECRET),
  /** `off` records notices (the portal's list) but sends nothing from this process. */
  NOTIFY_SENDER: z.enum(['on', 'off']).default('on'),
  /** SMS are held between these Kazakhstan hours, e.g. `21-9`. */
  NOTIFY_SMS_QUIET_HOURS: z
    .string()
    .regex(/^([01]?\d|2[0-3])-([01]?\d|2[0-3])$/, 'expected from-to hours, e.g. 21-9')
    .default('21-9'),
  /** The hour (Kazakhstan time) daily summaries go out. */
  NOTIFY_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(9),
};

export type NotificationConfig = z.output<z.ZodObject<typeof notificationConfigShape>> & {
  readonly NODE_ENV: 'development' | 'test' | 'production';
};

/** What production must not run without (called from the service's config refinement or at start). */
export function notificationConfigProblems(config: NotificationConfig): string[] {
  if (config.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (config.NOTIFY_TOKEN_SECRET === DEVELOPMENT_SECRET)
    problems.push('NOTIFY_TOKEN_SECRET must be set in production');
  if (!config.NOTIFY_SMTP_URL) problems.push('NOTIFY_SMTP_URL must be set in production');
  return problems;
}

export function policyOf(config: NotificationConfig): SendingPolicy {
  const [from, to] = config.NOTIFY_SMS_QUIET_HOURS.split('-').map(Number);
  return {
    ...defaultPolicy,
    quietHours: { from: from ?? 21, to: to ?? 9 },
    digestHour: config.NOTIFY_DIGEST_HOUR,
  };
}
