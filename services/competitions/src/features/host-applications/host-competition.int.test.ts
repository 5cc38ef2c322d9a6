import { personalDataFindings } from '@zhas/contracts';
import { makeBin } from '@zhas/kz';
import { startServiceForTest, type TestService } from '@zhas/service-kit/testing';
import { type Config } from '../../config';
import * as competitions from '../../index';
import { NewEvents } from '../../testing/new-events';
import { publishedRound } from '../../testing/published-round';
import { eligibleHostFacts } from '../../testing/sample-host-facts';
import { sampleRound } from '../../testing/sample-round';

// The host-organization competition end to end on the real database and broker: registration, applications in
// and out of the window, eligibility, committee scores with a conflict, withdrawal, the confirmed selection, the
// public list, and every event checked against the contracts (publishedEvents parses them) and for personal data.

const clock = { now: new Date('2019-01-10T05:00:00.000Z') };
let test: TestService<Config>;
let coordinator: string;
let roundId: string;
let topic: NewEvents;

const bin = (serial: number, registeredOn = '2010-03') =>
  makeBin({ registeredOn, entityType: 'resident-legal-entity', entityKind: 'head-office', serial });
let key = 0;
const idem = () => ({ 'Idempotency-Key': `key-${Date.now()}-${(key += 1)}` });

type Name = 'alpha' | 'beta' | 'gamma' | 'young' | 'leaving';

interface Application {
  hostApplicationId: string;
  version: number;
  status: string;
}

async function register(serial: number, name: string, registeredOn?: string) {
  const token = await test.token({ roles: ['host_org'], subject: `staff-${serial}` });
  const reply = await test.call<{ hostOrganizationId: string; bin: string }>('POST', '/organizations', {
    token,
    headers: idem(),
    body: { bin: bin(serial, registeredOn), name },
  });
  expect(reply.status).toBe(201);
  const staff = await test.token({ roles: ['host_org'], hostOrgId: reply.body.hostOrganizationId });
  return { id: reply.body.hostOrganizationId, staff };
}

async function apply(org: { id: string; staff: string }, region: string, facts: object = eligibleHostFacts) {
  const reply = await test.call<Application>('POST', `/rounds/${roundId}/host-applications`, {
    token: org.staff,
    body: { hostOrganizationId: org.id, region, facts },
  });
  expect(reply.status).toBe(201);
  return reply.body;
}

/** The organization's staff submit or withdraw its application, at the version they last read. */
async function act(action: 'submit' | 'withdraw', org: { staff: string }, application: Application) {
  return test.call<Application & { eligibility?: { reasons: string[] } }>(
    'POST',
    `/host-applications/${application.hostApplicationId}/${action}`,
    { token: org.staff, headers: idem(), body: { version: application.version } },
  );
}
const submit = (org: { staff: string }, application: Application) => act('submit', org, application);
const withdraw = (org: { staff: string }, application: Application) => act('withdraw', org, application);

const scores = (youth: number, presence: number, mentoring: number) => ({
  scores: [
    { code: 'youth-experience', score: youth },
    { code: 'regional-presence', score: presence },
    { code: 'mentoring-capacity', score: mentoring },
  ],
});

beforeAll(async () => {
  test = await startServiceForTest(competitions, { now: () => clock.now });
  topic = new NewEvents(test);
  coordinator = await test.token({ roles: ['coordinator'] });
  roundId = await publishedRound(test, coordinator);
  await topic.next(1);
});
afterAll(() => test.stop());

describe('the host-organization competition', () => {
  let alpha: { id: string; staff: string };
  let beta: { id: string; staff: string };
  let gamma: { id: string; staff: string };
  let young: { id: string; staff: string };
  let leaving: { id: string; staff: string };
  const applications = {} as Record<Name, Application>;

  it('registers organizations by BIN and keeps the BIN from others', async () => {
    alpha = await register(101, 'Alpha Youth Centre');
    beta = await register(202, 'Beta Volunteers');
    gamma = await register(303, 'Gamma Foundation');
    young = await register(404, 'Young NGO', '2017-06');
    leaving = await register(505, 'Leaving NGO');
    expect(alpha.id).toMatch(/^org-[0-9a-f-]{36}$/);

    const again = await test.call('POST', '/organizations', {
      token: await test.token({ roles: ['host_org'] }),
      headers: idem(),
      body: { bin: bin(101), name: 'Copy' },
    });
    expect(again).toMatchObject({ status: 409, body: { type: '/problems/organization-exists' } });
    expect(again.body).not.toHaveProperty('hostOrganizationId');

    const asCommittee = await test.call('GET', `/organizations/${alpha.id}`, {
      token: await test.token({ roles: ['committee'] }),
    });
    expect(asCommittee.status).toBe(200);
    expect(asCommittee.body).not.toHaveProperty('bin');
    const asStaff = await test.call('GET', `/organizations/${alpha.id}`, { token: alpha.staff });
    expect(asStaff.body).toMatchObject({ bin: bin(101), registeredOn: '2010-03' });
    const asOther = await test.call('GET', `/organizations/${alpha.id}`, { token: beta.staff });
    expect(asOther.status).toBe(403);
    // An individual entrepreneur's BIN is their IIN: a coordinator limited to regions sees the name only.
    const regional = await test.token({ roles: ['coordinator'], regions: ['akmola'] });
    const asRegional = await test.call('GET', `/organizations/${alpha.id}`, { token: regional });
    expect(asRegional.status).toBe(200);
    expect(asRegional.body).not.toHaveProperty('bin');
    const listed = await test.call<{ items: object[] }>('GET', '/organizations', { token: regional });
    expect(listed.status).toBe(200);
    for (const item of listed.body.items) expect(item).not.toHaveProperty('bin');
  });

  it('registers the organization an account was made for under the id the account names, once', async () => {
    const claimed = 'org-00000000-0000-4000-8000-0000000000aa';
    const staff = await test.token({ roles: ['host_org'], subject: 'staff-claimed', hostOrgId: claimed });
    const first = await test.call('POST', '/organizations', {
      token: staff,
      headers: idem(),
      body: { bin: bin(9606), name: 'Claimed Centre' },
    });
    expect(first).toMatchObject({ status: 201, body: { hostOrganizationId: claimed, bin: bin(9606) } });
    const second = await test.call('POST', '/organizations', {
      token: staff,
      headers: idem(),
      body: { bin: bin(9707), name: 'Another' },
    });
    expect(second).toMatchObject({ status: 403 });
    const read = await test.call('GET', `/organizations/${claimed}`, { token: staff });
    expect(read).toMatchObject({ status: 200, body: { name: 'Claimed Centre' } });
  });

  it('takes drafts but no submission before the window opens', async () => {
    applications.alpha = await apply(alpha, 'akmola');
    applications.beta = await apply(beta, 'akmola');
    applications.gamma = await apply(gamma, 'akmola', { ...eligibleHostFacts, capacityTeams: undefined });
    applications.young = await apply(young, 'akmola');
    applications.leaving = await apply(leaving, 'mangystau');

    const twice = await test.call('POST', `/rounds/${roundId}/host-applications`, {
      token: alpha.staff,
      body: { hostOrganizationId: alpha.id, region: 'mangystau' },
    });
    expect(twice).toMatchObject({
      status: 409,
      body: { type: '/problems/application-exists', hostApplicationId: applications.alpha.hostApplicationId },
    });
    const forOther = await test.call('POST', `/rounds/${roundId}/host-applications`, {
      token: beta.staff,
      body: { hostOrganizationId: alpha.id, region: 'akmola' },
    });
    expect(forOther.status).toBe(403);

    const early = await submit(alpha, applications.alpha);
    expect(early).toMatchObject({
      status: 409,
      body: { type: '/problems/outside-window', opensAt: '2019-01-14T04:00:00.000Z' },
    });
    expect(await topic.read()).toEqual([]);
  });

  it('submits within the window and decides eligibility with a reason for each failure', async () => {
    clock.now = new Date('2019-02-01T10:00:00.000Z');
    const submitted = await submit(alpha, applications.alpha);
    expect(submitted).toMatchObject({ status: 200, body: { status: 'eligible' } });
    applications.alpha = submitted.body;
    clock.now = new Date('2019-02-02T10:00:00.000Z');
    applications.beta = (await submit(beta, applications.beta)).body;
    clock.now = new Date('2019-02-03T10:00:00.000Z');
    const tooYoung = await submit(young, applications.young);
    expect(tooYoung.body).toMatchObject({
      status: 'ineligible',
      eligibility: { decision: 'ineligible', reasons: ['registered-too-recently'] },
    });
    applications.young = tooYoung.body;
    applications.leaving = (await submit(leaving, applications.leaving)).body;

    const incomplete = await submit(gamma, applications.gamma);
    expect(incomplete).toMatchObject({ status: 422, body: { type: '/problems/incomplete-application' } });
    const saved = await test.call<Application>(
      'PATCH',
      `/host-applications/${applications.gamma.hostApplicationId}`,
      {
        token: gamma.staff,
        body: { version: applications.gamma.version, facts: { capacityTeams: 3 } },
      },
    );
    expect(saved.status).toBe(200);
    const stale = await test.call('PATCH', `/host-applications/${applications.gamma.hostApplicationId}`, {
      token: gamma.staff,
      body: { version: applications.gamma.version, facts: { capacityTeams: 4 } },
    });
    expect(stale).toMatchObject({ status: 409, body: { type: '/problems/stale-version' } });
    clock.now = new Date('2019-02-02T09:00:00.000Z');
    applications.gamma = (await submit(gamma, saved.body)).body;
    expect(applications.gamma.status).toBe('eligible');

    const events = await topic.next(10);
    // per application in order: submitted, then eligibility decided
    expect(events.map((event) => `${event.subject} ${event.aggregateversion} ${event.type}`)).toEqual(
      expect.arrayContaining(
        (['alpha', 'beta', 'young', 'leaving'] as const).flatMap((name) => [
          `${applications[name].hostApplicationId} 2 competitions.host-application.submitted.v1`,
          `${applications[name].hostApplicationId} 3 competitions.host-application.eligibility-decided.v1`,
        ]),
      ),
    );
    expect(events).toHaveLength(10);
    const decided = events.find(
      (event) =>
        event.subject === applications.alpha.hostApplicationId &&
        event.type === 'competitions.host-application.eligibility-decided.v1',
    );
    expect(decided?.data).toEqual({
      hostApplicationId: applications.alpha.hostApplicationId,
      hostOrganizationId: alpha.id,
      roundId,
      region: 'akmola',
      decision: 'eligible',
      decidedAt: '2019-02-01T10:00:00.000Z',
    });
  });

  it('lets an organization withdraw before selection', async () => {
    const withdrawn = await withdraw(leaving, applications.leaving);
    expect(withdrawn).toMatchObject({ status: 200, body: { status: 'withdrawn' } });
    const events = await topic.next(1);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'competitions.host-application.withdrawn.v1',
        data: expect.objectContaining({ hostOrganizationId: leaving.id, region: 'mangystau' }) as unknown,
      }),
    ]);
  });

  it('refuses a submission after the window, with the deadline', async () => {
    clock.now = new Date('2019-02-16T00:00:00.000Z');
    const other = await register(606, 'Late NGO');
    // the draft was started in time
    clock.now = new Date('2019-02-15T11:00:00.000Z');
    const draft = await apply(other, 'akmola');
    clock.now = new Date('2019-02-16T00:00:00.000Z');
    const late = await submit(other, draft);
    expect(late).toMatchObject({
      status: 409,
      body: { type: '/problems/outside-window', deadline: '2019-02-15T12:00:00.000Z' },
    });
  });

  it('scores eligible applications by committee, with conflicts of interest', async () => {
    const member1 = await test.token({ roles: ['committee'], subject: 'member-1', regions: ['akmola'] });
    const member2 = await test.token({ roles: ['committee'], subject: 'member-2' });
    const outsider = await test.token({ roles: ['committee'], subject: 'member-3', regions: ['mangystau'] });
    const put = (token: string, name: Name, body: object) =>
      test.call<{ result?: { totalScore: number } }>(
        'PUT',
        `/host-applications/${applications[name].hostApplicationId}/scores/me`,
        { token, body },
      );

    expect((await put(member1, 'alpha', scores(80, 80, 80))).body.result?.totalScore).toBe(80);
    expect((await put(member2, 'alpha', scores(60, 60, 60))).body.result?.totalScore).toBe(70);
    expect((await put(member1, 'beta', scores(70, 70, 70))).status).toBe(200);
    expect((await put(member1, 'gamma', scores(70, 70, 70))).status).toBe(200);
    // member 2 declares a conflict on gamma and is then barred from scoring it
    const conflict = await test.call(
      'POST',
      `/host-applications/${applications.gamma.hostApplicationId}/conflicts`,
      {
        token: member2,
      },
    );
    expect(conflict).toMatchObject({ status: 200, body: { myConflictDeclared: true } });
    expect(await put(member2, 'gamma', scores(100, 100, 100))).toMatchObject({ status: 403 });
    expect((await put(outsider, 'alpha', scores(1, 1, 1))).status).toBe(404);
    expect((await put(member1, 'young', scores(1, 1, 1))).status).toBe(409);
    expect((await put(member1, 'alpha', { scores: [{ code: 'charm', score: 1 }] })).status).toBe(400);
    expect((await put(coordinator, 'alpha', scores(1, 1, 1))).status).toBe(403);
    const ownStaff = await test.token({ roles: ['committee', 'host_org'], hostOrgId: alpha.id });
    expect((await put(ownStaff, 'alpha', scores(100, 100, 100))).status).toBe(403);

    const events = await topic.next(5);
    // four scores, and gamma's total again with the abstention counted
    expect(events.map((event) => event.type)).toEqual(
      Array(5).fill('competitions.host-application.scored.v1'),
    );
    const gammaScores = events.filter((event) => event.subject === applications.gamma.hostApplicationId);
    expect(gammaScores.map((event) => event.data)).toEqual([
      expect.objectContaining({ totalScore: 70, scorerCount: 1, abstentionCount: 0 }),
      expect.objectContaining({ totalScore: 70, scorerCount: 1, abstentionCount: 1 }),
    ]);
    const alphaScores = events.filter((event) => event.subject === applications.alpha.hostApplicationId);
    expect(alphaScores.map((event) => event.data)).toEqual([
      expect.objectContaining({ totalScore: 80, scorerCount: 1, abstentionCount: 0 }),
      expect.objectContaining({ totalScore: 70, scorerCount: 2, abstentionCount: 0 }),
    ]);

    const asCoordinator = await test.call<{ scores: unknown[]; conflictCount: number }>(
      'GET',
      `/host-applications/${applications.gamma.hostApplicationId}`,
      { token: coordinator },
    );
    expect(asCoordinator.body).toMatchObject({
      conflictCount: 1,
      scores: [expect.objectContaining({ memberId: 'member-1' })],
    });
  });

  it('ranks by score, ties to the earlier submission, and confirms the selection', async () => {
    // beta and gamma both score 70; gamma was submitted first (02-02 09:00 against 10:00), so it takes the seat
    const ranking = await test.call<{
      outcomes: { hostApplicationId: string; outcome: string; rank?: number }[];
    }>('GET', `/rounds/${roundId}/regions/akmola/host-ranking`, { token: coordinator });
    expect(ranking.status).toBe(200);
    expect(ranking.body.outcomes.map((outcome) => [outcome.hostApplicationId, outcome.outcome])).toEqual([
      [applications.alpha.hostApplicationId, 'selected'],
      [applications.gamma.hostApplicationId, 'selected'],
      [applications.beta.hostApplicationId, 'rejected'],
      [applications.young.hostApplicationId, 'rejected'],
    ]);

    const early = await test.call('POST', `/rounds/${roundId}/regions/mangystau/host-selection`, {
      token: coordinator,
      headers: idem(),
    });
    expect(early.status).toBe(201); // mangystau: nobody left after the withdrawal, nothing to publish

    const confirmed = await test.call('POST', `/rounds/${roundId}/regions/akmola/host-selection`, {
      token: coordinator,
      headers: idem(),
    });
    expect(confirmed).toMatchObject({ status: 201, body: { confirmed: true, seats: 2 } });
    const events = await topic.next(4);
    const outcome = (name: Name) =>
      events.find((event) => event.subject === applications[name].hostApplicationId);
    expect(events).toHaveLength(4);
    expect(outcome('alpha')).toMatchObject({
      type: 'competitions.host-application.selected.v1',
      data: { rank: 1, totalScore: 70 },
    });
    expect(outcome('gamma')).toMatchObject({
      type: 'competitions.host-application.selected.v1',
      data: { rank: 2, totalScore: 70 },
    });
    expect(outcome('beta')).toMatchObject({
      type: 'competitions.host-application.rejected.v1',
      data: { reason: 'seats-filled' },
    });
    expect(outcome('young')).toMatchObject({
      type: 'competitions.host-application.rejected.v1',
      data: { reason: 'ineligible' },
    });

    const again = await test.call('POST', `/rounds/${roundId}/regions/akmola/host-selection`, {
      token: coordinator,
      headers: idem(),
    });
    expect(again.status).toBe(200);
    expect(await topic.read()).toEqual([]);
    const current = await test.call<Application>(
      'GET',
      `/host-applications/${applications.alpha.hostApplicationId}`,
      {
        token: alpha.staff,
      },
    );
    expect(current.body).toMatchObject({
      status: 'selected',
      outcome: { rank: 1 },
      result: { totalScore: 70 },
    });
    const withdrawLate = await withdraw(alpha, current.body);
    expect(withdrawLate).toMatchObject({ status: 409, body: { type: '/problems/selection-confirmed' } });
  });

  it('publishes the list of selected organizations without a token and without BINs', async () => {
    const list = await test.call<{ items: { name: string; rank: number; region: string }[] }>(
      'GET',
      `/rounds/${roundId}/selected-host-organizations`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        region: 'akmola',
        rank: 1,
        name: 'Alpha Youth Centre',
        hostOrganizationId: alpha.id,
      }),
      expect.objectContaining({ region: 'akmola', rank: 2, name: 'Gamma Foundation' }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(bin(101));
    const paged = await test.call<{ items: unknown[]; nextCursor: string }>(
      'GET',
      `/rounds/${roundId}/selected-host-organizations?limit=1`,
    );
    const next = await test.call<{ items: { rank: number }[]; nextCursor: null }>(
      'GET',
      `/rounds/${roundId}/selected-host-organizations?limit=1&cursor=${paged.body.nextCursor}`,
    );
    expect(next.body).toMatchObject({ items: [{ rank: 2 }], nextCursor: null });
  });

  it('lists applications by what each caller may see', async () => {
    const own = await test.call<{ items: { hostOrganizationId: string }[] }>(
      'GET',
      `/host-applications?roundId=${roundId}`,
      {
        token: alpha.staff,
      },
    );
    expect(own.body.items.map((item) => item.hostOrganizationId)).toEqual([alpha.id]);
    const selected = await test.call<{ items: unknown[] }>(
      'GET',
      `/host-applications?roundId=${roundId}&status=selected&region=akmola`,
      { token: coordinator },
    );
    expect(selected.body.items).toHaveLength(2);
    const scoped = await test.call<{ items: unknown[] }>('GET', `/host-applications?roundId=${roundId}`, {
      token: await test.token({ roles: ['viewer'], regions: ['mangystau'] }),
    });
    expect(scoped.body.items).toHaveLength(1); // the withdrawn one; drafts are not shown
    const firstPage = await test.call<{ items: unknown[]; nextCursor: string }>(
      'GET',
      `/host-applications?limit=2`,
      {
        token: coordinator,
      },
    );
    const secondPage = await test.call<{ items: unknown[] }>(
      'GET',
      `/host-applications?limit=10&cursor=${firstPage.body.nextCursor}`,
      { token: coordinator },
    );
    expect(firstPage.body.items.length + secondPage.body.items.length).toBe(6);
  });

  it('put no personal data on the topic', async () => {
    const messages = await test.publishedMessages();
    expect(messages.length).toBeGreaterThan(10);
    for (const message of messages)
      expect(personalDataFindings(JSON.parse(message.value ?? 'null'))).toEqual([]);
    expect(messages.some((message) => (message.value ?? '').includes(bin(101)))).toBe(false);
  });
});

describe('an interrupted confirmation', () => {
  it('is finished by confirming again, each outcome published once', async () => {
    clock.now = new Date('2019-03-01T00:00:00.000Z');
    roundId = await publishedRound(
      test,
      coordinator,
      sampleRound({
        year: 2020,
        hostApplicationWindow: { opensAt: '2020-01-10T00:00:00.000Z', closesAt: '2020-02-10T00:00:00.000Z' },
        youthApplicationWindow: { opensAt: '2020-03-01T00:00:00.000Z', closesAt: '2020-04-01T00:00:00.000Z' },
      }),
    );
    clock.now = new Date('2020-01-20T00:00:00.000Z');
    const one = await register(707, 'One NGO');
    const two = await register(808, 'Two NGO');
    const first = (await submit(one, await apply(one, 'mangystau'))).body;
    const second = (await submit(two, await apply(two, 'mangystau'))).body;
    const member = await test.token({ roles: ['committee'], subject: 'member-9' });
    for (const [application, mark] of [
      [first, 90],
      [second, 50],
    ] as const)
      await test.call('PUT', `/host-applications/${application.hostApplicationId}/scores/me`, {
        token: member,
        body: scores(mark, mark, mark),
      });
    clock.now = new Date('2020-02-11T00:00:00.000Z');
    const ranking = await test.call<{ outcomes: object[] }>(
      'GET',
      `/rounds/${roundId}/regions/mangystau/host-ranking`,
      { token: coordinator },
    );
    await topic.next(6);

    // The decision was written, and the service stopped before applying any of it.
    await test.service.deps.mongo.db!.collection('hostSelections').insertOne({
      _id: `${roundId}:mangystau` as never,
      roundId,
      region: 'mangystau',
      seats: 1,
      rulesVersion: 1,
      outcomes: ranking.body.outcomes,
      confirmedAt: clock.now.toISOString(),
      confirmedBy: 'coordinator',
    });
    const resumed = await test.call('POST', `/rounds/${roundId}/regions/mangystau/host-selection`, {
      token: coordinator,
      headers: idem(),
    });
    expect(resumed).toMatchObject({ status: 200, body: { confirmed: true } });
    const events = await topic.next(2);
    expect(events.map((event) => [event.subject, event.type])).toEqual(
      expect.arrayContaining([
        [first.hostApplicationId, 'competitions.host-application.selected.v1'],
        [second.hostApplicationId, 'competitions.host-application.rejected.v1'],
      ]),
    );
    expect(events).toHaveLength(2);
    await test.call('POST', `/rounds/${roundId}/regions/mangystau/host-selection`, {
      token: coordinator,
      headers: idem(),
    });
    expect(await topic.read()).toEqual([]);
  });
});
