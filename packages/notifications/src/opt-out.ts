import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { type Channel, channels } from './delivery';

/**
 * The token in every e-mail's opt-out link: who (the recipient's pseudonymous id) and which channel, signed with
 * the service's NOTIFY_TOKEN_SECRET (HMAC-SHA256). Whoever holds the link may turn that channel off for that
 * person, without signing in, and nothing else. It carries no personal data and does not expire: an old e-mail's
 * link keeps working.
 */
const payloadSchema = z.object({ v: z.literal(1), r: z.string().min(1).max(200), c: z.enum(channels) });

export interface OptOut {
  readonly recipientId: string;
  readonly channel: Channel;
}

export function signOptOut(secret: string, optOut: OptOut): string {
  const payload = Buffer.from(
    JSON.stringify({ v: 1, r: optOut.recipientId, c: optOut.channel }),
    'utf8',
  ).toString('base64url');
  return `${payload}.${signature(secret, payload)}`;
}

/** The opt-out a token stands for, or undefined when it was not signed with this secret or is malformed. */
export function verifyOptOut(secret: string, token: string): OptOut | undefined {
  const [payload, given, ...rest] = token.split('.');
  if (!payload || !given || rest.length > 0) return undefined;
  const expected = Buffer.from(signature(secret, payload), 'utf8');
  const actual = Buffer.from(given, 'utf8');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success ? { recipientId: parsed.data.r, channel: parsed.data.c } : undefined;
  } catch {
    return undefined;
  }
}

function signature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`zhas-opt-out:${payload}`).digest('base64url');
}
