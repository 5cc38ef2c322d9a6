/*
 * The sender on the real database and a real SMTP server (the mail catcher, Mailpit, read through its API):
 * one message per person and notice in the person's language, crashes at each step of a delivery, refused sends
 * retried and then listed for admins, preferences, the daily summary, quiet hours and limits.
 */
import { launcherPaths, type MailCatcher, startMailCatcher } from '@zhas/launcher';
import { type Language } from '@zhas/kz';
import { dropTestDatabase, Mailbox, testDatabase, testLogger } from '@zhas/testing';
import { type Connection } from 'mongoose';
import { loggingSmsChannel, smtpEmailChannel } from './channels';
import { defaultPolicy } from './delivery';
import { Notifications } from './notifications';
import { type Contact } from './sender';

let catcher: MailCatcher;
let mailbox: Mailbox;
let connection: Connection;
const clock = { now: new Date('2026-12-07T06:00:00Z') }; // 11:00 in Almaty
const advance = (ms: number) => {
  clock.now = new Date(clock.now.getTime() + ms);
};
const contacts = new Map<string, Contact>();
const sms = loggingSmsChannel(testLogger());

class Crash extends Error {}

function notifications(faults?: ConstructorParameters<typeof Notifications>[0]['sender']) {
  return new Notifications({
    db: connection.db!,
    directory: { contactOf: (id) => Promise.resolve(contacts.get(id)) },
    email: smtpEmailChannel({ url: catcher.smtpUrl, from: 'Zhas Project <no-reply@zhas.test>' }),
    sms,
    policy: defaultPolicy,
    service: 'applications',
    portalUrl: 'http://portal.zhas.test',
    tokenSecret: 'a-test-secret-of-thirty-two-characters-at-least',
    logger: testLogger(),
    now: () => clock.now,
    sender: { claimTtlMs: 60_000, ...faults },
  });
}

let people = 0;
function person(language: Language, contact: Partial<Contact> = {}): string {
  people += 1;
  const id = `p-test-${people}`;
  contacts.set(id, {
    email: `person${people}@mail.zhas.test`,
    phone: `+7701000${String(people).padStart(4, '0')}`,
    name: `Person ${people}`,
    language,
    ...contact,
  });
  return id;
}

const checkPassed = (n: number) =>
  ({
    template: 'check-passed',
    params: { registrationNumber: `ZHAS-2026-AKM-${String(n).padStart(6, '0')}` },
  }) as const;

async function messagesTo(address: string) {
  return (await mailbox.messages()).filter((message) => message.to.includes(address));
}

beforeAll(async () => {
  catcher = await startMailCatcher({ paths: launcherPaths() });
  mailbox = new Mailbox(catcher.webUrl);
  connection = await testDatabase('notifications');
  await notifications().ensureIndexes();
}, 600_000);

afterAll(async () => {
  await dropTestDatabase(connection);
  await catcher.stop();
});

describe('the notification sender', () => {
  it('sends each person one e-mail and one SMS per notice, in their language, however often it is recorded', async () => {
    const service = notifications();
    const kk = person('kk');
    const ru = person('ru');
    const en = person('en');
    const smsBefore = sms.sent.length;
    for (let repeat = 0; repeat < 3; repeat += 1) {
      await service.notify([kk, ru, en, kk], checkPassed(1), { key: 'check:b-1:1', causationId: 'evt-1' });
    }
    await service.sender.drain();

    const subjects = await Promise.all(
      [kk, ru, en].map(async (id) =>
        (await messagesTo(contacts.get(id)!.email!)).map((message) => message.subject),
      ),
    );
    expect(subjects).toEqual([
      ['ZHAS-2026-AKM-000001 өтінімі техникалық тексеруден өтті'],
      ['Заявка ZHAS-2026-AKM-000001 прошла техническую проверку'],
      ['Bid ZHAS-2026-AKM-000001 passed the technical check'],
    ]);
    expect(sms.sent.length - smsBefore).toBe(3);

    const [message] = await messagesTo(contacts.get(ru)!.email!);
    const text = await mailbox.text(message!.id);
    expect(text).toContain(`Здравствуйте, ${contacts.get(ru)!.name}!`);
    expect(text).toMatch(
      /Отписаться от писем: http:\/\/portal\.zhas\.test\/opt-out\?service=applications&token=/,
    );
    expect((await mailbox.headers(message!.id))['List-Unsubscribe']?.[0]).toMatch(
      /^<http:\/\/portal\.zhas\.test\/opt-out/,
    );

    const inbox = await service.inbox(kk, 'en', { limit: 10 });
    expect(inbox).toMatchObject({
      unread: 1,
      items: [{ title: 'Bid ZHAS-2026-AKM-000001 passed the technical check', read: false }],
    });
    expect(await service.markRead(kk, inbox.items[0]!.id)).toBe(true);
    expect(await service.unreadCount(kk)).toBe(0);
  });

  it('loses and doubles nothing when a sender dies after a claim or after the server accepted a message', async () => {
    const recipients = Array.from({ length: 6 }, () => person('ru'));
    const setup = notifications();
    await setup.notify(recipients, checkPassed(2), { key: 'check:b-2:1', causationId: 'evt-2' });
    const before = await mailbox.stats();

    // The first sender dies twice: once with a claim taken and nothing sent, once right after the server accepted.
    let emails = 0;
    const dying = notifications({
      faults: {
        afterClaim: (_id, channel) => {
          if (channel === 'email' && ++emails === 2) throw new Crash('killed after the claim');
        },
        afterSend: (_id, channel) => {
          if (channel === 'email' && emails === 4) throw new Crash('killed after the send');
        },
      },
    });
    await expect(dying.sender.drain()).rejects.toThrow(Crash);
    await expect(dying.sender.drain()).rejects.toThrow(Crash);

    // Another process starts; the dead one's claims expire and are taken over.
    advance(61_000);
    await notifications().sender.drain();

    for (const id of recipients) expect(await messagesTo(contacts.get(id)!.email!)).toHaveLength(1);
    const after = await mailbox.stats();
    // Seven SMTP transactions for six people: the one cut off after the server's answer went again with its
    // Message-ID, and the mailbox dropped the copy (counted as ignored, not accepted).
    expect(after.accepted - before.accepted).toBe(6);
    expect(after.ignored - before.ignored).toBe(1);
    const doc = await setup.store.notices.find({ key: 'check:b-2:1' }).toArray();
    expect(doc.map((notice) => (notice.deliveries as { email: { status: string } }).email.status)).toEqual(
      Array(6).fill('sent'),
    );
  });

  it('retries a refused send with backoff, then lists it for admins, and an admin retry sends it', async () => {
    const service = notifications();
    const id = person('en');
    await mailbox.refuseRecipients(451);
    try {
      await service.notify([id], checkPassed(3), { key: 'check:b-3:1', causationId: 'evt-3' });
      const waits: number[] = [];
      for (let attempt = 1; attempt <= defaultPolicy.maxAttempts; attempt += 1) {
        await service.sender.drain();
        const [doc] = await service.store.notices.find({ key: 'check:b-3:1' }).toArray();
        const email = (doc!.deliveries as { email: { status: string; attempts: number; dueAt: Date } }).email;
        expect(email.attempts).toBe(attempt);
        if (email.status === 'pending') {
          waits.push((email.dueAt.getTime() - clock.now.getTime()) / 60_000);
          clock.now = email.dueAt;
        } else {
          expect(email.status).toBe('failed');
        }
      }
      expect(waits).toEqual([1, 5, 30, 120, 360]);
      const [failure] = await service.failures(10);
      expect(failure).toMatchObject({ channel: 'email', template: 'check-passed', attempts: 6 });
      expect(failure!.lastError).toMatch(/451/);
      expect(failure!.lastError).not.toContain(contacts.get(id)!.email!);
    } finally {
      await mailbox.refuseRecipients(0);
    }
    expect(await messagesTo(contacts.get(id)!.email!)).toHaveLength(0);
    const [failure] = await service.failures(10);
    expect(await service.retryFailure(failure!._id)).toBe(true);
    await service.sender.drain();
    expect(await messagesTo(contacts.get(id)!.email!)).toHaveLength(1);
    expect(await service.failures(10)).toHaveLength(0);
  });

  it('honours an opt-out link and a person without an address, and sends nothing on that channel', async () => {
    const service = notifications();
    const optedOut = person('kk');
    const noEmail = person('ru', { email: undefined });
    const token = new URL(service.optOutUrl(optedOut, 'email')).searchParams.get('token')!;
    expect(await service.optOut(token)).toEqual({ channel: 'email' });
    expect(await service.optOut(`${token}x`)).toBeUndefined();
    const smsBefore = sms.sent.length;
    await service.notify([optedOut, noEmail], checkPassed(4), { key: 'check:b-4:1', causationId: 'evt-4' });
    await service.sender.drain();
    expect(await messagesTo(contacts.get(optedOut)!.email!)).toHaveLength(0);
    expect(sms.sent.length - smsBefore).toBe(2);
    const docs = await service.store.notices.find({ key: 'check:b-4:1' }).toArray();
    const reasons = docs
      .map((doc) => (doc.deliveries as { email: { skipReason: string } }).email.skipReason)
      .sort();
    expect(reasons).toEqual(['no-address', 'opted-out']);
    expect((await service.preferences(optedOut)).preferences.email).toBe(false);
  });

  it('gathers the notices of a person who chose a daily summary into one e-mail at 09:00', async () => {
    const service = notifications();
    const id = person('en');
    const current = await service.preferences(id);
    await service.setPreferences(id, { email: true, sms: false, mode: 'daily-digest' }, current.version);
    for (const n of [5, 6, 7]) {
      await service.notify([id], checkPassed(n), { key: `check:b-${n}:1`, causationId: `evt-${n}` });
    }
    await service.sender.drain();
    expect(await messagesTo(contacts.get(id)!.email!)).toHaveLength(0);

    clock.now = new Date('2026-12-09T04:00:00Z'); // 09:00 in Almaty
    await service.sender.drain();
    await service.sender.drain();
    const [summary, ...more] = await messagesTo(contacts.get(id)!.email!);
    expect(more).toHaveLength(0);
    expect(summary!.subject).toBe('Your Zhas notifications (3)');
    const text = await mailbox.text(summary!.id);
    for (const n of [5, 6, 7])
      expect(text).toContain(`Bid ZHAS-2026-AKM-00000${n} passed the technical check`);
    // The list in the portal still has each notice.
    expect((await service.inbox(id, 'en', { limit: 10 })).items).toHaveLength(3);
  });

  it('holds SMS during the quiet hours and puts the fourth SMS of a day into the summary', async () => {
    const service = notifications();
    const id = person('kk', { email: undefined });
    clock.now = new Date('2026-12-10T17:00:00Z'); // 22:00 in Almaty
    const smsBefore = sms.sent.length;
    await service.notify([id], checkPassed(8), { key: 'check:b-8:1', causationId: 'evt-8' });
    await service.sender.drain();
    expect(sms.sent.length - smsBefore).toBe(0);

    clock.now = new Date('2026-12-11T04:00:00Z'); // 09:00
    await service.sender.drain();
    expect(sms.sent.length - smsBefore).toBe(1);
    for (const n of [9, 10, 11]) {
      await service.notify([id], checkPassed(n), { key: `check:b-${n}:1`, causationId: `evt-${n}` });
      await service.sender.drain();
    }
    expect(sms.sent.length - smsBefore).toBe(3);
    const [held] = await service.store.notices.find({ key: 'check:b-11:1' }).toArray();
    expect((held!.deliveries as { sms: { status: string } }).sms.status).toBe('digest');
    expect((await service.store.recipient(id))!.digest).toEqual([held!._id]);
  });
});
