import { personalDataFindings } from '@zhas/contracts';
import { startServiceForTest, type TestService } from '@zhas/service-kit/testing';
import { type Config } from '../../config';
import * as competitions from '../../index';
import { NewEvents } from '../../testing/new-events';
import { sampleRound } from '../../testing/sample-round';

// Round transitions on the real database and broker, each with the event it publishes (parsed by the contracts).

const clock = { now: new Date('2019-01-10T05:00:00.000Z') };
let test: TestService<Config>;
let coordinator: string;
let key = 0;
const idem = () => ({ 'Idempotency-Key': `round-key-${Date.now()}-${(key += 1)}` });
let topic: NewEvents;

interface Round {
  roundId: string;
  version: number;
  status: string;
  rulesVersion: number;
}

beforeAll(async () => {
  test = await startServiceForTest(competitions, { now: () => clock.now });
  topic = new NewEvents(test);
  coordinator = await test.token({ roles: ['coordinator'] });
});
afterAll(() => test.stop());

describe('rounds', () => {
  let round: Round;

  it('creates a partial draft and edits it with optimistic concurrency', async () => {
    const { rules: _rules, ...withoutRules } = sampleRound();
    const created = await test.call<Round>('POST', '/rounds', {
      token: coordinator,
      headers: idem(),
      body: withoutRules,
    });
    expect(created).toMatchObject({
      status: 201,
      body: { status: 'draft', rulesVersion: 0, version: 1, year: 2019 },
    });
    round = created.body;

    const edited = await test.call<Round>('PATCH', `/rounds/${round.roundId}`, {
      token: coordinator,
      body: { version: 1, rules: sampleRound().rules },
    });
    expect(edited).toMatchObject({ status: 200, body: { version: 2 } });
    const stale = await test.call('PATCH', `/rounds/${round.roundId}`, {
      token: coordinator,
      body: { version: 1, year: 2020 },
    });
    expect(stale).toMatchObject({
      status: 409,
      body: { type: '/problems/stale-version', currentVersion: 2 },
    });
    round = edited.body;
    expect(await topic.read()).toEqual([]);
  });

  it('hides drafts from everyone but coordinators', async () => {
    const viewer = await test.token({ roles: ['viewer'] });
    expect((await test.call('GET', `/rounds/${round.roundId}`, { token: viewer })).status).toBe(404);
    const listed = await test.call<{ items: Round[] }>('GET', '/rounds', { token: viewer });
    expect(listed.body.items).toEqual([]);
    const asCoordinator = await test.call<{ items: Round[] }>('GET', '/rounds?status=draft', {
      token: coordinator,
    });
    expect(asCoordinator.body.items.map((item) => item.roundId)).toEqual([round.roundId]);
  });

  it('refuses to publish a round whose rules do not hold together, naming the fields', async () => {
    const broken = await test.call('POST', '/rounds', {
      token: coordinator,
      headers: idem(),
      body: sampleRound({
        youthApplicationWindow: { opensAt: '2019-02-01T00:00:00.000Z', closesAt: '2019-04-01T00:00:00.000Z' },
        regions: ['akmola'],
      }),
    });
    const body = broken.body as Round;
    const refused = await test.call<{ errors: { field: string }[] }>(
      'POST',
      `/rounds/${body.roundId}/publish`,
      {
        token: coordinator,
        headers: idem(),
        body: { version: body.version },
      },
    );
    expect(refused).toMatchObject({ status: 422, body: { type: '/problems/round-invalid' } });
    expect(refused.body.errors.map((error) => error.field)).toEqual(
      expect.arrayContaining(['youthApplicationWindow.opensAt', 'rules.regionQuotas']),
    );
  });

  it('publishes a round: competitions.round.published.v1 with the whole content', async () => {
    const published = await test.call<Round>('POST', `/rounds/${round.roundId}/publish`, {
      token: coordinator,
      headers: idem(),
      body: { version: round.version },
    });
    expect(published).toMatchObject({
      status: 200,
      body: { status: 'published', rulesVersion: 1, version: 3 },
    });
    round = published.body;
    const events = await topic.next(1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'competitions.round.published.v1',
      subject: round.roundId,
      aggregateversion: 3,
      data: {
        roundId: round.roundId,
        rulesVersion: 1,
        publishedAt: clock.now.toISOString(),
        regions: ['akmola', 'mangystau'],
      },
    });
    const frozen = await test.call('PATCH', `/rounds/${round.roundId}`, {
      token: coordinator,
      body: { version: round.version, year: 2020 },
    });
    expect(frozen).toMatchObject({ status: 409, body: { type: '/problems/round-frozen' } });
    const viewer = await test.token({ roles: ['viewer'] });
    expect((await test.call('GET', `/rounds/${round.roundId}`, { token: viewer })).status).toBe(200);
  });

  it('revises a published round as a new version: competitions.round.rules-revised.v1', async () => {
    clock.now = new Date('2019-01-12T00:00:00.000Z');
    const content = sampleRound();
    const revised = await test.call<Round & { previousVersions: unknown[] }>(
      'POST',
      `/rounds/${round.roundId}/revisions`,
      {
        token: coordinator,
        headers: idem(),
        body: { ...content, version: round.version, rules: { ...content.rules, grantCeilingKzt: 1_200_000 } },
      },
    );
    expect(revised).toMatchObject({
      status: 200,
      body: {
        rulesVersion: 2,
        rules: { grantCeilingKzt: 1_200_000 },
        previousVersions: [{ rulesVersion: 1 }],
      },
    });
    round = revised.body;
    const events = await topic.next(1);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'competitions.round.rules-revised.v1',
        data: expect.objectContaining({ rulesVersion: 2, revisedAt: '2019-01-12T00:00:00.000Z' }) as unknown,
      }),
    ]);
  });

  it('closes a round: competitions.round.closed.v1, once', async () => {
    const closed = await test.call<Round>('POST', `/rounds/${round.roundId}/close`, {
      token: coordinator,
      headers: idem(),
      body: { version: round.version, outcome: 'cancelled' },
    });
    expect(closed).toMatchObject({ status: 200, body: { status: 'closed', outcome: 'cancelled' } });
    const again = await test.call('POST', `/rounds/${round.roundId}/close`, {
      token: coordinator,
      headers: idem(),
      body: { version: closed.body.version, outcome: 'completed' },
    });
    expect(again).toMatchObject({ status: 409, body: { type: '/problems/invalid-state' } });
    expect(await topic.next(1)).toEqual([
      expect.objectContaining({
        type: 'competitions.round.closed.v1',
        data: { roundId: round.roundId, outcome: 'cancelled', closedAt: clock.now.toISOString() },
      }),
    ]);
  });

  it('lists rounds newest first, by page and filter', async () => {
    for (let index = 0; index < 3; index += 1)
      await test.call('POST', '/rounds', {
        token: coordinator,
        headers: idem(),
        body: { year: 2020 + index },
      });
    const first = await test.call<{ items: Round[]; nextCursor: string }>('GET', '/rounds?limit=2', {
      token: coordinator,
    });
    expect(first.body.items).toHaveLength(2);
    const rest = await test.call<{ items: Round[]; nextCursor: null }>(
      'GET',
      `/rounds?limit=10&cursor=${first.body.nextCursor}`,
      { token: coordinator },
    );
    expect(rest.body.nextCursor).toBeNull();
    expect(first.body.items.length + rest.body.items.length).toBe(5);
    const byYear = await test.call<{ items: { year: number }[] }>('GET', '/rounds?year=2021', {
      token: coordinator,
    });
    expect(byYear.body.items.map((item) => item.year)).toEqual([2021]);
    const closed = await test.call<{ items: Round[] }>('GET', '/rounds?status=closed', {
      token: await test.token({ roles: ['applicant'] }),
    });
    expect(closed.body.items.map((item) => item.roundId)).toEqual([round.roundId]);
  });

  it('lets only coordinators change rounds', async () => {
    const hostOrg = await test.token({ roles: ['host_org'] });
    expect((await test.call('POST', '/rounds', { token: hostOrg, headers: idem(), body: {} })).status).toBe(
      403,
    );
    // A round's rules apply in every region it names: a coordinator limited to regions does not change them.
    const regional = await test.token({ roles: ['coordinator'], regions: ['akmola'] });
    expect((await test.call('POST', '/rounds', { token: regional, headers: idem(), body: {} })).status).toBe(
      403,
    );
    const admin = await test.token({ roles: ['admin'] });
    expect((await test.call('POST', '/rounds', { token: admin, headers: idem(), body: {} })).status).toBe(
      201,
    );
  });

  it('put no personal data on the topic', async () => {
    const messages = await test.publishedMessages();
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const message of messages)
      expect(personalDataFindings(JSON.parse(message.value ?? 'null'))).toEqual([]);
  });
});
