import {
  afterFailure,
  afterQuietHours,
  decideSend,
  defaultPolicy,
  defaultPreferences,
  isDue,
  isQuiet,
  nextDigestAt,
  nextDueAt,
  planDeliveries,
  rememberSend,
} from './delivery';

// 2026: Kazakhstan is on UTC+5. 15:00Z is 20:00 in Almaty, 16:00Z is 21:00.
const evening = new Date('2026-12-07T15:00:00Z');
const night = new Date('2026-12-07T16:30:00Z');
const earlyMorning = new Date('2026-12-08T02:00:00Z'); // 07:00 in Almaty
const policy = defaultPolicy;

describe('quiet hours for SMS (Kazakhstan time)', () => {
  it('are from 21:00 to 09:00', () => {
    expect(isQuiet(evening, policy.quietHours)).toBe(false);
    expect(isQuiet(night, policy.quietHours)).toBe(true);
    expect(isQuiet(earlyMorning, policy.quietHours)).toBe(true);
    expect(isQuiet(new Date('2026-12-08T04:00:00Z'), policy.quietHours)).toBe(false);
  });

  it('move a message to 09:00 the next morning, or this morning after midnight', () => {
    expect(afterQuietHours(evening, policy.quietHours)).toEqual(evening);
    expect(afterQuietHours(night, policy.quietHours).toISOString()).toBe('2026-12-08T04:00:00.000Z');
    expect(afterQuietHours(earlyMorning, policy.quietHours).toISOString()).toBe('2026-12-08T04:00:00.000Z');
  });

  it('hold SMS, not e-mail, of a notice recorded at night', () => {
    const plan = planDeliveries(defaultPreferences, night, policy);
    expect(plan.email).toMatchObject({ status: 'pending', dueAt: night });
    expect(plan.sms).toMatchObject({ status: 'pending', dueAt: new Date('2026-12-08T04:00:00Z') });
  });
});

describe('planning the deliveries of a notice', () => {
  it('skips the channels the person turned off and keeps the rest for the summary in digest mode', () => {
    const plan = planDeliveries({ email: true, sms: false, mode: 'daily-digest' }, evening, policy);
    expect(plan.sms).toMatchObject({ status: 'skipped', skipReason: 'opted-out' });
    expect(plan.email).toMatchObject({ status: 'digest' });
  });

  it('sends the summary at 09:00 Kazakhstan time, today if still ahead, else tomorrow', () => {
    expect(nextDigestAt(earlyMorning, 9).toISOString()).toBe('2026-12-08T04:00:00.000Z');
    expect(nextDigestAt(evening, 9).toISOString()).toBe('2026-12-08T04:00:00.000Z');
    expect(nextDigestAt(new Date('2026-12-08T04:00:00Z'), 9).toISOString()).toBe('2026-12-09T04:00:00.000Z');
  });
});

describe('deciding at send time', () => {
  const base = {
    channel: 'email' as const,
    preferences: defaultPreferences,
    hasAddress: true,
    channelConfigured: true,
    recentSends: [],
    isDigest: false,
    now: evening,
    policy,
  };

  it('sends when nothing stands in the way', () => {
    expect(decideSend(base)).toEqual({ kind: 'send' });
  });

  it('honours an opt-out made after the notice was recorded', () => {
    expect(decideSend({ ...base, preferences: { ...defaultPreferences, email: false } })).toEqual({
      kind: 'skip',
      reason: 'opted-out',
    });
  });

  it('skips a person without an address for the channel, and a channel not configured', () => {
    expect(decideSend({ ...base, hasAddress: false })).toEqual({ kind: 'skip', reason: 'no-address' });
    expect(decideSend({ ...base, channelConfigured: false })).toEqual({
      kind: 'skip',
      reason: 'channel-off',
    });
  });

  it('waits with SMS until the quiet hours end, without counting an attempt', () => {
    expect(decideSend({ ...base, channel: 'sms', now: night })).toEqual({
      kind: 'wait',
      until: new Date('2026-12-08T04:00:00Z'),
    });
  });

  it('puts a message over the limit into the daily summary instead of sending it', () => {
    const recentSends = [1, 2, 3].map((hours) => new Date(evening.getTime() - hours * 3_600_000));
    expect(decideSend({ ...base, channel: 'sms', recentSends })).toEqual({ kind: 'digest' });
    // Sends older than the window do not count; a summary is never limited.
    expect(
      decideSend({
        ...base,
        channel: 'sms',
        recentSends: recentSends.map((at) => new Date(at.getTime() - 86_400_000)),
      }),
    ).toEqual({ kind: 'send' });
    expect(decideSend({ ...base, channel: 'sms', recentSends, isDigest: true })).toEqual({ kind: 'send' });
  });
});

describe('retries', () => {
  it('back off from a minute to six hours, then fail', () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => {
      const next = afterFailure(attempt, evening, policy);
      return next.status === 'pending' ? (next.dueAt.getTime() - evening.getTime()) / 60_000 : undefined;
    });
    expect(delays).toEqual([1, 5, 30, 120, 360]);
    expect(afterFailure(policy.maxAttempts, evening, policy)).toEqual({ status: 'failed' });
  });

  it('take over a delivery whose sender went away once its claim expired', () => {
    const claimed = {
      status: 'sending' as const,
      attempts: 1,
      dueAt: evening,
      claim: { owner: 'a', until: new Date(evening.getTime() + 60_000) },
    };
    expect(isDue(claimed, evening)).toBe(false);
    expect(isDue(claimed, new Date(evening.getTime() + 60_000))).toBe(true);
    expect(nextDueAt({ email: claimed, sms: { status: 'sent', attempts: 1, dueAt: evening } })).toEqual(
      claimed.claim.until,
    );
    expect(nextDueAt({ sms: { status: 'failed', attempts: 6, dueAt: evening } })).toBeUndefined();
  });

  it('keeps only the sends inside the window for the limits', () => {
    const old = new Date(evening.getTime() - 2 * 3_600_000);
    expect(rememberSend([old], evening, 3_600_000)).toEqual([evening]);
  });
});
