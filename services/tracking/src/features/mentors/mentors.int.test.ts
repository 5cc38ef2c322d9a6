/* Mentors on the real database and broker: the registry, the conflict rule, the mentor's own view, the events. */
import { personalDataFindings } from '@zhas/contracts';
import { startServiceForTest, type TestService } from '@zhas/service-kit/testing';
import { composeService, type Config, configSchema, SERVICE_NAME } from '../../index';
import { bidAwarded, roundPublished } from '../../test-support/events';

const clock = { now: new Date('2019-05-11T06:00:00Z') };

describe('mentors', () => {
  let test: TestService<Config>;
  let coordinator: string;
  let atyrauCoordinator: string;
  const mentorToken = (subject: string) => test.token({ roles: ['mentor'], subject });
  /** A coordinator (by their token) gives a project a mentor. */
  const assign = (token: string, projectId: string, mentorId: string) =>
    test.call('PUT', `/projects/${projectId}/mentor`, { token, body: { mentorId } });
  const profile = {
    fullName: 'Ержан Сапаров',
    phone: '+7 701 234 5678',
    email: 'yerzhan@zhas.example',
    regions: ['akmola'],
    expertise: ['project-management', 'finance-and-budgeting'],
    capacity: 2,
  };

  beforeAll(async () => {
    test = await startServiceForTest(
      { SERVICE_NAME, configSchema, composeService },
      { now: () => clock.now },
    );
    coordinator = await test.token({ roles: ['coordinator'], regions: ['akmola'], name: 'Dana K.' });
    atyrauCoordinator = await test.token({ roles: ['coordinator'], regions: ['atyrau'] });
    await test.deliver(
      roundPublished('rnd-2019'),
      bidAwarded({ bidId: 'b-mentor-1', region: 'akmola', hostOrganizationId: 'org-h1' }),
      bidAwarded({ bidId: 'b-mentor-2', region: 'akmola' }),
    );
  });
  afterAll(() => test.stop());

  it('assigns a mentor under the conflict rule and shows the mentor their projects and reports', async () => {
    const employed = await mentorToken('mentor-employed');
    const free = await mentorToken('mentor-free');
    const a = await test.call<{ mentorId: string }>('PUT', '/mentors/me', {
      token: employed,
      body: { ...profile, employerHostOrganizationIds: ['org-h1'] },
    });
    expect(a.status).toBe(200);
    const b = await test.call<{ mentorId: string }>('PUT', '/mentors/me', {
      token: free,
      body: { ...profile, fullName: 'Айгүл Нұрова', email: 'aigul@zhas.example' },
    });
    expect(b.status).toBe(200);
    expect(
      (await test.call('PUT', '/mentors/me', { token: free, body: { ...profile, phone: 'call me' } })).body,
    ).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'body.phone' })] });

    const registry = await test.call<{ items: { fullName: string }[] }>('GET', '/mentors?region=akmola', {
      token: coordinator,
    });
    expect(registry.body.items.map((item) => item.fullName).sort()).toEqual([
      'Айгүл Нұрова',
      'Ержан Сапаров',
    ]);
    expect(
      (await test.call<{ items: unknown[] }>('GET', '/mentors', { token: atyrauCoordinator })).body.items,
    ).toEqual([]);

    const hosted = 'prj-b-mentor-1';
    const refused = await assign(coordinator, hosted, a.body.mentorId);
    expect(refused).toMatchObject({
      status: 422,
      body: { type: '/problems/mentor-conflict-of-interest', reason: 'works-for-host-organization' },
    });
    expect((await assign(atyrauCoordinator, hosted, b.body.mentorId)).status).toBe(403);
    expect((await assign(coordinator, hosted, b.body.mentorId)).status).toBe(200);
    expect(await assign(coordinator, hosted, a.body.mentorId)).toMatchObject({
      status: 409,
      body: { type: '/problems/project-has-mentor' },
    });
    expect(
      (
        await test.call<{ mentor: { mentorId: string } }>('GET', `/projects/${hosted}/mentor`, {
          token: coordinator,
        })
      ).body.mentor.mentorId,
    ).toBe(b.body.mentorId);

    const mine = await test.call<{ items: { projectId: string; reports: unknown[] }[] }>(
      'GET',
      '/mentors/me/projects',
      {
        token: free,
      },
    );
    expect(mine.body.items).toMatchObject([{ projectId: hosted, reports: [] }]);
    expect((await test.call('GET', `/mentors/me/projects/${hosted}/reports`, { token: free })).status).toBe(
      200,
    );
    expect(
      (await test.call('GET', `/mentors/me/projects/${hosted}/reports`, { token: employed })).status,
    ).toBe(403);

    // The mentor learns a member is a relative: declared, they leave the project, and cannot be given it again.
    expect(
      (
        await test.call('POST', `/mentors/${b.body.mentorId}/conflicts`, {
          token: free,
          body: { projectId: hosted, reason: 'relative-of-member' },
        })
      ).status,
    ).toBe(200);
    expect(await assign(coordinator, hosted, b.body.mentorId)).toMatchObject({
      status: 422,
      body: { reason: 'relative-of-member' },
    });

    const trail = await test.call<{ items: { action: string; actor: { name?: string } }[] }>(
      'GET',
      `/audit-trail/${b.body.mentorId}`,
      { token: coordinator },
    );
    expect(trail.body.items.map((item) => item.action)).toEqual([
      'mentor.profile-saved',
      'mentor.assigned',
      'mentor.conflict-declared',
    ]);
    expect(trail.body.items[1]!.actor.name).toBe('Dana K.');

    const events = await test.publishedEvents();
    const types = events
      .filter((event) => event.type.startsWith('tracking.mentor.'))
      .map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'tracking.mentor.registered.v1',
        'tracking.mentor.assigned.v1',
        'tracking.mentor.unassigned.v1',
      ]),
    );
    for (const message of await test.publishedMessages()) {
      expect(personalDataFindings(JSON.parse(message.value ?? '{}'))).toEqual([]);
      expect(message.value).not.toContain('Ержан');
      expect(message.value).not.toContain('yerzhan@');
    }
  });
  it("keeps a mentor's name, phone and e-mail sealed in the database, and reads them back", async () => {
    const token = await mentorToken('mentor-sealed');
    const saved = await test.call<{ mentorId: string; fullName: string }>('PUT', '/mentors/me', {
      token,
      body: { ...profile, fullName: 'Сауле Ахметова', phone: '+7 705 111 2233', email: 'saule@zhas.example' },
    });
    expect(saved.status).toBe(200);
    const collection = test.service.deps.mongo.db!.collection('mentors');
    const id = saved.body.mentorId;
    const raw = async () => JSON.stringify(await collection.findOne({ _id: id as never }));
    for (const value of ['Сауле', 'Ахметова', '705 111 2233', 'saule@zhas.example']) {
      expect(await raw()).not.toContain(value);
    }
    expect(await collection.findOne({ _id: id as never })).toMatchObject({
      personal: { keyId: 'local-1' },
      regions: ['akmola'],
      capacity: 2,
    });
    const shown = await test.call<{ fullName: string; phone: string; email: string }>('GET', '/mentors/me', {
      token,
    });
    expect(shown.body).toMatchObject({
      fullName: 'Сауле Ахметова',
      phone: '+7 705 111 2233',
      email: 'saule@zhas.example',
    });
    const registry = await test.call<{ items: { mentorId: string; email: string }[] }>(
      'GET',
      '/mentors?region=akmola',
      { token: coordinator },
    );
    expect(registry.body.items.find((item) => item.mentorId === id)?.email).toBe('saule@zhas.example');

    // A profile written readable by an older version is sealed by the rotation, and stays readable.
    await collection.updateOne(
      { _id: id as never },
      {
        $unset: { personal: '' },
        $set: { fullName: 'Сауле Ахметова', phone: '+7 705 111 2233', email: 'saule@zhas.example' },
      },
    );
    const rotated = await test.call('POST', '/admin/personal-data/rotate-keys', {
      token: await test.token({ roles: ['admin'] }),
    });
    expect(rotated).toMatchObject({ status: 200, body: { sealed: 1 } });
    expect(await raw()).not.toContain('Сауле');
    expect((await test.call<{ fullName: string }>('GET', '/mentors/me', { token })).body.fullName).toBe(
      'Сауле Ахметова',
    );
  });
});
