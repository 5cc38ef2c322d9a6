/* Grievances on the real database and broker: public lodging, coordinators only for the rest, contact kept here. */
import { personalDataFindings, type ZhasEvent } from '@zhas/contracts';
import { startServiceForTest, type TestService } from '@zhas/service-kit/testing';
import { composeService, type Config, configSchema, SERVICE_NAME } from '../../index';

const clock = { now: new Date('2019-05-11T14:22:00Z') };

type Grievance = Record<string, unknown> & { grievanceId: string; version: number; overdue: boolean };

describe('grievances', () => {
  let test: TestService<Config>;
  let coordinator: string;
  let n = 0;
  const key = () => `grv-key-${Date.now()}-${(n += 1)}`;
  const lodge = (body: Record<string, unknown>) =>
    test.call<Grievance>('POST', '/grievances', { headers: { 'Idempotency-Key': key() }, body });
  /** The coordinator assigns, answers or resolves a grievance, at the version they saw. */
  const act = (id: string, action: 'assign' | 'answer' | 'resolve', body: Record<string, unknown>) =>
    test.call<Grievance>('POST', `/grievances/${id}/${action}`, { token: coordinator, body });

  beforeAll(async () => {
    test = await startServiceForTest(
      { SERVICE_NAME, configSchema, composeService },
      {
        now: () => clock.now,
        env: { GRIEVANCE_RESPONSE_DAYS: 'corruption=7', GRIEVANCE_RESPONSE_DAYS_DEFAULT: '15' },
      },
    );
    coordinator = await test.token({ roles: ['coordinator'] });
  });
  afterAll(() => test.stop());

  it('lets anyone lodge a grievance, with a due date by category, and keeps the contact out of events', async () => {
    const withContact = await lodge({
      category: 'payments',
      channel: 'hotline',
      region: 'akmola',
      roundId: 'rnd-2019',
      description: 'My stipend for June has not arrived.',
      contact: { name: 'Aigerim S.', phone: '+7 701 234 56 78', email: 'aigerim@example.kz' },
    });
    expect(withContact).toMatchObject({
      status: 201,
      body: { status: 'lodged', responseDueOn: '2019-05-26' },
    });
    expect(JSON.stringify(withContact.body)).not.toContain('Aigerim');
    const anonymous = await lodge({
      category: 'corruption',
      region: 'akmola',
      description: 'A bribe was asked.',
    });
    expect(anonymous).toMatchObject({ status: 201, body: { responseDueOn: '2019-05-18' } });

    const events: ZhasEvent[] = await test.publishedEvents();
    const lodged = events
      .filter((event) => event.type === 'tracking.grievance.lodged.v1')
      .map((event) => event.data);
    expect(lodged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ category: 'payments', anonymous: false, channel: 'hotline' }),
        expect.objectContaining({ category: 'corruption', anonymous: true, channel: 'portal' }),
      ]),
    );
    for (const message of await test.publishedMessages()) {
      expect(personalDataFindings(JSON.parse(message.value ?? 'null'))).toEqual([]);
      expect(message.value).not.toMatch(/Aigerim|bribe|stipend for June/);
    }

    const shown = await test.call<Grievance>('GET', `/grievances/${withContact.body.grievanceId}`, {
      token: coordinator,
    });
    expect(shown).toMatchObject({ status: 200, body: { contact: { name: 'Aigerim S.' }, overdue: false } });
    const viewer = await test.token({ roles: ['viewer'] });
    expect(
      (await test.call('GET', `/grievances/${withContact.body.grievanceId}`, { token: viewer })).status,
    ).toBe(403);
    expect((await test.call('GET', '/grievances')).status).toBe(401);
  });

  it('keeps the contact sealed in the database, opened only for the coordinator, and rotates its key', async () => {
    const contact = { name: 'Серик Н.', phone: '+7 702 555 12 34', email: 'serik@example.kz' };
    const lodged = await lodge({
      category: 'payments',
      region: 'akmola',
      description: 'Late tranche.',
      contact,
    });
    expect(lodged.status).toBe(201);
    const id = lodged.body.grievanceId;
    const collection = test.service.deps.mongo.db!.collection('grievances');
    const stored = await collection.findOne({ _id: id as never });
    const raw = JSON.stringify(stored);
    for (const value of [contact.name, 'Серик', contact.phone, contact.email, 'serik'])
      expect(raw).not.toContain(value);
    expect(stored).not.toHaveProperty('contact');
    expect(stored).toMatchObject({ personal: { keyId: 'local-1' }, region: 'akmola', category: 'payments' });

    const shown = await test.call<Grievance>('GET', `/grievances/${id}`, { token: coordinator });
    expect(shown.body.contact).toEqual(contact);
    const listed = await test.call<{ items: Grievance[] }>('GET', '/grievances?region=akmola', {
      token: coordinator,
    });
    expect(listed.body.items.find((item) => item.grievanceId === id)?.contact).toEqual(contact);

    // A record written readable by an older version is sealed by the rotation, and stays readable.
    await collection.updateOne({ _id: id as never }, { $unset: { personal: '' }, $set: { contact } });
    const admin = await test.token({ roles: ['admin'] });
    const rotated = await test.call('POST', '/admin/personal-data/rotate-keys', { token: admin });
    expect(rotated).toMatchObject({ status: 200, body: { rewrapped: 0, sealed: 1 } });
    expect(JSON.stringify(await collection.findOne({ _id: id as never }))).not.toContain('Серик');
    expect(
      (await test.call<Grievance>('GET', `/grievances/${id}`, { token: coordinator })).body.contact,
    ).toEqual(contact);
    expect((await test.call('POST', '/admin/personal-data/rotate-keys', { token: coordinator })).status).toBe(
      403,
    );
  });

  it('gives a tracking code that opens the status, with the answer and no contact, to anyone holding it', async () => {
    const lodged = await lodge({
      category: 'selection-process',
      region: 'akmola',
      description: 'Our bid was rejected without a reason.',
      contact: { email: 'dana@example.kz' },
    });
    expect(lodged.status).toBe(201);
    const { trackingCode, grievanceId } = lodged.body as unknown as {
      trackingCode: string;
      grievanceId: string;
    };
    expect(trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(grievanceId).not.toContain(trackingCode.replace(/-/g, ''));
    const status = (code: string) =>
      test.call<Grievance>('GET', `/grievances/status/${encodeURIComponent(code)}`);
    const shown = await status(trackingCode.toLowerCase().replace(/-/g, ' '));
    expect(shown).toMatchObject({
      status: 200,
      body: { category: 'selection-process', status: 'lodged', overdue: false },
    });
    expect(JSON.stringify(shown.body)).not.toMatch(/dana@|without a reason|grv-/);

    const grievance = await test.call<Grievance>('GET', `/grievances/${grievanceId}`, { token: coordinator });
    const assigned = await act(grievanceId, 'assign', {
      version: grievance.body.version,
      assigneeId: 'staff-7',
    });
    await act(grievanceId, 'answer', {
      version: assigned.body.version,
      answer: 'The committee sent its reasons on 12 May.',
    });
    expect((await status(trackingCode)).body).toMatchObject({
      status: 'answered',
      answer: 'The committee sent its reasons on 12 May.',
    });
    expect(JSON.stringify((await status(trackingCode)).body)).not.toContain('staff-7');

    expect((await status('0000-0000-0000')).status).toBe(404);
    expect(await status('not a code')).toMatchObject({ status: 404 });
  });

  it('shows a grievance past its due date as overdue, and filters by it', async () => {
    const lodged = await lodge({
      category: 'other',
      region: 'astana',
      description: 'The office was closed.',
    });
    clock.now = new Date('2019-06-20T10:00:00Z');
    const overdue = await test.call<{ items: Grievance[] }>('GET', '/grievances?overdue=true&region=astana', {
      token: coordinator,
    });
    expect(overdue.body.items.map((item) => [item.grievanceId, item.overdue])).toEqual([
      [lodged.body.grievanceId, true],
    ]);
    const regional = await test.token({ roles: ['coordinator'], regions: ['akmola'] });
    const mine = await test.call<{ items: Grievance[] }>('GET', '/grievances', { token: regional });
    expect(mine.body.items.every((item) => item.region === 'akmola')).toBe(true);
    expect(
      (await test.call('GET', `/grievances/${lodged.body.grievanceId}`, { token: regional })).status,
    ).toBe(403);
  });

  it('is assigned, answered and resolved by a coordinator, with the deadline judged', async () => {
    clock.now = new Date('2019-07-01T10:00:00Z');
    const lodged = await lodge({
      category: 'accessibility',
      region: 'mangystau',
      description: 'No ramp at the venue.',
    });
    const id = lodged.body.grievanceId;
    const early = await act(id, 'resolve', { version: 1, outcome: 'upheld' });
    expect(early).toMatchObject({ status: 409, body: { type: '/problems/grievance-unanswered' } });
    const assigned = await act(id, 'assign', { version: 1, assigneeId: 'staff-17' });
    expect(assigned).toMatchObject({ status: 200, body: { status: 'assigned', version: 2 } });
    const stale = await act(id, 'answer', { version: 1, answer: 'A ramp will be installed.' });
    expect(stale).toMatchObject({ status: 409, body: { type: '/problems/stale-version' } });
    const answered = await act(id, 'answer', { version: 2, answer: 'A ramp will be installed.' });
    expect(answered).toMatchObject({ status: 200, body: { status: 'answered', version: 3 } });
    const resolved = await act(id, 'resolve', { version: 3, outcome: 'upheld' });
    expect(resolved).toMatchObject({ status: 200, body: { status: 'resolved', overdue: false } });
    const again = await act(id, 'resolve', { version: 4, outcome: 'upheld' });
    expect(again).toMatchObject({ status: 409, body: { type: '/problems/grievance-resolved' } });
    const events = await test.publishedEvents();
    const ofThis = events.filter((event) => event.subject === id);
    expect(ofThis.find((event) => event.type === 'tracking.grievance.assigned.v1')?.data).toMatchObject({
      grievanceId: id,
      assigneeId: 'staff-17',
    });
    expect(ofThis.find((event) => event.type === 'tracking.grievance.resolved.v1')?.data).toMatchObject({
      grievanceId: id,
      outcome: 'upheld',
      withinDeadline: true,
    });
  });

  it('answers bad input with problem documents', async () => {
    const bad: [string, string, unknown, number][] = [
      ['POST', '/grievances', { category: 'weather', region: 'akmola', description: 'x' }, 400],
      ['POST', '/grievances', { category: 'other', region: 'atlantis', description: 'x' }, 400],
      ['POST', '/grievances', { category: 'other', region: 'akmola', description: '' }, 400],
      [
        'POST',
        '/grievances',
        { category: 'other', region: 'akmola', description: 'x', contact: { email: 'no' } },
        400,
      ],
      ['POST', '/grievances', '{not json', 400],
      ['GET', '/grievances?overdue=maybe', undefined, 400],
      ['GET', '/grievances/grv-unknown', undefined, 404],
      ['POST', '/grievances/grv-unknown/assign', { version: 1, assigneeId: 'staff-1' }, 404],
      ['POST', '/grievances/grv-unknown/resolve', { version: 1, outcome: 'maybe' }, 400],
    ];
    for (const [method, path, body, status] of bad) {
      const reply = await test.call(method, path, {
        token: coordinator,
        headers: { 'Idempotency-Key': key() },
        ...(body === undefined ? {} : { body }),
      });
      expect({ path, body, status: reply.status }).toEqual({ path, body, status });
    }
    const noKey = await test.call('POST', '/grievances', {
      body: { category: 'other', region: 'akmola', description: 'x' },
    });
    expect(noKey).toMatchObject({ status: 400, body: { errors: [{ field: 'headers.Idempotency-Key' }] } });
  });
});
