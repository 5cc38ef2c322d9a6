/* The whole cycle of a round on the real database and broker: registration, teams, bids, check, review, lottery. */
import { personalDataFindings, type ZhasEvent } from '@zhas/contracts';
import { type TestService, startServiceForTest } from '@zhas/service-kit/testing';
import { type Config } from './config';
import * as applications from './index';
import { formTeam } from './testing/applicants';
import { completeContent, hostSelected, person, roundPublished, rubric } from './testing/fixtures';

const ROUND = 'rnd-2019';
const clock = { now: new Date('2019-03-10T06:00:00.000Z') };

interface Registered {
  participantId: string;
  token: string;
  body: ReturnType<typeof person>;
}

describe('the applications cycle', () => {
  let test: TestService<Config>;
  let coordinator: string;
  const registered: Registered[] = [];

  const register = async (options: Parameters<typeof person>[0] = {}): Promise<Registered> => {
    const body = person(options);
    const subject = `user-${registered.length}-${Date.now()}`;
    const reply = await test.call<{ participantId: string }>('POST', '/participants', {
      token: await test.token({ roles: ['applicant'], subject }),
      body,
    });
    expect(reply.status).toBe(201);
    const token = await test.token({
      roles: ['applicant'],
      subject,
      participantId: reply.body.participantId,
    });
    const result = { participantId: reply.body.participantId, token, body };
    registered.push(result);
    return result;
  };

  /** A formed team of three in the region, with a submitted and checked bid. */
  const teamWithBid = async (region: string, hostOrganizationId: string | null) => {
    const [leader, second, third] = [
      await register({ region }),
      await register({ region }),
      await register({ region }),
    ];
    const teamId = await formTeam(test, leader, [second, third], {
      roundId: ROUND,
      region,
      hostOrganizationId,
    });
    if (hostOrganizationId !== null) {
      const confirmed = await test.call('POST', `/teams/${teamId}/host-organization/confirm`, {
        token: await test.token({ roles: ['host_org'], hostOrgId: hostOrganizationId }),
      });
      expect(confirmed.status).toBe(200);
    }
    const bid = await test.call<{ bidId: string; registrationNumber: string }>('POST', '/bids', {
      token: leader.token,
      body: { teamId, content: completeContent },
    });
    expect(bid.status).toBe(201);
    const submitted = await test.call<{ status: string }>('POST', `/bids/${bid.body.bidId}/submit`, {
      token: leader.token,
      headers: { 'Idempotency-Key': `submit-${bid.body.bidId}` },
    });
    expect(submitted).toMatchObject({ status: 200, body: { status: 'in-review', checkReasons: [] } });
    return { teamId, leader: leader, members: [leader, second, third], ...bid.body };
  };

  /** Kafka delivers at least once, and the relay may publish an event twice: consumers know events by id. */
  const published = async () => {
    const byId = new Map((await test.publishedEvents()).map((event) => [event.id, event]));
    return [...byId.values()];
  };

  beforeAll(async () => {
    test = await startServiceForTest(applications, { now: () => clock.now });
    coordinator = await test.token({ roles: ['coordinator'] });
    await test.deliver(roundPublished(ROUND), hostSelected(ROUND, 'akmola', 'h-1'));
  });
  afterAll(() => test.stop());

  let events: ZhasEvent[] = [];
  let host: Awaited<ReturnType<typeof teamWithBid>>;
  let independent: Awaited<ReturnType<typeof teamWithBid>>;
  let weak: Awaited<ReturnType<typeof teamWithBid>>;

  it('registers participants and publishes their indicator attributes, not their identity', async () => {
    const woman = await register({ birthDate: '2000-02-29', sex: 'female' });
    const own = await test.call<Record<string, unknown>>('GET', `/participants/${woman.participantId}`, {
      token: woman.token,
    });
    expect(own).toMatchObject({
      status: 200,
      body: { iin: woman.body.iin, birthDate: '2000-02-29', sex: 'female', fullName: woman.body.fullName },
    });
    const profile = await test.call<{ neet: boolean; version: number }>(
      'PUT',
      `/participants/${woman.participantId}/profile`,
      {
        token: woman.token,
        body: {
          ...woman.body,
          iin: undefined,
          fullName: undefined,
          phone: undefined,
          neet: false,
          version: 1,
        },
      },
    );
    expect(profile).toMatchObject({ status: 200, body: { neet: false, version: 2 } });
    const other = await register();
    expect(
      (await test.call('GET', `/participants/${woman.participantId}`, { token: other.token })).status,
    ).toBe(403);
    expect(
      (await test.call('GET', `/participants/${woman.participantId}`, { token: coordinator })).status,
    ).toBe(200);

    const again = await test.call('POST', '/participants', {
      token: await test.token({ roles: ['applicant'] }),
      body: woman.body,
    });
    expect(again).toMatchObject({ status: 409, body: { type: '/problems/already-registered' } });

    events = await published();
    expect(
      events.find(
        (event) =>
          event.type === 'applications.participant.profile-updated.v1' &&
          event.subject === woman.participantId,
      )?.data,
    ).toMatchObject({ neet: false, region: 'akmola', settlement: 'rural' });
    const registeredEvent = events.find(
      (event) =>
        event.type === 'applications.participant.registered.v2' && event.subject === woman.participantId,
    );
    expect(registeredEvent?.data).toEqual({
      participantId: woman.participantId,
      sex: 'female',
      birthYear: 2000,
      ageBand: '18-24',
      region: 'akmola',
      settlement: 'rural',
      educationLevel: 'general-secondary',
      neet: true,
      vulnerability: ['low-income'],
      consents: woman.body.consents,
      registeredAt: clock.now.toISOString(),
    });
  });

  it('a coordinator limited to regions reads and changes only the participants of those regions', async () => {
    const inAkmola = await register({ region: 'akmola' });
    const almatyOnly = await test.token({ roles: ['coordinator'], subject: 'c-almaty', regions: ['almaty'] });
    const akmolaOnly = await test.token({ roles: ['coordinator'], subject: 'c-akmola', regions: ['akmola'] });
    const path = `/participants/${inAkmola.participantId}`;

    const elsewhere = await test.call<Record<string, unknown>>('GET', path, { token: almatyOnly });
    expect(elsewhere.status).toBe(403);
    expect(JSON.stringify(elsewhere.body)).not.toContain(inAkmola.body.iin);
    expect(JSON.stringify(elsewhere.body)).not.toContain(inAkmola.body.phone);
    expect(await test.call('GET', path, { token: akmolaOnly })).toMatchObject({
      status: 200,
      body: { iin: inAkmola.body.iin, fullName: inAkmola.body.fullName },
    });

    const { iin: _iin, fullName: _name, phone: _phone, ...profile } = inAkmola.body;
    const change = (token: string, region: string) =>
      test.call(`PUT`, `${path}/profile`, { token, body: { ...profile, region, version: 1 } });
    expect((await change(almatyOnly, 'akmola')).status).toBe(403);
    // Nor may a coordinator move a participant out of their regions into another one.
    expect((await change(akmolaOnly, 'mangystau')).status).toBe(403);
    expect((await change(akmolaOnly, 'akmola')).status).toBe(200);
  });

  it('forms teams, confirms host organizations and checks bids on submission', async () => {
    host = await teamWithBid('akmola', 'h-1');
    independent = await teamWithBid('akmola', null);
    weak = await teamWithBid('akmola', null);
    events = await published();
    const formed = events.find(
      (event) => event.type === 'applications.team.formed.v1' && event.subject === host.teamId,
    );
    expect(formed?.data).toMatchObject({
      leaderParticipantId: host.leader.participantId,
      memberParticipantIds: host.members.map((member) => member.participantId),
      hostOrganizationId: 'h-1',
    });
    expect(
      events.some(
        (event) =>
          event.type === 'applications.team.host-organization-confirmed.v1' && event.subject === host.teamId,
      ),
    ).toBe(true);
    const submitted = events.find(
      (event) => event.type === 'applications.bid.submitted.v1' && event.subject === host.bidId,
    );
    expect(submitted?.data).toMatchObject({
      hostOrganizationId: 'h-1',
      submissionNumber: 1,
      requestedAmountKzt: 750_000,
      memberCount: 3,
      durationMonths: 6,
    });
    expect(events.filter((event) => event.type === 'applications.bid.check-passed.v1')).toHaveLength(3);

    const status = await test.call('GET', `/bid-status/${host.registrationNumber}`, {
      token: host.members[2]!.token,
    });
    expect(status).toMatchObject({
      status: 200,
      body: { status: 'in-review', registrationNumber: host.registrationNumber },
    });
    expect(host.registrationNumber).toMatch(/^ZHAS-2019-AKM-\d{6}$/);
    const stranger = registered[0]!;
    expect(
      (await test.call('GET', `/bid-status/${host.registrationNumber}`, { token: stranger.token })).status,
    ).toBe(403);
  });

  it('fails the check with reasons, lets the team amend and resubmit', async () => {
    const region = 'mangystau';
    const people = [
      await register({ region }),
      await register({ region }),
      await register({ region, birthDate: '1985-01-01' }),
    ];
    const [leader] = people;
    const team = await test.call<{ teamId: string }>('POST', '/teams', {
      token: leader!.token,
      body: { roundId: ROUND, region },
    });
    for (const member of people.slice(1)) {
      await test.call('POST', `/teams/${team.body.teamId}/invitations`, {
        token: leader!.token,
        body: { participantId: member.participantId },
      });
    }
    const tooOld = await test.call(
      'POST',
      `/teams/${team.body.teamId}/invitations/${people[2]!.participantId}/accept`,
      {
        token: people[2]!.token,
      },
    );
    expect(tooOld).toMatchObject({
      status: 422,
      body: { type: '/problems/not-eligible', reasons: ['member-age-out-of-range'] },
    });
    await test.call('POST', `/teams/${team.body.teamId}/invitations/${people[1]!.participantId}/accept`, {
      token: people[1]!.token,
    });
    const third = await register({ region });
    await test.call('POST', `/teams/${team.body.teamId}/invitations`, {
      token: leader!.token,
      body: { participantId: third.participantId },
    });
    const tooSmall = await test.call('POST', `/teams/${team.body.teamId}/form`, { token: leader!.token });
    expect(tooSmall).toMatchObject({ status: 422, body: { type: '/problems/team-size' } });
    await test.call('POST', `/teams/${team.body.teamId}/invitations/${third.participantId}/accept`, {
      token: third.token,
    });
    expect(
      (await test.call('POST', `/teams/${team.body.teamId}/form`, { token: leader!.token })).status,
    ).toBe(200);

    const created = await test.call<{ bidId: string; version: number }>('POST', '/bids', {
      token: leader!.token,
      body: {
        teamId: team.body.teamId,
        content: {
          ...completeContent,
          budgetLines: [{ category: 'equipment', amountKzt: 1_200_000 }],
          requestedAmountKzt: 1_200_000,
          nonCommercialDeclared: false,
        },
      },
    });
    const bidId = created.body.bidId;
    const failed = await test.call<{ status: string; checkReasons: unknown[]; version: number }>(
      'POST',
      `/bids/${bidId}/submit`,
      {
        token: leader!.token,
        headers: { 'Idempotency-Key': `submit-${bidId}-1` },
      },
    );
    expect(failed.body).toMatchObject({
      status: 'check-failed',
      checkReasons: [
        { code: 'budget-exceeds-ceiling', field: 'requestedAmountKzt' },
        { code: 'commercial-activity', field: 'nonCommercialDeclared' },
      ],
    });
    // The coordinator's pipeline counts the failures by reason, region by region.
    const pipeline = await test.call<{ items: { region: string; checkFailures: unknown[] }[] }>(
      'GET',
      `/rounds/${ROUND}/pipeline?region=${region}`,
      { token: coordinator },
    );
    expect(pipeline.body.items).toEqual([
      expect.objectContaining({
        region,
        checkFailures: [
          { code: 'budget-exceeds-ceiling', count: 1 },
          { code: 'commercial-activity', count: 1 },
        ],
      }),
    ]);
    const amended = await test.call<{ version: number }>('PUT', `/bids/${bidId}/draft`, {
      token: leader!.token,
      body: { version: failed.body.version, content: completeContent },
    });
    expect(amended.status).toBe(200);
    const passed = await test.call('POST', `/bids/${bidId}/submit`, {
      token: leader!.token,
      headers: { 'Idempotency-Key': `submit-${bidId}-2` },
    });
    expect(passed).toMatchObject({ status: 200, body: { status: 'in-review', submissionNumber: 2 } });
    events = await published();
    const failedEvent = events.find(
      (event) => event.type === 'applications.bid.check-failed.v1' && event.subject === bidId,
    );
    expect(failedEvent?.data).toMatchObject({
      submissionNumber: 1,
      reasons: [
        { code: 'budget-exceeds-ceiling', field: 'requestedAmountKzt' },
        { code: 'commercial-activity', field: 'nonCommercialDeclared' },
      ],
    });
    // Withdrawn before the decision: it takes no part in the lottery.
    const withdrawn = await test.call('POST', `/bids/${bidId}/withdraw`, {
      token: leader!.token,
      body: { reason: 'team-decision' },
    });
    expect(withdrawn).toMatchObject({ status: 200, body: { status: 'withdrawn' } });
    expect(
      (await published()).find((event) => event.type === 'applications.bid.withdrawn.v1')?.data,
    ).toMatchObject({
      bidId,
      reason: 'team-decision',
    });
  });

  it('assigns reviews to the host organization or the committee and respects declared conflicts', async () => {
    const hostReviewer = await test.token({ roles: ['host_org'], hostOrgId: 'h-1', subject: 'reviewer-h1' });
    const otherHost = await test.token({ roles: ['host_org'], hostOrgId: 'h-2' });
    const committeeA = await test.token({
      roles: ['committee'],
      subject: 'committee-a',
      regions: ['akmola'],
    });
    const committeeB = await test.token({ roles: ['committee'], subject: 'committee-b' });
    const review = (bidId: string, token: string, body: unknown) =>
      test.call('POST', `/bids/${bidId}/reviews`, { token, body });

    expect((await review(host.bidId, otherHost, rubric(90))).status).toBe(403);
    expect((await review(host.bidId, committeeA, rubric(90))).status).toBe(403);
    expect(
      await review(host.bidId, hostReviewer, { criteria: [{ code: 'budget', score: 90 }] }),
    ).toMatchObject({ status: 422, body: { type: '/problems/rubric-mismatch' } });
    expect((await review(host.bidId, hostReviewer, rubric(80))).status).toBe(201);
    expect(await review(host.bidId, hostReviewer, rubric(80))).toMatchObject({
      status: 409,
      body: { type: '/problems/already-reviewed' },
    });

    expect(
      (
        await test.call('POST', `/bids/${independent.bidId}/conflicts`, {
          token: committeeA,
          body: { reason: 'family-relation' },
        })
      ).status,
    ).toBe(204);
    expect(await review(independent.bidId, committeeA, rubric(95))).toMatchObject({
      status: 409,
      body: { type: '/problems/conflict-of-interest' },
    });
    expect((await review(independent.bidId, committeeB, rubric(70))).status).toBe(201);
    expect((await review(weak.bidId, committeeB, rubric(50))).status).toBe(201);

    const hostList = await test.call<{ items: { bidId: string }[] }>('GET', `/bids?roundId=${ROUND}`, {
      token: hostReviewer,
    });
    expect(hostList.body.items.map((item) => item.bidId)).toEqual([host.bidId]);
    const committeeList = await test.call<{ items: { bidId: string }[] }>(
      'GET',
      `/bids?roundId=${ROUND}&region=akmola`,
      {
        token: committeeB,
      },
    );
    expect(committeeList.body.items.map((item) => item.bidId).sort()).toEqual(
      [independent.bidId, weak.bidId].sort(),
    );
    const firstPage = await test.call<{ items: unknown[]; nextCursor: string }>(
      'GET',
      `/bids?roundId=${ROUND}&limit=1`,
      {
        token: coordinator,
      },
    );
    const secondPage = await test.call<{ items: { bidId: string }[] }>(
      'GET',
      `/bids?roundId=${ROUND}&limit=1&cursor=${firstPage.body.nextCursor}`,
      { token: coordinator },
    );
    expect(firstPage.body.items).toHaveLength(1);
    expect(secondPage.body.items).toHaveLength(1);
    expect(secondPage.body.items[0]).not.toEqual(firstPage.body.items[0]);

    for (const bid of [host, independent, weak]) {
      expect(
        (await test.call('POST', `/bids/${bid.bidId}/qualification`, { token: coordinator })).status,
      ).toBe(200);
    }
    events = await published();
    const reviewed = events.find(
      (event) => event.type === 'applications.bid.reviewed.v1' && event.subject === host.bidId,
    );
    expect(reviewed?.data).toMatchObject({
      reviewerRole: 'host-organization',
      hostOrganizationId: 'h-1',
      totalScore: 80,
    });
    expect(JSON.stringify(reviewed?.data)).not.toContain('reviewer-h1');
    expect(
      events.find(
        (event) => event.type === 'applications.bid.qualified.v1' && event.subject === independent.bidId,
      )?.data,
    ).toMatchObject({
      averageScore: 70,
      reviewCount: 1,
    });
    expect(
      events.find(
        (event) => event.type === 'applications.bid.not-qualified.v1' && event.subject === weak.bidId,
      )?.data,
    ).toMatchObject({
      reason: 'below-qualifying-score',
      averageScore: 50,
    });
  });

  it('draws a verifiable lottery after the window closes and awards the winners', async () => {
    const seed = 'c0ffee'.repeat(6);
    const draw = () =>
      test.call<{
        lottery: { lotteryId: string; winnerBidIds: string[]; candidateBidIds: string[] };
        decidedBids: number;
      }>('POST', `/rounds/${ROUND}/regions/akmola/lottery`, {
        token: coordinator,
        body: { seed },
        headers: { 'Idempotency-Key': 'draw-akmola-2019' },
      });
    expect((await draw()).body).toMatchObject({ type: '/problems/window-still-open' });
    clock.now = new Date('2019-05-01T06:00:00.000Z');
    const drawn = await draw();
    expect(drawn.status).toBe(201);
    const { lottery } = drawn.body;
    expect(lottery.candidateBidIds).toEqual([host.bidId, independent.bidId].sort());
    expect(lottery.winnerBidIds).toHaveLength(1);
    expect(drawn.body.decidedBids).toBe(3);
    const replay = await draw();
    expect(replay.body).toEqual(drawn.body);

    const verification = await test.call('GET', `/lotteries/${lottery.lotteryId}/verification`);
    expect(verification).toMatchObject({ status: 200, body: { agrees: true } });
    const publishedLottery = (
      await test.call<Record<string, unknown>>('GET', `/lotteries/${lottery.lotteryId}`)
    ).body;
    const loser = lottery.candidateBidIds.find((id) => id !== lottery.winnerBidIds[0])!;
    const tampered = await test.call('POST', '/lotteries/verification', {
      body: { ...publishedLottery, winnerBidIds: [loser] },
    });
    expect(tampered).toMatchObject({
      status: 200,
      body: { agrees: false, winnersAgree: false, hashAgrees: true },
    });

    events = await published();
    expect(events.filter((event) => event.type === 'applications.lottery.drawn.v1')).toHaveLength(1);
    const winner = [host, independent].find((bid) => bid.bidId === lottery.winnerBidIds[0])!;
    const awarded = events.find((event) => event.type === 'applications.bid.awarded.v1');
    expect(awarded?.data).toEqual({
      bidId: winner.bidId,
      teamId: winner.teamId,
      roundId: ROUND,
      region: 'akmola',
      lotteryId: lottery.lotteryId,
      ...(winner === host ? { hostOrganizationId: 'h-1' } : {}),
      awardedAmountKzt: 750_000,
      durationMonths: 6,
      leaderParticipantId: winner.leader.participantId,
      memberParticipantIds: winner.members.map((member) => member.participantId),
      awardedAt: clock.now.toISOString(),
    });
    const notAwarded = events.filter((event) => event.type === 'applications.bid.not-awarded.v1');
    expect(
      notAwarded.map((event) => [event.subject, (event.data as { reason: string }).reason]).sort(),
    ).toEqual(
      [
        [loser, 'not-drawn-in-lottery'],
        [weak.bidId, 'not-qualified'],
      ].sort(),
    );
    const again = await test.call('POST', `/lotteries/${lottery.lotteryId}/outcomes`, { token: coordinator });
    expect(again).toMatchObject({ status: 200, body: { decidedBids: 0 } });
    const status = await test.call('GET', `/bid-status/${winner.registrationNumber}`, {
      token: winner.leader.token,
    });
    expect(status.body).toMatchObject({
      status: 'awarded',
      awardedAmountKzt: 750_000,
      lotteryId: lottery.lotteryId,
    });
  });

  it('publishes no IIN, name or phone in any message', async () => {
    const messages = await test.publishedMessages();
    expect(messages.length).toBeGreaterThan(20);
    for (const message of messages) {
      const value = message.value ?? '';
      expect(personalDataFindings(JSON.parse(value))).toEqual([]);
      for (const { body } of registered) {
        expect(value).not.toContain(body.iin);
        expect(value).not.toContain(body.fullName);
        expect(value).not.toContain(body.phone);
        expect(value).not.toContain(body.phone.replace(/\D/g, ''));
      }
    }
  });
});
