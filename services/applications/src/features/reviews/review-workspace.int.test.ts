/* Review as the workspace drives it: the registry, assignments, queues, conflicts, drafts, bulk decisions, the
 * pipeline and the lottery's three steps, with the audit trail of who did what. Real database and broker. */
import { type TestService, startServiceForTest } from '@zhas/service-kit/testing';
import { type Config } from '../../config';
import * as applications from '../../index';
import { formTeam } from '../../testing/applicants';
import { completeContent, person, roundPublished, rubric } from '../../testing/fixtures';

const ROUND = 'rnd-2019-workspace';
const clock = { now: new Date('2019-03-10T06:00:00.000Z') };

describe('the review workspace', () => {
  let test: TestService<Config>;
  let coordinator: string;
  const reviewer: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
  let elsewhere: string;
  const bids: { bidId: string; registrationNumber: string; names: string[] }[] = [];

  const teamWithBid = async (index: number) => {
    const people = [];
    for (let member = 0; member < 3; member++) {
      const body = person({ region: 'akmola' });
      const subject = `ws-${index}-${member}-${Date.now()}`;
      const reply = await test.call<{ participantId: string }>('POST', '/participants', {
        token: await test.token({ roles: ['applicant'], subject }),
        body,
      });
      expect(reply.status).toBe(201);
      people.push({
        body,
        participantId: reply.body.participantId,
        token: await test.token({ roles: ['applicant'], subject, participantId: reply.body.participantId }),
      });
    }
    const [leader, ...others] = people;
    const teamId = await formTeam(test, leader!, others, {
      roundId: ROUND,
      region: 'akmola',
      hostOrganizationId: null,
    });
    const bid = await test.call<{ bidId: string; registrationNumber: string }>('POST', '/bids', {
      token: leader!.token,
      body: { teamId, content: completeContent },
    });
    const submitted = await test.call<{ status: string }>('POST', `/bids/${bid.body.bidId}/submit`, {
      token: leader!.token,
      headers: { 'Idempotency-Key': `ws-submit-${bid.body.bidId}` },
    });
    expect(submitted.body.status).toBe('in-review');
    bids.push({ ...bid.body, names: people.map((one) => one.body.fullName) });
  };

  beforeAll(async () => {
    test = await startServiceForTest(applications, { now: () => clock.now });
    coordinator = await test.token({ roles: ['coordinator'], subject: 'k-ws', name: 'Dana Coordinator' });
    elsewhere = await test.token({ roles: ['coordinator'], subject: 'k-else', regions: ['mangystau'] });
    for (const key of ['a', 'b', 'c'] as const) {
      reviewer[key] = await test.token({
        roles: ['committee'],
        subject: `committee-${key}`,
        regions: ['akmola'],
        name: `Reviewer ${key.toUpperCase()}`,
      });
    }
    // A blind round: reviewers do not see who is in the team.
    await test.deliver(roundPublished(ROUND, { blindReview: true }));
    for (let index = 0; index < 3; index++) await teamWithBid(index);
  });
  afterAll(() => test.stop());

  it('assigns the committee evenly, and each reviewer sees their queue with counts and the due date', async () => {
    for (const token of Object.values(reviewer)) {
      expect((await test.call('PUT', '/reviewers/me', { token, body: {} })).status).toBe(200);
    }
    const dueAt = '2019-04-20T12:00:00.000Z';
    const path = `/rounds/${ROUND}/regions/akmola/review-assignments`;
    expect(
      (await test.call('POST', path, { token: elsewhere, body: { reviewersPerBid: 2, dueAt } })).status,
    ).toBe(403);
    const assigned = await test.call('POST', path, {
      token: coordinator,
      body: { reviewersPerBid: 2, dueAt },
    });
    expect(assigned).toMatchObject({
      status: 200,
      body: { bidsInReview: 3, assignmentsAdded: 6, bidsShortOfReviewers: 0 },
    });
    // Again: nothing missing, nothing added.
    expect(
      (await test.call('POST', path, { token: coordinator, body: { reviewersPerBid: 2, dueAt } })).body,
    ).toMatchObject({ assignmentsAdded: 0 });

    const progress = await test.call<{ items: { name: string; assigned: number; awaiting: number }[] }>(
      'GET',
      `/rounds/${ROUND}/regions/akmola/reviewers`,
      { token: coordinator },
    );
    expect(progress.body.items.map((item) => [item.name, item.assigned]).sort()).toEqual([
      ['Reviewer A', 2],
      ['Reviewer B', 2],
      ['Reviewer C', 2],
    ]);
    const summary = await test.call<{ items: unknown[] }>('GET', '/review-queue/summary', {
      token: reviewer.a,
    });
    expect(summary.body.items).toEqual([
      {
        roundId: ROUND,
        roundYear: 2019,
        roundTitle: { kk: 'Жас жоба 2019', ru: 'Жас Проект 2019', en: 'Zhas Project 2019' },
        region: 'akmola',
        assigned: 2,
        awaiting: 2,
        dueAt,
      },
    ]);
    const queue = await test.call<{ items: { bidId: string; dueAt: string }[] }>(
      'GET',
      `/review-queue?roundId=${ROUND}&limit=1`,
      { token: reviewer.a },
    );
    expect(queue.body.items).toHaveLength(1);
    expect(queue.body.items[0]).toMatchObject({ dueAt });
  });

  it('a declared conflict hides the bid and hands it to the free reviewer; a draft is kept, then submitted', async () => {
    const queueOf = async (token: string) =>
      (await test.call<{ items: { bidId: string }[] }>('GET', '/review-queue', { token })).body.items.map(
        (item) => item.bidId,
      );
    const first = (await queueOf(reviewer.a))[0]!;
    const sheet = await test.call<{ blind: boolean; team: unknown; criteria: unknown[] }>(
      'GET',
      `/bids/${first}/review-sheet`,
      { token: reviewer.a },
    );
    expect(sheet).toMatchObject({ status: 200, body: { blind: true, team: null } });
    for (const name of bids.find((bid) => bid.bidId === first)!.names) {
      expect(JSON.stringify(sheet.body)).not.toContain(name);
    }
    expect(
      (
        await test.call('POST', `/bids/${first}/conflicts`, {
          token: reviewer.a,
          body: { reason: 'family-relation' },
        })
      ).status,
    ).toBe(204);
    expect(await queueOf(reviewer.a)).not.toContain(first);
    expect((await test.call('GET', `/bids/${first}/review-sheet`, { token: reviewer.a })).body).toMatchObject(
      {
        type: '/problems/conflict-of-interest',
      },
    );
    // Every one of the three is now assigned the bid, minus the one who abstained: two reviewers still.
    const holders = [];
    for (const key of ['b', 'c'] as const)
      if ((await queueOf(reviewer[key])).includes(first)) holders.push(key);
    expect(holders).toHaveLength(2);

    const second = (await queueOf(reviewer.a))[0]!;
    const draft = { criteria: [{ code: 'feasibility', score: 70, comment: 'Clear plan' }] };
    expect(
      (await test.call('PUT', `/bids/${second}/reviews/mine/draft`, { token: reviewer.a, body: draft }))
        .status,
    ).toBe(204);
    expect(
      (await test.call('GET', `/bids/${second}/review-sheet`, { token: reviewer.a })).body,
    ).toMatchObject({ draft: { criteria: draft.criteria } });
    expect(
      (await test.call('POST', `/bids/${second}/reviews`, { token: reviewer.a, body: rubric(80) })).status,
    ).toBe(201);
    expect(await queueOf(reviewer.a)).toEqual([]);
  });

  it('decides the ready bids in bulk, shows the pipeline, and runs the lottery in three steps', async () => {
    for (const key of ['b', 'c'] as const) {
      const queue = (
        await test.call<{ items: { bidId: string }[] }>('GET', '/review-queue', { token: reviewer[key] })
      ).body.items;
      for (const { bidId } of queue) {
        expect(
          (await test.call('POST', `/bids/${bidId}/reviews`, { token: reviewer[key], body: rubric(75) }))
            .status,
        ).toBe(201);
      }
    }
    const pipeline = await test.call<{ items: { byStatus: Record<string, number>; review: unknown }[] }>(
      'GET',
      `/rounds/${ROUND}/pipeline`,
      { token: coordinator },
    );
    expect(pipeline.body.items[0]).toMatchObject({
      byStatus: { 'in-review': 3 },
      review: { complete: 3, awaiting: 0, unassigned: 0, reviewersPerBid: 2 },
    });
    const decided = await test.call('POST', `/rounds/${ROUND}/regions/akmola/qualification-decisions`, {
      token: coordinator,
    });
    expect(decided).toMatchObject({ status: 200, body: { qualified: 3, notQualified: 0, stillInReview: 0 } });

    const seed = 'ab'.repeat(16);
    const fixed = await test.call<{ lotteryId: string; status: string }>(
      'PUT',
      `/rounds/${ROUND}/regions/akmola/lottery/seed`,
      { token: coordinator, body: { seed } },
    );
    expect(fixed).toMatchObject({ status: 201, body: { status: 'seed-fixed' } });
    expect(
      (
        await test.call('PUT', `/rounds/${ROUND}/regions/akmola/lottery/seed`, {
          token: coordinator,
          body: { seed: 'cd'.repeat(16) },
        })
      ).body,
    ).toMatchObject({ type: '/problems/lottery-seed-fixed' });
    const preparation = await test.call<{ candidateCount: number; candidates: { items: unknown[] } }>(
      'GET',
      `/rounds/${ROUND}/regions/akmola/lottery/preparation?limit=2`,
      { token: coordinator },
    );
    expect(preparation.body).toMatchObject({ status: 'seed-fixed', candidateCount: 3 });
    expect(preparation.body.candidates.items).toHaveLength(2);
    const { lotteryId } = fixed.body;
    expect((await test.call('GET', `/lotteries/${lotteryId}`)).status).toBe(404);
    expect(
      (await test.call('POST', `/lotteries/${lotteryId}/draw`, { token: coordinator })).body,
    ).toMatchObject({
      type: '/problems/window-still-open',
    });
    clock.now = new Date('2019-05-01T06:00:00.000Z');
    expect(
      (await test.call('POST', `/lotteries/${lotteryId}/draw`, { token: coordinator })).body,
    ).toMatchObject({ status: 'drawn', candidateCount: 3 });
    // Drawn but not published: still nothing public.
    expect((await test.call('GET', `/lotteries/${lotteryId}`)).status).toBe(404);
    const published = await test.call<{
      lottery: { candidateRegistrationNumbers: string[] };
      decidedBids: number;
    }>('POST', `/lotteries/${lotteryId}/publish`, { token: coordinator });
    expect(published).toMatchObject({ status: 200, body: { decidedBids: 3 } });
    expect([...published.body.lottery.candidateRegistrationNumbers].sort()).toEqual(
      bids.map((bid) => bid.registrationNumber).sort(),
    );
    expect(await test.call('GET', `/lotteries/${lotteryId}/verification`)).toMatchObject({
      status: 200,
      body: { agrees: true },
    });
    expect((await test.call('GET', `/rounds/${ROUND}/lotteries`)).body).toMatchObject({
      year: 2019,
      items: [{ lotteryId, region: 'akmola', candidateCount: 3 }],
    });
    const awarded = await test.call<{ items: unknown[] }>('GET', `/bids?roundId=${ROUND}&status=awarded`, {
      token: coordinator,
    });
    expect(awarded.body.items).toHaveLength(1);
    const below = await test.call<{ items: { notAwardedReason: string }[] }>(
      'GET',
      `/bids?roundId=${ROUND}&status=not-awarded`,
      { token: coordinator },
    );
    expect(below.body.items.map((item) => item.notAwardedReason)).toEqual([
      'not-drawn-in-lottery',
      'not-drawn-in-lottery',
    ]);

    const trail = await test.call<{ items: { action: string; actor: { name?: string; roles: string[] } }[] }>(
      'GET',
      `/audit-trail/${lotteryId}`,
      { token: coordinator },
    );
    expect(trail.body.items.map((item) => [item.action, item.actor.name])).toEqual([
      ['lottery.seed-fixed', 'Dana Coordinator'],
      ['lottery.drawn', 'Dana Coordinator'],
      ['lottery.published', 'Dana Coordinator'],
    ]);
    expect((await test.call('GET', `/audit-trail/${lotteryId}`, { token: elsewhere })).status).toBe(403);
    const bidTrail = await test.call<{ items: { action: string; actor: { name?: string } }[] }>(
      'GET',
      `/audit-trail/${bids[0]!.bidId}`,
      { token: coordinator },
    );
    const actions = bidTrail.body.items.map((item) => item.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'bid.started',
        'bid.submitted',
        'bid.reviewers-assigned',
        'bid.qualification-decided',
      ]),
    );
    // An applicant's own actions are recorded by role, never by name.
    const started = bidTrail.body.items.find((item) => item.action === 'bid.started');
    expect(started?.actor.name).toBeUndefined();
  });
});
