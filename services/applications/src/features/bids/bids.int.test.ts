/* Edits, submissions and bad input on the real database: one winner per version, one effect per key, no 500s. */
import { createEvent, roundClosedV1, roundRulesRevisedV1 } from '@zhas/contracts';
import { type TestService, startServiceForTest } from '@zhas/service-kit/testing';
import { type Config } from '../../config';
import * as applications from '../../index';
import { formTeam, registerApplicant } from '../../testing/applicants';
import { completeContent, hostSelected, person, roundPublished } from '../../testing/fixtures';

const ROUND = 'rnd-bids';
const clock = { now: new Date('2019-03-10T06:00:00.000Z') };

describe('bids on the real database', () => {
  let test: TestService<Config>;
  let leader: { participantId: string; token: string };
  let teamId: string;
  let bidId: string;
  let coordinator: string;

  const register = (body = person()) => registerApplicant(test, body);

  beforeAll(async () => {
    test = await startServiceForTest(applications, { now: () => clock.now });
    coordinator = await test.token({ roles: ['coordinator'] });
    const round = roundPublished(ROUND);
    // Delivered twice, as Kafka may: the local copy changes once.
    await test.deliver(round, round, hostSelected(ROUND, 'akmola', 'h-7'));
    leader = await register();
    const members = [await register(), await register()];
    teamId = await formTeam(test, leader, members, {
      roundId: ROUND,
      region: 'akmola',
      hostOrganizationId: 'h-7',
    });
    const bid = await test.call<{ bidId: string }>('POST', '/bids', {
      token: leader.token,
      body: { teamId },
    });
    expect(bid.status).toBe(201);
    bidId = bid.body.bidId;
  });
  afterAll(() => test.stop());

  it('keeps one copy of a round delivered twice', async () => {
    const rounds = await test.service.deps.mongo
      .db!.collection('rounds')
      .find({ _id: ROUND as never })
      .toArray();
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({ version: 1, status: 'published', regions: ['akmola', 'mangystau'] });
  });

  it('replaces the round on a rules revision and ignores an older event arriving late', async () => {
    const published = roundPublished(ROUND);
    const revised = createEvent(roundRulesRevisedV1, {
      subject: ROUND,
      aggregateVersion: 2,
      data: {
        ...(({ publishedAt: _publishedAt, ...content }) => content)(published.data),
        rules: { ...published.data.rules, grantCeilingKzt: 1_200_000 },
        rulesVersion: 2,
        revisedAt: '2019-02-01T00:00:00.000Z',
      },
      correlationId: 'corr-revise',
      time: new Date('2019-02-01T00:00:00.000Z'),
    });
    await test.deliver(revised, published);
    const round = await test.service.deps.mongo.db!.collection('rounds').findOne({ _id: ROUND as never });
    expect(round).toMatchObject({ version: 2, rulesVersion: 2, rules: { grantCeilingKzt: 1_200_000 } });
  });

  it('lets one of two saves of the same version win and answers the other 409', async () => {
    const current = await test.call<{ version: number }>('GET', `/bids/${bidId}`, { token: leader.token });
    const save = (title: string) =>
      test.call<{ version: number; content: { title: string } }>('PUT', `/bids/${bidId}/draft`, {
        token: leader.token,
        body: { version: current.body.version, content: { ...completeContent, title } },
      });
    const replies = await Promise.all([save('First tab'), save('Second tab')]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
    const loser = replies.find((reply) => reply.status === 409)!;
    expect(loser.body).toMatchObject({
      type: '/problems/stale-version',
      expectedVersion: current.body.version,
    });
    const winner = replies.find((reply) => reply.status === 200)!;
    const stored = await test.call<{ version: number; content: { title: string } }>('GET', `/bids/${bidId}`, {
      token: leader.token,
    });
    expect(stored.body).toMatchObject({
      version: current.body.version + 1,
      content: { title: winner.body.content.title },
    });
    const stale = await test.call('PUT', `/bids/${bidId}/draft`, {
      token: leader.token,
      body: { version: current.body.version, content: completeContent },
    });
    expect(stale.status).toBe(409);
  });

  it('refuses an incomplete bid and a bid whose host organization has not confirmed fails the check', async () => {
    const current = await test.call<{ version: number }>('GET', `/bids/${bidId}`, { token: leader.token });
    await test.call('PUT', `/bids/${bidId}/draft`, {
      token: leader.token,
      body: {
        version: current.body.version,
        content: { ...completeContent, goal: '', requestedAmountKzt: 700_000 },
      },
    });
    const incomplete = await test.call('POST', `/bids/${bidId}/submit`, {
      token: leader.token,
      headers: { 'Idempotency-Key': 'incomplete-1' },
    });
    expect(incomplete).toMatchObject({
      status: 422,
      body: {
        type: '/problems/bid-incomplete',
        reasons: expect.arrayContaining([
          { code: 'required-section-missing', field: 'goal' },
          { code: 'budget-lines-do-not-add-up', field: 'budgetLines' },
          { code: 'host-organization-not-confirmed', field: 'hostOrganizationId' },
        ]) as unknown[],
      },
    });
    const again = await test.call<{ version: number }>('GET', `/bids/${bidId}`, { token: leader.token });
    await test.call('PUT', `/bids/${bidId}/draft`, {
      token: leader.token,
      body: { version: again.body.version, content: completeContent },
    });
  });

  it('has one effect for a submission repeated with one Idempotency-Key', async () => {
    const declined = await test.call('POST', `/teams/${teamId}/host-organization/decline`, {
      token: await test.token({ roles: ['host_org'], hostOrgId: 'h-7' }),
      body: { reason: 'no-capacity' },
    });
    expect(declined).toMatchObject({ status: 200, body: { hostOrganizationStatus: 'declined' } });
    const independent = await test.call('PUT', `/teams/${teamId}/host-organization`, {
      token: leader.token,
      body: { hostOrganizationId: null },
    });
    expect(independent).toMatchObject({ status: 200, body: { hostOrganizationStatus: 'none' } });

    const submit = () =>
      test.call<{ status: string; submissionNumber: number }>('POST', `/bids/${bidId}/submit`, {
        token: leader.token,
        headers: { 'Idempotency-Key': 'submit-once-7f3a' },
      });
    const first = await submit();
    const replies = await Promise.all([submit(), submit()]);
    expect(first).toMatchObject({ status: 200, body: { status: 'in-review', submissionNumber: 1 } });
    for (const reply of replies) expect([200, 409]).toContain(reply.status);
    expect(replies.filter((reply) => reply.status === 200).map((reply) => reply.body)).toEqual(
      replies.filter((reply) => reply.status === 200).map(() => first.body),
    );
    const otherKey = await test.call('POST', `/bids/${bidId}/submit`, {
      token: leader.token,
      headers: { 'Idempotency-Key': 'submit-once-other' },
    });
    expect(otherKey).toMatchObject({
      status: 409,
      body: { type: '/problems/wrong-state', currentState: 'in-review' },
    });
    const events = await test.publishedEvents();
    const submissions = new Set(
      events.filter((event) => event.type === 'applications.bid.submitted.v1').map((event) => event.id),
    );
    expect(submissions.size).toBe(1);
  });

  it('refuses a submission outside the youth window', async () => {
    const people = [await register(), await register(), await register()];
    const teamId = await formTeam(test, people[0]!, people.slice(1), { roundId: ROUND, region: 'akmola' });
    const bid = await test.call<{ bidId: string }>('POST', '/bids', {
      token: people[0]!.token,
      body: { teamId, content: completeContent },
    });
    const inAnotherTeam = await test.call('POST', '/teams', {
      token: people[1]!.token,
      body: { roundId: ROUND, region: 'akmola' },
    });
    expect(inAnotherTeam).toMatchObject({ status: 422, body: { reasons: ['member-in-another-team'] } });
    const left = await test.call('DELETE', `/teams/${teamId}/members/${people[1]!.participantId}`, {
      token: people[1]!.token,
    });
    expect(left).toMatchObject({
      status: 200,
      body: { memberParticipantIds: [people[0]!.participantId, people[2]!.participantId] },
    });
    const own = await test.call('POST', '/teams', {
      token: people[1]!.token,
      body: { roundId: ROUND, region: 'akmola' },
    });
    expect(own.status).toBe(201);
    const changed = (await test.publishedEvents()).find(
      (event) => event.type === 'applications.team.changed.v1' && event.subject === teamId,
    );
    expect(changed?.data).toMatchObject({
      leftParticipantIds: [people[1]!.participantId],
      joinedParticipantIds: [],
    });
    clock.now = new Date('2019-04-15T18:00:00.000Z');
    try {
      const late = await test.call('POST', `/bids/${bid.body.bidId}/submit`, {
        token: people[0]!.token,
        headers: { 'Idempotency-Key': 'late-submission' },
      });
      expect(late).toMatchObject({
        status: 409,
        body: { type: '/problems/outside-window', closesAt: '2019-04-15T18:00:00.000Z' },
      });
    } finally {
      clock.now = new Date('2019-03-10T06:00:00.000Z');
    }
  });

  it('serves its OpenAPI document with every route', async () => {
    const document = await test.call<{ openapi: string; paths: Record<string, unknown> }>(
      'GET',
      '/openapi.json',
    );
    expect(document.body.openapi).toMatch(/^3\.1/);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/participants',
        '/teams/{teamId}/invitations/{participantId}/accept',
        '/bids/{bidId}/submit',
        '/bid-status/{registrationNumber}',
        '/rounds/{roundId}/regions/{region}/lottery',
        '/lotteries/{lotteryId}/verification',
      ]) as unknown[],
    );
  });

  it('answers bad input at every endpoint with a 4xx problem document, never a 500', async () => {
    const applicant = await test.token({ roles: ['applicant'] });
    const viewer = await test.token({ roles: ['viewer'] });
    const hostOrg = await test.token({ roles: ['host_org'], hostOrgId: 'h-7' });
    /** A coordinator's draw request with the seed, sent once under its own key. */
    const draw = (seed: string, key: string) => ({
      token: coordinator,
      body: { seed },
      headers: { 'Idempotency-Key': key },
    });
    const cases: [
      string,
      string,
      { token?: string; body?: unknown; headers?: Record<string, string> },
      number,
      string?,
    ][] = [
      [
        'POST',
        '/participants',
        { token: applicant, body: { ...person(), iin: '123456789012' } },
        400,
        'body.iin',
      ],
      ['POST', '/participants', { token: applicant, body: { ...person(), iin: '12345' } }, 400, 'body.iin'],
      [
        'POST',
        '/participants',
        { token: applicant, body: { ...person(), region: 'atlantis' } },
        400,
        'body.region',
      ],
      ['POST', '/participants', { token: applicant, body: '{"iin": ' }, 400],
      ['POST', '/participants', { token: applicant, body: person({ birthDate: '1980-01-01' }) }, 422],
      ['POST', '/participants', { body: person() }, 401],
      ['POST', '/participants', { token: viewer, body: person() }, 403],
      ['GET', '/participants/p-unknown', { token: coordinator }, 404],
      [
        'PUT',
        `/participants/${leader.participantId}/profile`,
        { token: leader.token, body: { version: 0 } },
        400,
      ],
      ['POST', '/teams', { token: leader.token, body: { roundId: 'no-such-round', region: 'akmola' } }, 404],
      ['POST', '/teams', { token: leader.token, body: { roundId: ROUND } }, 400, 'body.region'],
      ['GET', '/teams?cursor=not*a*cursor', { token: coordinator }, 400, 'query.cursor'],
      ['GET', '/teams/t-unknown', { token: coordinator }, 404],
      ['GET', `/teams/${teamId}`, { token: hostOrg }, 403],
      ['POST', `/teams/${teamId}/invitations`, { token: leader.token, body: {} }, 400, 'body.participantId'],
      ['POST', `/teams/${teamId}/invitations/p-x/accept`, { token: leader.token }, 404],
      ['POST', `/teams/${teamId}/form`, { token: leader.token }, 409],
      ['DELETE', `/teams/${teamId}/members/${leader.participantId}`, { token: leader.token }, 409],
      ['DELETE', `/teams/${teamId}/members/bad id`, { token: leader.token }, 400, 'params.participantId'],
      [
        'POST',
        `/teams/${teamId}/host-organization/decline`,
        { token: hostOrg, body: { reason: 'bored' } },
        400,
        'body.reason',
      ],
      ['POST', '/bids', { token: leader.token, body: { teamId } }, 409],
      [
        'POST',
        '/bids',
        { token: leader.token, body: { teamId, content: { durationMonths: 13 } } },
        400,
        'body.content.durationMonths',
      ],
      ['GET', '/bids?limit=1000', { token: coordinator }, 400, 'query.limit'],
      ['GET', '/bids?status=lost', { token: coordinator }, 400, 'query.status.0'],
      ['GET', '/bids', { token: applicant }, 403],
      ['GET', '/bids/b-unknown', { token: coordinator }, 404],
      ['GET', '/bid-status/12', { token: leader.token }, 400, 'params.registrationNumber'],
      ['GET', '/bid-status/ZHAS-2019-AKM-999999', { token: leader.token }, 404],
      ['PUT', `/bids/${bidId}/draft`, { token: leader.token, body: { content: {} } }, 400, 'body.version'],
      [
        'PUT',
        `/bids/${bidId}/draft`,
        {
          token: leader.token,
          body: { version: 1, content: { budgetLines: [{ category: 'yachts', amountKzt: -1 }] } },
        },
        400,
      ],
      ['POST', `/bids/${bidId}/submit`, { token: leader.token }, 400, 'headers.Idempotency-Key'],
      [
        'POST',
        `/bids/${bidId}/withdraw`,
        { token: leader.token, body: { reason: 'whim' } },
        400,
        'body.reason',
      ],
      ['POST', `/bids/${bidId}/reviews`, { token: hostOrg, body: { criteria: [] } }, 400, 'body.criteria'],
      [
        'POST',
        `/bids/${bidId}/reviews`,
        { token: hostOrg, body: { criteria: [{ code: 'budget', score: 101 }] } },
        400,
      ],
      ['POST', `/bids/${bidId}/conflicts`, { token: hostOrg, body: {} }, 400, 'body.reason'],
      ['POST', `/bids/${bidId}/qualification`, { token: coordinator }, 409],
      ['POST', `/bids/${bidId}/qualification`, { token: hostOrg }, 403],
      ['POST', `/rounds/${ROUND}/regions/akmola/lottery`, draw('short', 'draw-bad-seed'), 400, 'body.seed'],
      ['POST', `/rounds/${ROUND}/regions/akmola/lottery`, draw('ab'.repeat(16), 'draw-too-early'), 409],
      ['POST', `/rounds/${ROUND}/regions/atlantis/lottery`, draw('ab'.repeat(16), 'draw-atlantis'), 422],
      ['GET', '/lotteries/lot-unknown', {}, 404],
      ['GET', '/lotteries/lot-unknown/verification', {}, 404],
      ['POST', '/lotteries/verification', { body: { seed: 'ab'.repeat(16) } }, 400],
      ['POST', '/lotteries/lot-unknown/outcomes', { token: coordinator }, 404],
    ];
    for (const [method, path, options, status, field] of cases) {
      const reply = await test.call<{ type?: string; status?: number; errors?: { field: string }[] }>(
        method,
        path,
        options,
      );
      expect({ method, path, status: reply.status }).toEqual({ method, path, status });
      expect(reply.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(reply.body.status).toBe(status);
      if (field) expect(reply.body.errors?.map((error) => error.field)).toContain(field);
    }
  });

  it('publishes the host decline and the change to an independent team', async () => {
    const events = await test.publishedEvents();
    expect(
      events.find((event) => event.type === 'applications.team.host-organization-declined.v1')?.data,
    ).toMatchObject({ teamId, hostOrganizationId: 'h-7', reason: 'no-capacity' });
    const changed = events.find(
      (event) => event.type === 'applications.team.changed.v1' && event.subject === teamId,
    );
    expect(changed?.data).toMatchObject({ teamId, joinedParticipantIds: [], leftParticipantIds: [] });
    expect(changed?.data).not.toHaveProperty('hostOrganizationId');
  });

  it('tells every team with a submitted bid when the round is cancelled, once', async () => {
    const closed = createEvent(roundClosedV1, {
      subject: ROUND,
      aggregateVersion: 3,
      data: { roundId: ROUND, outcome: 'cancelled', closedAt: '2019-03-20T00:00:00.000Z' },
      correlationId: 'corr-cancel',
      time: new Date('2019-03-20T00:00:00.000Z'),
    });
    await test.deliver(closed, closed);
    const bid = await test.call('GET', `/bids/${bidId}`, { token: leader.token });
    expect(bid.body).toMatchObject({ status: 'not-awarded', notAwardedReason: 'round-cancelled' });
    const events = await test.publishedEvents();
    const notAwarded = new Set(
      events
        .filter((event) => event.type === 'applications.bid.not-awarded.v1' && event.subject === bidId)
        .map((event) => event.id),
    );
    expect(notAwarded.size).toBe(1);
    const late = await test.call('POST', '/teams', {
      token: leader.token,
      body: { roundId: ROUND, region: 'akmola' },
    });
    expect(late).toMatchObject({ status: 409, body: { type: '/problems/round-closed' } });
  });
});
