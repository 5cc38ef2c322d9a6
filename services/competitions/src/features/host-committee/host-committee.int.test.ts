import { reviewerIdOf } from '@zhas/domain';
import { makeBin } from '@zhas/kz';
import { startServiceForTest, type TestService } from '@zhas/service-kit/testing';
import { type Config } from '../../config';
import * as competitions from '../../index';
import { publishedRound } from '../../testing/published-round';
import { eligibleHostFacts } from '../../testing/sample-host-facts';

// A region's committee on the real database: assigned by a coordinator of the region (the others refused, bad ids
// and regions outside the round named), then only its members score there; final once the selection is confirmed.

const clock = { now: new Date('2019-01-10T05:00:00.000Z') };
let test: TestService<Config>;
let coordinator: string;
let roundId: string;
let hostApplicationId: string;
let key = 0;
const idem = () => ({ 'Idempotency-Key': `committee-${Date.now()}-${(key += 1)}` });
const scores = {
  scores: ['youth-experience', 'regional-presence', 'mentoring-capacity'].map((code) => ({
    code,
    score: 75,
  })),
};

beforeAll(async () => {
  test = await startServiceForTest(competitions, { now: () => clock.now });
  coordinator = await test.token({ roles: ['coordinator'] });
  roundId = await publishedRound(test, coordinator);
  const founder = await test.token({ roles: ['host_org'], subject: 'committee-founder' });
  const organization = await test.call<{ hostOrganizationId: string }>('POST', '/organizations', {
    token: founder,
    headers: idem(),
    body: {
      bin: makeBin({
        registeredOn: '2010-03',
        entityType: 'resident-legal-entity',
        entityKind: 'head-office',
        serial: 4242,
      }),
      name: 'Жастар үйі',
    },
  });
  const staff = await test.token({ roles: ['host_org'], hostOrgId: organization.body.hostOrganizationId });
  const draft = await test.call<{ hostApplicationId: string; version: number }>(
    'POST',
    `/rounds/${roundId}/host-applications`,
    {
      token: staff,
      body: {
        hostOrganizationId: organization.body.hostOrganizationId,
        region: 'akmola',
        facts: eligibleHostFacts,
      },
    },
  );
  hostApplicationId = draft.body.hostApplicationId;
  clock.now = new Date('2019-02-01T10:00:00.000Z');
  const submitted = await test.call('POST', `/host-applications/${hostApplicationId}/submit`, {
    token: staff,
    headers: idem(),
    body: { version: draft.body.version },
  });
  expect(submitted.status).toBe(200);
});
afterAll(() => test.stop());

describe("a region's committee", () => {
  const path = () => `/rounds/${roundId}/regions/akmola/host-committee`;
  const member = (subject: string) => test.token({ roles: ['committee'], subject, regions: ['akmola'] });
  const score = async (subject: string) =>
    (
      await test.call('PUT', `/host-applications/${hostApplicationId}/scores/me`, {
        token: await member(subject),
        body: scores,
      })
    ).status;

  it('is not assigned at first: every committee member of the region scores', async () => {
    const read = await test.call('GET', path(), { token: await member('member-2') });
    expect(read).toMatchObject({ status: 200, body: { assigned: false, memberIds: [] } });
    expect(await score('member-2')).toBe(200);
  });

  it('is assigned by a coordinator of the region only, with reviewer ids of a region of the round', async () => {
    const body = { memberIds: [reviewerIdOf('member-1')] };
    const elsewhere = await test.token({ roles: ['coordinator'], regions: ['mangystau'] });
    expect((await test.call('PUT', path(), { token: elsewhere, body })).status).toBe(403);
    expect((await test.call('PUT', path(), { token: await member('member-1'), body })).status).toBe(403);
    const badId = await test.call<{ errors: { field: string }[] }>('PUT', path(), {
      token: coordinator,
      body: { memberIds: ['someone@example.kz'] },
    });
    expect(badId.status).toBe(400);
    expect(badId.body.errors.map((error) => error.field)).toEqual(['body.memberIds.0']);
    const outside = await test.call('PUT', `/rounds/${roundId}/regions/abai/host-committee`, {
      token: coordinator,
      body,
    });
    expect(outside).toMatchObject({ status: 422, body: { type: '/problems/region-not-in-round' } });

    const ofAkmola = await test.token({ roles: ['coordinator'], regions: ['akmola'] });
    const assigned = await test.call('PUT', path(), { token: ofAkmola, body });
    expect(assigned).toMatchObject({ status: 200, body: { assigned: true, memberIds: body.memberIds } });
    // The same list again: the same committee.
    expect((await test.call('PUT', path(), { token: ofAkmola, body })).body).toMatchObject({
      memberIds: body.memberIds,
    });
  });

  it('lets only its members score, save drafts or declare conflicts once assigned', async () => {
    expect(await score('member-1')).toBe(200);
    expect(await score('member-2')).toBe(403);
    const conflict = await test.call('POST', `/host-applications/${hostApplicationId}/conflicts`, {
      token: await member('member-2'),
    });
    expect(conflict.status).toBe(403);
  });

  it('is final once the selection is confirmed', async () => {
    clock.now = new Date('2019-02-16T00:00:00.000Z');
    const confirmed = await test.call('POST', `/rounds/${roundId}/regions/akmola/host-selection`, {
      token: coordinator,
      headers: idem(),
    });
    expect(confirmed.status).toBe(201);
    const again = await test.call('PUT', path(), {
      token: coordinator,
      body: { memberIds: [reviewerIdOf('member-2')] },
    });
    expect(again).toMatchObject({ status: 409, body: { type: '/problems/selection-confirmed' } });
  });
});
