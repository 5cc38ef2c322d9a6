import { kazakhstanClockOf, kazakhstanInstantOf, type Language } from '@zhas/kz';

// The rules of sending, as pure functions of the state, the person's preferences and the time (no database, no
// clock, no transport): when a message is due, when it waits, when it goes into the daily summary instead, and
// what a failed attempt leads to.

export const channels = ['email', 'sms'] as const;
export type Channel = (typeof channels)[number];

export const deliveryModes = ['immediate', 'daily-digest'] as const;
export type DeliveryMode = (typeof deliveryModes)[number];

/** What a person chose; absent fields take the defaults. */
export interface Preferences {
  readonly email: boolean;
  readonly sms: boolean;
  readonly mode: DeliveryMode;
  /** The language of their messages; without it, the one their contact details give. */
  readonly language?: Language | undefined;
}

export const defaultPreferences: Preferences = { email: true, sms: true, mode: 'immediate' };

export type DeliveryStatus =
  /** Waiting until `dueAt`. */
  | 'pending'
  /** Claimed by a sender until `claim.until`; found expired, it is sent again with the same message id. */
  | 'sending'
  | 'sent'
  /** Every attempt failed: shown to admins, who may retry it. */
  | 'failed'
  | 'skipped'
  /** Waits for the person's daily summary. */
  | 'digest'
  /** Went out in the daily summary `digestId`. */
  | 'in-digest';

export type SkipReason = 'opted-out' | 'no-address' | 'channel-off';

export interface Delivery {
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly dueAt: Date;
  readonly claim?: { readonly owner: string; readonly until: Date } | null;
  readonly lastError?: string | null;
  readonly sentAt?: Date | null;
  readonly skipReason?: SkipReason | null;
  readonly digestId?: string | null;
}

export interface SendingPolicy {
  /** SMS wait outside these Kazakhstan hours: from `from`:00 to `to`:00 next morning nothing is sent. */
  readonly quietHours: { readonly from: number; readonly to: number };
  /** The hour (Kazakhstan time) the daily summaries go out. */
  readonly digestHour: number;
  /** Attempts before a delivery is marked failed. */
  readonly maxAttempts: number;
  /** Immediate messages a person gets per channel and window; more go into the next daily summary. */
  readonly limits: Readonly<Record<Channel, { readonly count: number; readonly windowMs: number }>>;
}

const HOUR = 3_600_000;

export const defaultPolicy: SendingPolicy = {
  quietHours: { from: 21, to: 9 },
  digestHour: 9,
  maxAttempts: 6,
  limits: { email: { count: 10, windowMs: HOUR }, sms: { count: 3, windowMs: 24 * HOUR } },
};

/** Waits between attempts: 1 min, 5 min, 30 min, 2 h, 6 h. */
const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * HOUR, 6 * HOUR];

/** Whether the Kazakhstan wall clock at `now` is inside the quiet hours. */
export function isQuiet(now: Date, quiet: SendingPolicy['quietHours']): boolean {
  const { hour } = kazakhstanClockOf(now);
  return quiet.from > quiet.to
    ? hour >= quiet.from || hour < quiet.to
    : hour >= quiet.from && hour < quiet.to;
}

/** `now` itself outside quiet hours, else the end of the quiet hours (Kazakhstan time). */
export function afterQuietHours(now: Date, quiet: SendingPolicy['quietHours']): Date {
  if (!isQuiet(now, quiet)) return now;
  const { date, hour } = kazakhstanClockOf(now);
  const endsToday = kazakhstanInstantOf(date, quiet.to);
  return hour < quiet.to ? endsToday : new Date(endsToday.getTime() + 24 * HOUR);
}

/** The next daily summary: today at the digest hour if that is still ahead, else tomorrow. */
export function nextDigestAt(now: Date, digestHour: number): Date {
  const today = kazakhstanInstantOf(kazakhstanClockOf(now).date, digestHour);
  return today.getTime() > now.getTime() ? today : new Date(today.getTime() + 24 * HOUR);
}

/** The deliveries of a new notice, from the person's preferences at the time it is recorded. */
export function planDeliveries(
  preferences: Preferences,
  now: Date,
  policy: SendingPolicy,
): Record<Channel, Delivery> {
  const plan = (channel: Channel): Delivery => {
    if (!preferences[channel]) return { status: 'skipped', attempts: 0, dueAt: now, skipReason: 'opted-out' };
    if (preferences.mode === 'daily-digest') return { status: 'digest', attempts: 0, dueAt: now };
    const dueAt = channel === 'sms' ? afterQuietHours(now, policy.quietHours) : now;
    return { status: 'pending', attempts: 0, dueAt };
  };
  return { email: plan('email'), sms: plan('sms') };
}

/** The deliveries of a daily summary: never itself summarised, SMS still kept out of the quiet hours. */
export function planDigestDeliveries(
  preferences: Preferences,
  now: Date,
  policy: SendingPolicy,
): Record<Channel, Delivery> {
  return planDeliveries({ ...preferences, mode: 'immediate' }, now, policy);
}

export type SendDecision =
  | { readonly kind: 'send' }
  | { readonly kind: 'skip'; readonly reason: SkipReason }
  /** Not now (quiet hours): due again at `until`, the attempt not counted. */
  | { readonly kind: 'wait'; readonly until: Date }
  /** Over the person's limit for the channel: it goes into the next daily summary. */
  | { readonly kind: 'digest' };

/**
 * What to do with a delivery that is due, decided again when it is sent: preferences may have changed since it
 * was recorded, the person may have no address for the channel, the night may have come.
 */
export function decideSend(input: {
  readonly channel: Channel;
  readonly preferences: Preferences;
  readonly hasAddress: boolean;
  readonly channelConfigured: boolean;
  /** When this person was last sent something on the channel (within the limit's window is enough). */
  readonly recentSends: readonly Date[];
  /** A daily summary is never summarised again, and not limited. */
  readonly isDigest: boolean;
  readonly now: Date;
  readonly policy: SendingPolicy;
}): SendDecision {
  const { channel, preferences, now, policy } = input;
  if (!preferences[channel]) return { kind: 'skip', reason: 'opted-out' };
  if (!input.channelConfigured) return { kind: 'skip', reason: 'channel-off' };
  if (!input.hasAddress) return { kind: 'skip', reason: 'no-address' };
  if (channel === 'sms' && isQuiet(now, policy.quietHours)) {
    return { kind: 'wait', until: afterQuietHours(now, policy.quietHours) };
  }
  if (!input.isDigest) {
    const limit = policy.limits[channel];
    const since = now.getTime() - limit.windowMs;
    const recent = input.recentSends.filter((at) => at.getTime() > since).length;
    if (recent >= limit.count) return { kind: 'digest' };
  }
  return { kind: 'send' };
}

/** After attempt number `attempts` failed: try again later, or give up and show it to admins. */
export function afterFailure(
  attempts: number,
  now: Date,
  policy: SendingPolicy,
): { readonly status: 'pending'; readonly dueAt: Date } | { readonly status: 'failed' } {
  if (attempts >= policy.maxAttempts) return { status: 'failed' };
  const delay = RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1] ?? RETRY_DELAYS_MS[0]!;
  return { status: 'pending', dueAt: new Date(now.getTime() + delay) };
}

/** Whether a sender should act on the delivery now: due and pending, or claimed by a sender that went away. */
export function isDue(delivery: Delivery, now: Date): boolean {
  if (delivery.status === 'pending') return delivery.dueAt.getTime() <= now.getTime();
  if (delivery.status === 'sending') return (delivery.claim?.until.getTime() ?? 0) <= now.getTime();
  return false;
}

/** When the notice next needs a sender (undefined: nothing left to send). */
export function nextDueAt(deliveries: Partial<Record<Channel, Delivery>>): Date | undefined {
  let next: Date | undefined;
  for (const delivery of Object.values(deliveries)) {
    const at =
      delivery.status === 'pending'
        ? delivery.dueAt
        : delivery.status === 'sending'
          ? (delivery.claim?.until ?? delivery.dueAt)
          : undefined;
    if (at && (!next || at.getTime() < next.getTime())) next = at;
  }
  return next;
}

/** The times kept per channel for the limits: only those still inside the window. */
export function rememberSend(recent: readonly Date[], now: Date, windowMs: number): Date[] {
  const since = now.getTime() - windowMs;
  return [...recent.filter((at) => at.getTime() > since), now];
}
