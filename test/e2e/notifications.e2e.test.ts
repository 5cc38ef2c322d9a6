/*
 * Notifications through a seeded round, on the real broker, the real database and a real SMTP server (the mail
 * catcher, read through its API): competitions publishes the round, applications runs two teams to the lottery,
 * tracking pays the winners. Every change that matters to a young person must reach them once, by e-mail in
 * their language; a sender that dies in the middle of the lottery's batch, and every event delivered a second
 * time, lose and double nothing; no phone number, e-mail address or name reaches any Kafka topic.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as applications from '@zhas/applications';
import * as competitions from '@zhas/competitions';
import {
  type AnyZhasEvent,
  deadLetterTopic,
  parseEvent,
  personalDataFindings,
  sampleRound2019,
  type Service,
  topicFor,
} from '@zhas/contracts';
import { type Language, makeIin } from '@zhas/kz';
import { launcherPaths, type MailCatcher, startMailCatcher } from '@zhas/launcher';
import { readTopic } from '@zhas/messaging';
import { type Notice, renderContent } from '@zhas/notifications';
import { startServiceForTest, type TokenClaims } from '@zhas/service-kit/testing';
import { Mailbox, testLogger, uniqueName } from '@zhas/testing';
import * as tracking from '@zhas/tracking';
import { call, settle as settleAll, type Started } from './platform';

const clock = { now: new Date('2019-01-10T05:00:00.000Z') };
const at = (instant: string) => {
  clock.now = new Date(instant);
};

const { roundId: _r, rulesVersion: _v, publishedAt: _p, ...sample } = sampleRound2019();
const round = {
  ...sample,
  regions: ['akmola'],
  rules: { ...sample.rules, regionQuotas: [{ region: 'akmola', hostOrganizationSeats: 1, projectQuota: 1 }] },
};

interface Person {
  readonly key: string;
  readonly language: Language;
  readonly birthDate: string;
  readonly sex: 'female' | 'male';
}
const teamA: Person[] = [
  { key: 'aigerim', language: 'kk', birthDate: '2000-02-10', sex: 'female' },
  { key: 'daniyar', language: 'ru', birthDate: '1998-06-01', sex: 'male' },
  { key: 'madina', language: 'en', birthDate: '2003-09-15', sex: 'female' },
];
const teamB: Person[] = [
  { key: 'arman', language: 'ru', birthDate: '1999-07-07', sex: 'male' },
  { key: 'dana', language: 'kk', birthDate: '2000-12-12', sex: 'female' },
  { key: 'timur', language: 'en', birthDate: '1996-03-03', sex: 'male' },
];

const content = (amountKzt: number) => ({
  title: 'Clean river banks',
  problem: 'Litter along the river harms the village.',
  goal: 'Clean and keep clean two kilometres of river bank.',
  beneficiaries: 'Villagers and school children.',
  plannedBeneficiaries: 300,
  activities: [
    { month: 1, description: 'Survey and plan' },
    { month: 2, description: 'Clean-up days' },
  ],
  budgetLines: [{ category: 'materials', amountKzt, note: '' }],
  requestedAmountKzt: amountKzt,
  durationMonths: 6,
  nonCommercialDeclared: true,
});
const rubric = (score: number) => ({
  criteria: round.rules.bidReviewCriteria.map(({ code }) => ({ code, score, comment: 'Read in full' })),
});

const topicPrefix = uniqueName('notify');
let keyDir: string;
let catcher: MailCatcher;
let mailbox: Mailbox;
let svc: { competitions: Started; applications: Started; tracking: Started };
const consumes: [keyof typeof svc, Service[]][] = [
  ['applications', ['competitions', 'applications', 'tracking']],
  ['tracking', ['competitions', 'applications']],
];
let idem = 0;
const key = () => ({ 'Idempotency-Key': `notify-key-${String((idem += 1)).padStart(6, '0')}` });
const token = (claims: TokenClaims) => svc.competitions.token(claims);

const settle = () => settleAll(svc, consumes, topicPrefix);

/**
 * The applications service records notices but sends nothing itself here (NOTIFY_SENDER=off): the test runs its
 * senders, built by the same code over the same database, so that it can make one of them die.
 */
class Crash extends Error {}
function sender(faults?: { afterSend?: (id: string, channel: string) => void }) {
  return applications.applicationsNotifications({
    db: svc.applications.service.deps.mongo.db!,
    config: svc.applications.service.deps.config as applications.Config,
    logger: testLogger(),
    now: () => clock.now,
    sender: { claimTtlMs: 60_000, ...(faults ? { faults } : {}) },
  });
}
async function sendAll(): Promise<void> {
  await settle();
  await sender().sender.drain();
}

beforeAll(async () => {
  catcher = await startMailCatcher({ paths: launcherPaths() });
  mailbox = new Mailbox(catcher.webUrl);
  keyDir = await mkdtemp(path.join(tmpdir(), 'zhas-notify-keys-'));
  const options = { topicPrefix, keyDir, now: () => clock.now };
  svc = {
    competitions: await startServiceForTest(competitions, options),
    applications: await startServiceForTest(applications, {
      ...options,
      env: {
        NOTIFY_SMTP_URL: catcher.smtpUrl,
        NOTIFY_SENDER: 'off',
        NOTIFY_PORTAL_URL: 'https://portal.zhas.test',
      },
    }),
    tracking: await startServiceForTest(tracking, options),
  };
}, 600_000);

afterAll(async () => {
  if (svc) for (const service of Object.values(svc).reverse()) await service.stop();
  if (keyDir) await rm(keyDir, { recursive: true, force: true });
  await catcher?.stop();
});

describe('notifications through a round', () => {
  let coordinator: string;
  let roundId: string;
  const youth: Record<
    string,
    { participantId: string; token: string; email: string; phone: string; name: string }
  > = {};
  const bids: Record<'A' | 'B', { bidId: string; registrationNumber: string; teamId: string }> = {
    A: { bidId: '', registrationNumber: '', teamId: '' },
    B: { bidId: '', registrationNumber: '', teamId: '' },
  };
  /** What each person must have received, in order: notices rendered in their language. */
  const expected: Record<string, Notice[]> = {};
  const expect_ = (people: readonly Person[], notice: Notice) => {
    for (const person of people) (expected[person.key] ??= []).push(notice);
  };
  let winnerTeam: 'A' | 'B' = 'A';
  const leaderToken = (team: 'A' | 'B') => youth[(team === 'A' ? teamA : teamB)[0]!.key]!.token;

  async function mailOf(person: Person): Promise<string[]> {
    const email = youth[person.key]!.email;
    return (await mailbox.messages())
      .filter((message) => message.to.includes(email))
      .map((message) => message.subject);
  }
  async function expectMailboxes(): Promise<void> {
    for (const person of [...teamA, ...teamB]) {
      const subjects = (expected[person.key] ?? []).map(
        (notice) => renderContent(notice, person.language).subject,
      );
      expect({ person: person.key, subjects: await mailOf(person) }).toEqual({
        person: person.key,
        subjects,
      });
    }
  }

  it('publishes the round and registers six young people with their contact language', async () => {
    coordinator = await token({ roles: ['coordinator'], subject: 'coordinator-1' });
    const created = await call<{ roundId: string; version: number }>(svc.competitions, 'POST', '/rounds', {
      token: coordinator,
      headers: key(),
      body: round,
    });
    roundId = created.roundId;
    await call(svc.competitions, 'POST', `/rounds/${roundId}/publish`, {
      token: coordinator,
      headers: key(),
      body: { version: created.version },
    });
    await settle();

    at('2019-03-10T06:00:00.000Z');
    let serial = 0;
    for (const person of [...teamA, ...teamB]) {
      serial += 10;
      const subject = `youth-${person.key}`;
      const name = `${person.key[0]!.toUpperCase()}${person.key.slice(1)} Testova`;
      const body = {
        iin: makeIin({ birthDate: person.birthDate, sex: person.sex, serial }),
        fullName: name,
        phone: `+7 701 555 ${String(10 + serial).padStart(4, '0')}`,
        email: `${person.key}@mail.zhas.test`,
        contactLanguage: person.language,
        region: 'akmola',
        settlement: 'rural',
        educationLevel: 'higher',
        neet: false,
        vulnerability: [],
        consents: {
          'programme-participation': true,
          'monitoring-evaluation': true,
          'follow-up-survey': true,
          publicity: false,
        },
      };
      const registered = await call<{ participantId: string }>(
        svc.applications,
        'POST',
        '/participants',
        { token: await token({ roles: ['applicant'], subject }), body },
        201,
      );
      youth[person.key] = {
        participantId: registered.participantId,
        token: await token({ roles: ['applicant'], subject, participantId: registered.participantId }),
        email: body.email,
        phone: body.phone,
        name,
      };
    }
    expect_([...teamA, ...teamB], { template: 'welcome', params: {} });
    await sendAll();
    await expectMailboxes();
  });

  it('invites members, who are told; saving a draft tells the others, once an hour however often it saves', async () => {
    for (const [team, people] of [
      ['A', teamA],
      ['B', teamB],
    ] as const) {
      const [leader, ...members] = people.map((person) => youth[person.key]!);
      const created = await call<{ teamId: string }>(
        svc.applications,
        'POST',
        '/teams',
        { token: leader!.token, body: { roundId, region: 'akmola', hostOrganizationId: null } },
        201,
      );
      bids[team].teamId = created.teamId;
      for (const member of members) {
        await call(svc.applications, 'POST', `/teams/${created.teamId}/invitations`, {
          token: leader!.token,
          body: { participantId: member.participantId },
        });
        await call(
          svc.applications,
          'POST',
          `/teams/${created.teamId}/invitations/${member.participantId}/accept`,
          {
            token: member.token,
          },
        );
      }
      expect_(people.slice(1), { template: 'team-invitation', params: { teamId: created.teamId } });
      await call(svc.applications, 'POST', `/teams/${created.teamId}/form`, { token: leader!.token });
    }
    await sendAll();
    await expectMailboxes();

    at('2019-03-12T06:00:00.000Z');
    for (const [team, people, amount] of [
      ['A', teamA, 750_000],
      ['B', teamB, 1_200_000],
    ] as const) {
      const bid = await call<{ bidId: string; registrationNumber: string; version: number }>(
        svc.applications,
        'POST',
        '/bids',
        { token: leaderToken(team), body: { teamId: bids[team].teamId, content: content(amount) } },
        201,
      );
      bids[team] = { ...bids[team], bidId: bid.bidId, registrationNumber: bid.registrationNumber };
      let version = bid.version;
      // Three autosaves within the hour: one notice for each other member.
      for (let save = 0; save < 3; save += 1) {
        version = (
          await call<{ version: number }>(svc.applications, 'PUT', `/bids/${bid.bidId}/draft`, {
            token: leaderToken(team),
            body: { version, content: content(amount) },
          })
        ).version;
      }
      expect_(people.slice(1), {
        template: 'bid-saved',
        params: { registrationNumber: bid.registrationNumber },
      });
    }
    await sendAll();
    await expectMailboxes();
  });

  it('tells each member the technical check, with the reasons when it fails', async () => {
    at('2019-03-13T06:00:00.000Z');
    const submitted = await call<{ status: string }>(
      svc.applications,
      'POST',
      `/bids/${bids.A.bidId}/submit`,
      {
        token: leaderToken('A'),
        headers: key(),
      },
    );
    expect(submitted.status).toBe('in-review');
    expect_(teamA, { template: 'check-passed', params: { registrationNumber: bids.A.registrationNumber } });

    const failed = await call<{ status: string; version: number }>(
      svc.applications,
      'POST',
      `/bids/${bids.B.bidId}/submit`,
      { token: leaderToken('B'), headers: key() },
    );
    expect(failed.status).toBe('check-failed');
    expect_(teamB, {
      template: 'check-failed',
      params: { registrationNumber: bids.B.registrationNumber, reasons: ['budget-exceeds-ceiling'] },
    });
    await sendAll();
    await expectMailboxes();

    // The amendment is saved within the same hour as the earlier saves of the day after: a new notice of it.
    at('2019-03-14T06:00:00.000Z');
    await call(svc.applications, 'PUT', `/bids/${bids.B.bidId}/draft`, {
      token: leaderToken('B'),
      body: { version: failed.version, content: content(900_000) },
    });
    expect_(teamB.slice(1), {
      template: 'bid-saved',
      params: { registrationNumber: bids.B.registrationNumber },
    });
    await call(svc.applications, 'POST', `/bids/${bids.B.bidId}/submit`, {
      token: leaderToken('B'),
      headers: key(),
    });
    expect_(teamB, { template: 'check-passed', params: { registrationNumber: bids.B.registrationNumber } });
    await sendAll();
    await expectMailboxes();
  });

  it('tells the review outcome, then each person the lottery result once, though a sender dies mid-batch', async () => {
    at('2019-04-20T06:00:00.000Z');
    const committee = await token({ roles: ['committee'], subject: 'committee-akmola', regions: ['akmola'] });
    for (const [team, score] of [
      ['A', 82],
      ['B', 75],
    ] as const) {
      await call(
        svc.applications,
        'POST',
        `/bids/${bids[team].bidId}/reviews`,
        { token: committee, body: rubric(score) },
        201,
      );
      await call(svc.applications, 'POST', `/bids/${bids[team].bidId}/qualification`, { token: coordinator });
      expect_(team === 'A' ? teamA : teamB, {
        template: 'review-outcome',
        params: { registrationNumber: bids[team].registrationNumber, qualified: true, averageScore: score },
      });
    }
    await sendAll();
    await expectMailboxes();

    at('2019-05-01T06:00:00.000Z');
    const drawn = await call<{ lottery: { winnerBidIds: string[] } }>(
      svc.applications,
      'POST',
      `/rounds/${roundId}/regions/akmola/lottery`,
      { token: coordinator, headers: key(), body: { seed: 'a1'.repeat(16) } },
      201,
    );
    const winner = drawn.lottery.winnerBidIds[0] === bids.A.bidId ? 'A' : 'B';
    const loser = winner === 'A' ? 'B' : 'A';
    const people = (team: 'A' | 'B') => (team === 'A' ? teamA : teamB);
    expect_(people(winner), {
      template: 'bid-outcome',
      params: {
        registrationNumber: bids[winner].registrationNumber,
        awarded: true,
        amountKzt: winner === 'A' ? 750_000 : 900_000,
      },
    });
    expect_(people(loser), {
      template: 'bid-outcome',
      params: {
        registrationNumber: bids[loser].registrationNumber,
        awarded: false,
        reason: 'not-drawn-in-lottery',
      },
    });
    await settle();

    // The first sender dies right after the server accepted the third e-mail of the batch, before recording it.
    const before = await mailbox.stats();
    let emails = 0;
    const dying = sender({
      afterSend: (_id, channel) => {
        if (channel === 'email' && ++emails === 3) throw new Crash('the sender process died');
      },
    });
    await expect(dying.sender.drain()).rejects.toThrow(Crash);
    // Another process takes over once the dead one's claim has expired.
    at('2019-05-01T06:02:00.000Z');
    await sender().sender.drain();
    await expectMailboxes();
    const after = await mailbox.stats();
    expect(after.accepted - before.accepted).toBe(6);
    expect(after.ignored - before.ignored).toBe(1);
    winnerTeam = winner;
  });

  it('tells the winners of the agreement, the tranche, the report and each stipend paid or withheld', async () => {
    const team = winnerTeam === 'A' ? teamA : teamB;
    const projectId = `prj-${bids[winnerTeam].bidId}`;
    at('2019-05-20T06:00:00.000Z');
    const signed = await call<{ agreement: { agreementId: string; tranches: { amountKzt: number }[] } }>(
      svc.tracking,
      'POST',
      `/projects/${projectId}/agreement`,
      { token: coordinator, headers: key(), body: { signedOn: '2019-05-20', startsOn: '2019-06-01' } },
      201,
    );
    const grant = signed.agreement.tranches.reduce((sum, tranche) => sum + tranche.amountKzt, 0);
    expect_(team, {
      template: 'agreement-signed',
      params: { amountKzt: grant, startsOn: '2019-06-01', endsOn: '2019-11-30' },
    });
    await call(svc.tracking, 'POST', `/tranches/trn-${bids[winnerTeam].bidId}:1/disburse`, {
      token: coordinator,
      headers: key(),
      body: { disbursedOn: '2019-05-25' },
    });
    expect_(team, {
      template: 'tranche-disbursed',
      params: {
        trancheNumber: 1,
        amountKzt: signed.agreement.tranches[0]!.amountKzt,
        disbursedOn: '2019-05-25',
      },
    });
    await sendAll();
    await expectMailboxes();

    at('2019-07-03T06:00:00.000Z');
    const absent = team[2]!;
    const report = await call<{ reportId: string; version: number }>(
      svc.tracking,
      'POST',
      `/projects/${projectId}/reports/1`,
      {
        token: youth[team[0]!.key]!.token,
        headers: key(),
        body: {
          activitiesHeld: 3,
          activities: ['Clean-up day', 'Workshop at school'],
          beneficiaries: [{ sex: 'female', ageBand: '14-17', count: 10 }],
          expenses: [{ category: 'materials', amountKzt: 100_000 }],
          members: team.map((person) => ({
            participantId: youth[person.key]!.participantId,
            mentorSessionAttended: person !== absent,
            trainingCompleted: true,
            surveyCompleted: true,
          })),
        },
      },
      201,
    );
    await call(svc.tracking, 'POST', `/reports/${report.reportId}/accept`, {
      token: coordinator,
      body: { version: report.version },
    });
    expect_(team, { template: 'report-accepted', params: { projectMonth: 1, kind: 'monthly' } });
    expect_([absent], {
      template: 'stipend-withheld',
      params: { projectMonth: 1, reasons: ['mentor-session-missed'] },
    });
    await settle();

    at('2019-07-10T06:00:00.000Z');
    const payable = await call<{ items: { stipendId: string; amountKzt: number; participantId: string }[] }>(
      svc.tracking,
      'GET',
      `/stipends?projectId=${projectId}&status=payable`,
      { token: coordinator },
    );
    expect(payable.items).toHaveLength(2);
    for (const stipend of payable.items) {
      await call(svc.tracking, 'POST', `/stipends/${stipend.stipendId}/pay`, {
        token: coordinator,
        headers: key(),
        body: { paidOn: '2019-07-10' },
      });
      const person = team.find((candidate) => youth[candidate.key]!.participantId === stipend.participantId)!;
      expect_([person], {
        template: 'stipend-paid',
        params: { projectMonth: 1, amountKzt: stipend.amountKzt, paidOn: '2019-07-10' },
      });
    }
    await sendAll();
    await expectMailboxes();
  });

  it('adds nothing when every event is delivered a second time', async () => {
    const before = await mailbox.stats();
    const again: AnyZhasEvent[] = [];
    for (const service of ['applications', 'tracking'] as const) {
      for (const message of await readTopic(
        svc.applications.service.deps.kafka,
        topicFor(service, topicPrefix),
      )) {
        const parsed = parseEvent(JSON.parse(message.value ?? 'null'));
        if (parsed.kind === 'event') again.push(parsed.event);
      }
    }
    expect(again.length).toBeGreaterThan(30);
    await svc.applications.deliver(...again);
    at('2019-07-11T06:00:00.000Z');
    await sender().sender.drain();
    await expectMailboxes();
    expect((await mailbox.stats()).accepted).toBe(before.accepted);
  });

  it('puts no phone number, e-mail address or name on any topic', async () => {
    const secrets = Object.values(youth).flatMap((person) => [
      person.email,
      person.name,
      person.phone,
      person.phone.replace(/\D/g, ''),
    ]);
    let scanned = 0;
    for (const service of ['competitions', 'applications', 'tracking'] as const) {
      for (const topic of [topicFor(service, topicPrefix), deadLetterTopic(service, topicPrefix)]) {
        for (const message of await readTopic(svc.applications.service.deps.kafka, topic)) {
          scanned += 1;
          const text = `${message.value ?? ''}\n${JSON.stringify(message.headers)}`;
          for (const secret of secrets)
            expect({ topic, found: text.includes(secret) }).toEqual({ topic, found: false });
          const value = JSON.parse(message.value ?? 'null') as unknown;
          expect(personalDataFindings(value)).toEqual([]);
        }
      }
    }
    expect(scanned).toBeGreaterThan(30);
  });
});
