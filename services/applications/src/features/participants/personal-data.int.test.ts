/*
 * Personal data at rest: the database holds the IIN, name and phone only sealed; the keyed digest still finds one
 * IIN as one person; the person can have an export of what is held about them and have it erased.
 */
import { type TestService, startServiceForTest } from '@zhas/service-kit/testing';
import { type Config } from '../../config';
import * as applications from '../../index';
import { person, roundPublished } from '../../testing/fixtures';

const clock = { now: new Date('2019-03-10T06:00:00.000Z') };

interface ParticipantBody {
  participantId: string;
  iin: string;
  fullName: string;
  phone: string;
  erasedAt?: string;
}

describe('personal data of participants', () => {
  let test: TestService<Config>;

  beforeAll(async () => {
    test = await startServiceForTest(applications, { now: () => clock.now });
    await test.deliver(roundPublished('rnd-export'));
  });
  afterAll(async () => {
    await test.stop();
  });

  const register = async (body: ReturnType<typeof person>, subject: string) =>
    test.call<ParticipantBody>('POST', '/participants', {
      token: await test.token({ roles: ['applicant'], subject }),
      body,
    });

  it('stores no readable IIN, name or phone, and the digest still refuses a second registration of an IIN', async () => {
    const body = person({ region: 'akmola' });
    const first = await register(body, 'sealed-first');
    expect(first.status).toBe(201);
    const { participantId } = first.body;

    const stored = await test.service.deps.mongo
      .db!.collection('participants')
      .findOne({ _id: participantId as never });
    const raw = JSON.stringify(stored);
    expect(raw).not.toContain(body.iin);
    expect(raw).not.toContain(body.fullName);
    expect(raw).not.toContain(body.phone);
    expect(raw).not.toContain('Айгерим');
    expect(stored).not.toHaveProperty('iin');
    expect(stored).not.toHaveProperty('fullName');
    expect(stored).not.toHaveProperty('phone');
    expect(stored).toMatchObject({ personal: { keyId: 'local-1' } });
    expect(String(stored?.iinDigest)).toMatch(/^[0-9a-f]{64}$/);

    // Another account with the same IIN is refused; the same account gets its record back.
    expect((await register(body, 'sealed-second')).status).toBe(409);
    const again = await register(body, 'sealed-first');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      participantId,
      iin: body.iin,
      fullName: body.fullName,
      phone: body.phone,
    });

    // The person reads it opened.
    const own = await test.token({ roles: ['applicant'], subject: 'sealed-first', participantId });
    const read = await test.call<ParticipantBody>('GET', `/participants/${participantId}`, { token: own });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ iin: body.iin, fullName: body.fullName, phone: body.phone });
  });

  it('exports everything held about the person to them or an admin, and to nobody else', async () => {
    const body = person({ region: 'akmola' });
    const { participantId } = (await register(body, 'export-self')).body;
    const own = await test.token({ roles: ['applicant'], subject: 'export-self', participantId });
    const team = await test.call<{ teamId: string }>('POST', '/teams', {
      token: own,
      body: { roundId: 'rnd-export', region: 'akmola', hostOrganizationId: null },
    });

    const exported = await test.call<{ participant: ParticipantBody; teamIds: string[]; exportedAt: string }>(
      'GET',
      `/participants/${participantId}/personal-data`,
      { token: own },
    );
    expect(exported.status).toBe(200);
    expect(exported.body.participant).toMatchObject({ participantId, iin: body.iin, phone: body.phone });
    expect(team.status).toBe(201);
    expect(exported.body.teamIds).toEqual([team.body.teamId]);
    expect(exported.body.exportedAt).toBe(clock.now.toISOString());

    const admin = await test.token({ roles: ['admin'] });
    expect(
      (await test.call('GET', `/participants/${participantId}/personal-data`, { token: admin })).status,
    ).toBe(200);
    const other = await test.token({ roles: ['applicant'], participantId: 'p-someone-else' });
    const coordinator = await test.token({ roles: ['coordinator'] });
    expect(
      (await test.call('GET', `/participants/${participantId}/personal-data`, { token: other })).status,
    ).toBe(403);
    expect(
      (await test.call('GET', `/participants/${participantId}/personal-data`, { token: coordinator })).status,
    ).toBe(403);
    expect((await test.call('GET', '/participants/p-unknown/personal-data', { token: admin })).status).toBe(
      404,
    );
  });

  it('erases the personal data at the person’s request: nothing readable or sealed stays, the IIN may register again', async () => {
    const body = person({ region: 'akmola' });
    const { participantId } = (await register(body, 'erase-self')).body;
    const own = await test.token({ roles: ['applicant'], subject: 'erase-self', participantId });
    const other = await test.token({ roles: ['applicant'], participantId: 'p-someone-else' });
    const coordinator = await test.token({ roles: ['coordinator'] });
    for (const token of [other, coordinator])
      expect(
        (await test.call('DELETE', `/participants/${participantId}/personal-data`, { token })).status,
      ).toBe(403);

    const erased = await test.call<ParticipantBody>(
      'DELETE',
      `/participants/${participantId}/personal-data`,
      {
        token: own,
      },
    );
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({
      participantId,
      iin: '',
      fullName: '',
      phone: '',
    });
    expect(typeof erased.body.erasedAt).toBe('string');
    // A repeat changes nothing.
    const repeat = await test.call<ParticipantBody>(
      'DELETE',
      `/participants/${participantId}/personal-data`,
      {
        token: own,
      },
    );
    expect(repeat.status).toBe(200);
    expect(repeat.body.erasedAt).toBe(erased.body.erasedAt);

    const stored = await test.service.deps.mongo
      .db!.collection('participants')
      .findOne({ _id: participantId as never });
    expect(stored).not.toHaveProperty('personal');
    expect(stored).toMatchObject({ iinDigest: `erased:${participantId}`, region: 'akmola', sex: 'female' });

    // The anonymous attributes stay; the IIN is free for a new registration.
    const read = await test.call<ParticipantBody>('GET', `/participants/${participantId}`, {
      token: coordinator,
    });
    expect(read.body).toMatchObject({ iin: '', region: 'akmola' });
    expect((await register(body, 'erase-new-account')).status).toBe(201);
  });
});

describe('the log of reads of personal data', () => {
  let test: TestService<Config>;

  beforeAll(async () => {
    test = await startServiceForTest(applications, { now: () => clock.now });
  });
  afterAll(async () => {
    await test.stop();
  });

  interface Read {
    participantId: string;
    reader: { subject: string; roles: string[] };
    purpose: string;
    operation: string;
    at: string;
  }

  it('records who read whose record, when and why, for an admin to query, and nothing personal in it', async () => {
    const body = person({ region: 'akmola' });
    const applicant = await test.token({ roles: ['applicant'], subject: 'audit-self' });
    const registered = await test.call<ParticipantBody>('POST', '/participants', { token: applicant, body });
    expect(registered.status).toBe(201);
    const { participantId } = registered.body;
    const own = await test.token({ roles: ['applicant'], subject: 'audit-self', participantId });
    const coordinator = await test.token({
      roles: ['coordinator'],
      subject: 'audit-coordinator',
      regions: ['akmola'],
    });
    const stranger = await test.token({
      roles: ['coordinator'],
      subject: 'audit-stranger',
      regions: ['almaty'],
    });
    const admin = await test.token({ roles: ['admin'], subject: 'audit-admin' });

    clock.now = new Date('2019-03-10T07:00:00.000Z');
    expect((await test.call('POST', '/participants', { token: applicant, body })).status).toBe(200);
    clock.now = new Date('2019-03-10T08:00:00.000Z');
    expect((await test.call('GET', `/participants/${participantId}`, { token: own })).status).toBe(200);
    clock.now = new Date('2019-03-10T09:00:00.000Z');
    expect((await test.call('GET', `/participants/${participantId}`, { token: coordinator })).status).toBe(
      200,
    );
    // A refused read opens nothing and is not logged as a read.
    expect((await test.call('GET', `/participants/${participantId}`, { token: stranger })).status).toBe(403);
    clock.now = new Date('2019-03-10T10:00:00.000Z');
    expect(
      (await test.call('GET', `/participants/${participantId}/personal-data`, { token: admin })).status,
    ).toBe(200);

    const log = await test.call<{ items: Read[]; nextCursor: string | null }>(
      'GET',
      `/admin/personal-data-reads?participantId=${participantId}`,
      { token: admin },
    );
    expect(log.status).toBe(200);
    expect(
      log.body.items.map((read) => [read.reader.subject, read.purpose, read.operation, read.at]),
    ).toEqual([
      [
        'audit-admin',
        'data-export',
        'GET /participants/{participantId}/personal-data',
        '2019-03-10T10:00:00.000Z',
      ],
      ['audit-coordinator', 'coordination', 'GET /participants/{participantId}', '2019-03-10T09:00:00.000Z'],
      ['audit-self', 'own-record', 'GET /participants/{participantId}', '2019-03-10T08:00:00.000Z'],
      ['audit-self', 'registration-retry', 'POST /participants', '2019-03-10T07:00:00.000Z'],
    ]);
    expect(log.body.items.every((read) => read.participantId === participantId)).toBe(true);
    const raw = JSON.stringify(
      await test.service.deps.mongo.db!.collection('personal-data-reads').find().toArray(),
    );
    for (const value of [body.iin, body.fullName, body.phone]) expect(raw).not.toContain(value);

    // By reader, by time range, page by page.
    const byReader = await test.call<{ items: Read[] }>(
      'GET',
      '/admin/personal-data-reads?reader=audit-coordinator',
      {
        token: admin,
      },
    );
    expect(byReader.body.items.map((read) => read.purpose)).toEqual(['coordination']);
    const range = await test.call<{ items: Read[] }>(
      'GET',
      `/admin/personal-data-reads?participantId=${participantId}&from=2019-03-10T08:00:00.000Z&to=2019-03-10T10:00:00.000Z`,
      { token: admin },
    );
    expect(range.body.items.map((read) => read.at)).toEqual([
      '2019-03-10T09:00:00.000Z',
      '2019-03-10T08:00:00.000Z',
    ]);
    const first = await test.call<{ items: Read[]; nextCursor: string }>(
      'GET',
      `/admin/personal-data-reads?participantId=${participantId}&limit=3`,
      { token: admin },
    );
    const second = await test.call<{ items: Read[]; nextCursor: string | null }>(
      'GET',
      `/admin/personal-data-reads?participantId=${participantId}&limit=3&cursor=${first.body.nextCursor}`,
      { token: admin },
    );
    expect([...first.body.items, ...second.body.items].map((read) => read.at)).toEqual(
      log.body.items.map((read) => read.at),
    );
    expect(second.body.nextCursor).toBeNull();

    // Only an admin queries it.
    expect((await test.call('GET', '/admin/personal-data-reads', { token: coordinator })).status).toBe(403);
    expect(
      (await test.call('GET', '/admin/personal-data-reads?from=yesterday', { token: admin })).status,
    ).toBe(400);
  });
});

describe('rotating the key-encryption key', () => {
  it('re-wraps every data key under the new key, which alone then opens the records', async () => {
    const local = `local-1:${Buffer.from('zhas-local-personal-data-key-32b').toString('base64')}`;
    const fresh = `k-2027:${Buffer.alloc(32, 7).toString('base64')}`;
    const before = await startServiceForTest(applications, { now: () => clock.now });
    const database = before.service.deps.mongo.db!.databaseName;
    const body = person({ region: 'akmola' });
    const registered = await before.call<ParticipantBody>('POST', '/participants', {
      token: await before.token({ roles: ['applicant'], subject: 'rotating' }),
      body,
    });
    expect(registered.status).toBe(201);
    await before.service.stop();

    const after = await startServiceForTest(applications, {
      now: () => clock.now,
      env: { MONGO_DB: database, PERSONAL_DATA_KEYS: `${fresh},${local}` },
    });
    try {
      const admin = await after.token({ roles: ['admin'] });
      const rotated = await after.call('POST', '/admin/personal-data/rotate-keys', { token: admin });
      expect(rotated).toMatchObject({ status: 200, body: { rewrapped: 1, sealed: 0 } });
      expect((await after.call('POST', '/admin/personal-data/rotate-keys', { token: admin })).body).toEqual({
        rewrapped: 0,
        sealed: 0,
      });
      const stored = await after.service.deps.mongo.db!.collection('participants').findOne({});
      expect(stored).toMatchObject({ personal: { keyId: 'k-2027' } });
      const read = await after.call<ParticipantBody>(
        'GET',
        `/participants/${registered.body.participantId}`,
        {
          token: await after.token({ roles: ['coordinator'] }),
        },
      );
      expect(read.body).toMatchObject({ iin: body.iin, fullName: body.fullName });
    } finally {
      await after.stop();
    }
  });
});
