/* Invitation codes, joining, the team's people with their eligibility, and members editing the bid, over HTTP. */
import { type TestService, startServiceForTest } from '@zhas/service-kit/testing';
import { type Config } from '../../config';
import * as applications from '../../index';
import { registerApplicant } from '../../testing/applicants';
import { completeContent, person, roundPublished } from '../../testing/fixtures';

const ROUND = 'rnd-codes';
const clock = { now: new Date('2019-03-10T06:00:00.000Z') };

interface Team {
  teamId: string;
  status: string;
  memberParticipantIds: string[];
  invitedParticipantIds: string[];
  invitationCode: string | null;
  bidId: string;
  version: number;
}

describe('joining a team with its invitation code', () => {
  let test: TestService<Config>;
  const register = (body = person()) => registerApplicant(test, body);
  let leader: Awaited<ReturnType<typeof register>>;
  let teamId: string;
  let code: string;

  beforeAll(async () => {
    test = await startServiceForTest(applications, { now: () => clock.now });
    await test.deliver(roundPublished(ROUND));
    leader = await register();
    const team = await test.call<Team>('POST', '/teams', {
      token: leader.token,
      body: { roundId: ROUND, region: 'akmola' },
    });
    expect(team.status).toBe(201);
    teamId = team.body.teamId;
  });
  afterAll(() => test.stop());

  it('gives the leader a code that only the team sees, and a new one replaces it', async () => {
    const member = await register();
    const first = await test.call<Team>('POST', `/teams/${teamId}/invitation-code`, { token: member.token });
    expect(first).toMatchObject({ status: 403, body: { type: '/problems/forbidden' } });

    const coded = await test.call<Team>('POST', `/teams/${teamId}/invitation-code`, { token: leader.token });
    expect(coded.status).toBe(200);
    expect(coded.body.invitationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const renewed = await test.call<Team>('POST', `/teams/${teamId}/invitation-code`, {
      token: leader.token,
    });
    expect(renewed.body.invitationCode).not.toBe(coded.body.invitationCode);
    code = renewed.body.invitationCode!;

    const old = await test.call('GET', `/team-invitations/${coded.body.invitationCode}`, {
      token: member.token,
    });
    expect(old).toMatchObject({ status: 404, body: { type: '/problems/not-found' } });
    // Staff see the team, not its code.
    const seen = await test.call<Team>('GET', `/teams/${teamId}`, {
      token: await test.token({ roles: ['coordinator'], regions: ['akmola'] }),
    });
    expect(seen.body).toMatchObject({ invitationCode: code, bidId: `b-${teamId.slice(2)}` });
    const host = await test.call<Team>('GET', `/teams/${teamId}`, {
      token: await test.token({ roles: ['viewer'] }),
    });
    expect(host.body.invitationCode).toBeNull();
  });

  it('shows the holder of a code the team and whether they may join, then lets them join once', async () => {
    const joiner = await register();
    const typed = code.toLowerCase().replace('-', ' ');
    const preview = await test.call('GET', `/team-invitations/${encodeURIComponent(typed)}`, {
      token: joiner.token,
    });
    expect(preview).toMatchObject({
      status: 200,
      body: {
        code,
        teamId,
        roundId: ROUND,
        region: 'akmola',
        memberCount: 1,
        teamSize: { min: 3, max: 5 },
        alreadyMember: false,
        registered: true,
        reasons: [],
        leaderName: expect.stringContaining('Айгерим') as string,
      },
    });
    const joins = await Promise.all([
      test.call<Team>('POST', `/team-invitations/${code}/accept`, { token: joiner.token }),
      test.call<Team>('POST', `/team-invitations/${code}/accept`, { token: joiner.token }),
    ]);
    expect(joins.map((reply) => reply.status)).toEqual([200, 200]);
    const team = await test.call<Team>('GET', `/teams/${teamId}`, { token: joiner.token });
    expect(team.body.memberParticipantIds).toEqual([leader.participantId, joiner.participantId]);
    expect(team.body.invitationCode).toBe(code);

    // An applicant not yet registered sees the team but may not join.
    const unregistered = await test.token({ roles: ['applicant'], subject: 'not-registered' });
    expect(await test.call('GET', `/team-invitations/${code}`, { token: unregistered })).toMatchObject({
      status: 200,
      body: { registered: false },
    });
    expect(
      await test.call('POST', `/team-invitations/${code}/accept`, { token: unregistered }),
    ).toMatchObject({ status: 403 });
  });

  it('tells who may not join and why, and keeps people in one team per round', async () => {
    const old = await register(person({ birthDate: '1985-01-01' }));
    const preview = await test.call('GET', `/team-invitations/${code}`, { token: old.token });
    expect(preview).toMatchObject({ status: 200, body: { reasons: ['member-age-out-of-range'] } });
    const refused = await test.call('POST', `/team-invitations/${code}/accept`, { token: old.token });
    expect(refused).toMatchObject({
      status: 422,
      body: { type: '/problems/not-eligible', reasons: ['member-age-out-of-range'] },
    });

    const elsewhere = await register();
    const other = await test.call<Team>('POST', '/teams', {
      token: elsewhere.token,
      body: { roundId: ROUND, region: 'akmola' },
    });
    expect(other.status).toBe(201);
    const busy = await test.call('POST', `/team-invitations/${code}/accept`, { token: elsewhere.token });
    expect(busy).toMatchObject({ status: 422, body: { reasons: ['member-in-another-team'] } });

    // The leader sees everyone with their eligibility: an invitee from outside the round's regions is not eligible.
    const outsider = await register(person({ region: 'almaty' }));
    await test.call('POST', `/teams/${teamId}/invitations`, {
      token: leader.token,
      body: { participantId: outsider.participantId },
    });
    const people = await test.call<{ items: { role: string; eligible: boolean; reasons: string[] }[] }>(
      'GET',
      `/teams/${teamId}/people`,
      { token: leader.token },
    );
    expect(people.status).toBe(200);
    expect(people.body.items.map(({ role, eligible, reasons }) => ({ role, eligible, reasons }))).toEqual([
      { role: 'leader', eligible: true, reasons: [] },
      { role: 'member', eligible: true, reasons: [] },
      { role: 'invited', eligible: false, reasons: ['region-not-in-round'] },
    ]);
    // The invitee finds the team in their list, to accept or decline.
    const listed = await test.call<{ items: Team[] }>('GET', `/teams?roundId=${ROUND}`, {
      token: outsider.token,
    });
    expect(listed.body.items.map((team) => team.teamId)).toEqual([teamId]);
    expect(listed.body.items[0]!.invitationCode).toBeNull();
    await test.call('DELETE', `/teams/${teamId}/members/${outsider.participantId}`, {
      token: outsider.token,
    });
  });

  it('is joined after forming until the bid is submitted, publishing the change', async () => {
    const third = await register();
    expect((await test.call('POST', `/team-invitations/${code}/accept`, { token: third.token })).status).toBe(
      200,
    );
    expect((await test.call('POST', `/teams/${teamId}/form`, { token: leader.token })).status).toBe(200);
    const fourth = await register();
    const joined = await test.call<Team>('POST', `/team-invitations/${code}/accept`, { token: fourth.token });
    expect(joined).toMatchObject({ status: 200, body: { status: 'formed' } });
    expect(joined.body.memberParticipantIds).toHaveLength(4);
    const events = await test.publishedEvents();
    const changed = events.find(
      (event) => event.type === 'applications.team.changed.v1' && event.subject === teamId,
    );
    expect(changed?.data).toMatchObject({ joinedParticipantIds: [fourth.participantId] });

    const bid = await test.call<{ bidId: string; version: number }>('POST', '/bids', {
      token: leader.token,
      body: { teamId, content: completeContent },
    });
    expect(bid.body.bidId).toBe(joined.body.bidId);
    const submitted = await test.call('POST', `/bids/${bid.body.bidId}/submit`, {
      token: leader.token,
      headers: { 'Idempotency-Key': 'codes-submit-1' },
    });
    expect(submitted.status).toBe(200);
    const late = await register();
    const refused = await test.call('POST', `/team-invitations/${code}/accept`, { token: late.token });
    expect(refused).toMatchObject({ status: 409, body: { type: '/problems/bid-submitted' } });
    const renew = await test.call('POST', `/teams/${teamId}/invitation-code`, { token: leader.token });
    expect(renew).toMatchObject({ status: 409, body: { type: '/problems/bid-submitted' } });
  });

  it('refuses what cannot be a code with a 400 naming the field, and a revoked code opens nothing', async () => {
    const someone = await register();
    const bad = await test.call<{ errors: { field: string }[] }>('GET', '/team-invitations/not-a-code', {
      token: someone.token,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error) => error.field)).toEqual(['params.code']);

    const other = await register();
    const team = await test.call<Team>('POST', '/teams', {
      token: other.token,
      body: { roundId: ROUND, region: 'akmola' },
    });
    const coded = await test.call<Team>('POST', `/teams/${team.body.teamId}/invitation-code`, {
      token: other.token,
    });
    const revoked = await test.call<Team>('DELETE', `/teams/${team.body.teamId}/invitation-code`, {
      token: other.token,
    });
    expect(revoked).toMatchObject({ status: 200, body: { invitationCode: null } });
    const gone = await test.call('POST', `/team-invitations/${coded.body.invitationCode}/accept`, {
      token: someone.token,
    });
    expect(gone.status).toBe(404);
  });
});

describe('a bid edited by several members', () => {
  let test: TestService<Config>;
  beforeAll(async () => {
    test = await startServiceForTest(applications, { now: () => clock.now });
    await test.deliver(roundPublished(ROUND));
  });
  afterAll(() => test.stop());

  it('takes any member’s save, refuses a stale one with 409, and keeps its history', async () => {
    const people = [];
    for (let index = 0; index < 3; index += 1) {
      const subject = `member-${index}-${Math.random().toString(36).slice(2)}`;
      const reply = await test.call<{ participantId: string }>('POST', '/participants', {
        token: await test.token({ roles: ['applicant'], subject }),
        body: person(),
      });
      people.push({
        participantId: reply.body.participantId,
        token: await test.token({ roles: ['applicant'], subject, participantId: reply.body.participantId }),
      });
    }
    const [leader, member, third] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
    const team = await test.call<Team>('POST', '/teams', {
      token: leader.token,
      body: { roundId: ROUND, region: 'akmola' },
    });
    const { invitationCode } = (
      await test.call<Team>('POST', `/teams/${team.body.teamId}/invitation-code`, { token: leader.token })
    ).body;
    for (const joiner of [member, third]) {
      await test.call('POST', `/team-invitations/${invitationCode}/accept`, { token: joiner.token });
    }
    const started = await test.call<{ bidId: string; version: number; startedAt: string }>('POST', '/bids', {
      token: leader.token,
      body: { teamId: team.body.teamId },
    });
    expect(started.body.startedAt).toBe(clock.now.toISOString());
    const bidId = started.body.bidId;
    const byMember = await test.call<{ version: number }>('PUT', `/bids/${bidId}/draft`, {
      token: member.token,
      body: { version: started.body.version, content: { ...completeContent, title: 'Member’s title' } },
    });
    expect(byMember.status).toBe(200);
    const stale = await test.call('PUT', `/bids/${bidId}/draft`, {
      token: third.token,
      body: { version: started.body.version, content: { ...completeContent, title: 'Third’s title' } },
    });
    expect(stale).toMatchObject({
      status: 409,
      body: { type: '/problems/stale-version', currentVersion: byMember.body.version },
    });
    // Members edit; only the leader submits.
    const notLeader = await test.call('POST', `/bids/${bidId}/submit`, {
      token: member.token,
      headers: { 'Idempotency-Key': 'member-submits' },
    });
    expect(notLeader.status).toBe(403);
    await test.call('POST', `/teams/${team.body.teamId}/form`, { token: leader.token });
    const submitted = await test.call<{ history: { step: string; submissionNumber: number }[] }>(
      'POST',
      `/bids/${bidId}/submit`,
      { token: leader.token, headers: { 'Idempotency-Key': 'leader-submits' } },
    );
    expect(submitted.status).toBe(200);
    expect(submitted.body.history.map(({ step, submissionNumber }) => [step, submissionNumber])).toEqual([
      ['submitted', 1],
      ['in-review', 1],
    ]);
  });
});
