/* A project from the award to its follow-up, on the real database and broker. */
import { personalDataFindings, type ZhasEvent } from '@zhas/contracts';
import { startServiceForTest, type TestService } from '@zhas/service-kit/testing';
import { composeService, type Config, configSchema, SERVICE_NAME } from '../../index';
import { bidAwarded, participantRegistered, roundPublished } from '../../test-support/events';
import { auditTrailActions, postOnce, retryable } from '../../test-support/requests';
import { surveyIdOf } from '../../shared/ids';

const clock = { now: new Date('2019-05-10T06:00:00Z') };
const LEADER = 'prt-7f3c9a1e';
const MEMBERS = [LEADER, 'prt-2b8d4e60', 'prt-c91a0f57', 'prt-5e2d7b33'];
const BID = 'bid-2019-0153';
const PROJECT = 'prj-bid-2019-0153';

type Json = Record<string, unknown> & { version: number };

const month =
  (overrides: Partial<Record<string, boolean>> = {}) =>
  (participantId: string) => ({
    participantId,
    mentorSessionAttended: true,
    trainingCompleted: true,
    surveyCompleted: true,
    ...(participantId === 'prt-c91a0f57' ? overrides : {}),
  });

const reportBody = (members: string[], overrides: Partial<Record<string, boolean>> = {}) => ({
  activitiesHeld: 4,
  activities: ['Cleanup of the river bank', 'Workshop at school 12'],
  beneficiaries: [
    { sex: 'female', ageBand: '14-17', count: 20 },
    { sex: 'male', ageBand: '0-13', count: 15 },
  ],
  expenses: [
    { category: 'equipment', amountKzt: 210000 },
    { category: 'materials', amountKzt: 64000 },
  ],
  members: members.map(month(overrides)),
});

describe('a project from award to follow-up', () => {
  let test: TestService<Config>;
  let coordinator: string;
  let leader: string;
  let host: string;
  let events: ZhasEvent[] = [];
  const key = (() => {
    let n = 0;
    return () => `key-${Date.now()}-${(n += 1)}`;
  })();
  /** Signs the project's agreement (by the token's holder) with the dates of 2019's round. */
  const sign = (token: string) =>
    postOnce<Json>(test, `/projects/${PROJECT}/agreement`, token, {
      signedOn: '2019-05-20',
      startsOn: '2019-06-01',
    });
  const trail = (id: string) => auditTrailActions(test, coordinator, id);
  // Kafka delivers at least once: a reader may see an event twice, so events are counted by id.
  const ofType = <T extends ZhasEvent['type']>(type: T) => [
    ...new Map(
      events
        .filter((event): event is Extract<ZhasEvent, { type: T }> => event.type === type)
        .map((event) => [event.id, event]),
    ).values(),
  ];

  beforeAll(async () => {
    test = await startServiceForTest(
      { SERVICE_NAME, configSchema, composeService },
      { now: () => clock.now },
    );
    coordinator = await test.token({ roles: ['coordinator'] });
    leader = await test.token({ roles: ['applicant'], participantId: LEADER });
    host = await test.token({ roles: ['host_org'], hostOrgId: 'org-0042' });
  });
  afterAll(() => test.stop());

  it('opens one project from an award delivered twice, and waits for the round rules', async () => {
    const award = bidAwarded({ bidId: BID });
    await test.deliver(award, award);
    const project = await test.call<Json>('GET', `/projects/${PROJECT}`, { token: coordinator });
    expect(project).toMatchObject({
      status: 200,
      body: {
        status: 'opened',
        grantAmountKzt: 980000,
        memberParticipantIds: MEMBERS,
        waitingFor: ['round-rules'],
      },
    });
    const early = await sign(coordinator);
    expect(early).toMatchObject({ status: 409, body: { type: '/problems/round-rules-unknown' } });
    events = await test.publishedEvents();
    expect(ofType('tracking.project.opened.v1')).toHaveLength(1);
  });

  it('signs the agreement once the rules arrive; tranche 1 becomes payable', async () => {
    // Three members are known; the fourth registers only later (topics arrive in any order).
    await test.deliver(
      roundPublished('rnd-2019'),
      participantRegistered(LEADER, 'higher'),
      participantRegistered('prt-2b8d4e60', 'general-secondary'),
      participantRegistered('prt-c91a0f57', 'technical-vocational'),
    );
    clock.now = new Date('2019-05-20T07:00:00Z');
    const forbidden = await sign(host);
    expect(forbidden.status).toBe(403);
    const signed = await sign(coordinator);
    expect(signed).toMatchObject({
      status: 201,
      body: {
        status: 'active',
        waitingFor: [],
        agreement: {
          endsOn: '2019-11-30',
          tranches: [
            { trancheNumber: 1, amountKzt: 490000 },
            { trancheNumber: 2, amountKzt: 490000 },
          ],
        },
      },
    });
    const again = await sign(coordinator);
    expect(again).toMatchObject({ status: 409, body: { type: '/problems/project-state' } });
    events = await test.publishedEvents();
    expect(ofType('tracking.agreement.signed.v1')).toHaveLength(1);
    expect(ofType('tracking.tranche.payable.v1').map((event) => event.data)).toEqual([
      expect.objectContaining({
        trancheNumber: 1,
        amountKzt: 490000,
        basis: 'agreement-signed',
        payeeParticipantId: LEADER,
      }),
    ]);
  });

  it('disburses tranche 1 once and holds tranche 2 until the mid-term report', async () => {
    const tranche1 = `trn-${BID}:1`;
    const tranche2 = `trn-${BID}:2`;
    const early = await postOnce(test, `/tranches/${tranche2}/disburse`, coordinator, {
      disbursedOn: '2019-05-25',
    });
    expect(early).toMatchObject({ status: 409, body: { type: '/problems/tranche-not-payable' } });
    const pay = retryable<Json>(test, `/tranches/${tranche1}/disburse`, coordinator, {
      disbursedOn: '2019-05-25',
    });
    const first = await pay();
    const retried = await pay();
    expect(first).toMatchObject({ status: 200, body: { status: 'disbursed', amountKzt: 490000 } });
    expect(retried.body).toEqual(first.body);
    const otherKey = await postOnce(test, `/tranches/${tranche1}/disburse`, coordinator, {
      disbursedOn: '2019-05-26',
    });
    expect(otherKey).toMatchObject({ status: 409, body: { type: '/problems/tranche-already-disbursed' } });
    events = await test.publishedEvents();
    expect(ofType('tracking.tranche.disbursed.v1')).toHaveLength(1);
  });

  it('takes a report from the leader only, returns it, and accepts the corrected one', async () => {
    clock.now = new Date('2019-07-03T15:10:00Z');
    const member = await test.token({ roles: ['applicant'], participantId: 'prt-2b8d4e60' });
    const notLeader = await postOnce(test, `/projects/${PROJECT}/reports/1`, member, reportBody(MEMBERS));
    expect(notLeader.status).toBe(403);
    const missingMember = await postOnce(
      test,
      `/projects/${PROJECT}/reports/1`,
      leader,
      reportBody(MEMBERS.slice(0, 3)),
    );
    expect(missingMember).toMatchObject({ status: 422, body: { missingMembers: ['prt-5e2d7b33'] } });
    const submitted = await postOnce<Json>(
      test,
      `/projects/${PROJECT}/reports/1`,
      leader,
      reportBody(MEMBERS, { trainingCompleted: false }),
    );
    expect(submitted).toMatchObject({
      status: 201,
      body: { kind: 'monthly', submissionNumber: 1, status: 'submitted' },
    });
    const reportId = `rpt-${BID}:m1`;
    // The coordinators' queue: what waits for a review in their regions, none of another region's.
    const queue = await test.call<{ items: Json[] }>('GET', '/reports?status=submitted', {
      token: coordinator,
    });
    expect(queue.body.items.map((report) => report.reportId)).toEqual([reportId]);
    const elsewhere = await test.token({ roles: ['coordinator'], regions: ['mangystau'] });
    const theirs = await test.call<{ items: Json[] }>('GET', '/reports', { token: elsewhere });
    expect(theirs).toMatchObject({ status: 200, body: { items: [] } });
    const otherHost = await test.token({ roles: ['host_org'], hostOrgId: 'org-9999' });
    expect(
      (await test.call('POST', `/reports/${reportId}/accept`, { token: otherHost, body: { version: 1 } }))
        .status,
    ).toBe(403);
    const returned = await test.call<Json>('POST', `/reports/${reportId}/return`, {
      token: host,
      body: {
        version: 1,
        reasons: ['expenses-unsupported'],
        note: 'Receipts for the equipment are missing.',
      },
    });
    expect(returned).toMatchObject({ status: 200, body: { status: 'returned', version: 2 } });
    const stale = await test.call('POST', `/reports/${reportId}/accept`, {
      token: host,
      body: { version: 1 },
    });
    // Refused on the report as it is (returned) before its version is compared (docs/architecture.md).
    expect(stale).toMatchObject({ status: 409, body: { type: '/problems/report-not-submitted' } });
    const notAwaiting = await test.call('POST', `/reports/${reportId}/return`, {
      token: host,
      body: { version: 2, reasons: ['other'] },
    });
    expect(notAwaiting).toMatchObject({ status: 409, body: { type: '/problems/report-not-submitted' } });
    const resubmitted = await postOnce<Json>(
      test,
      `/projects/${PROJECT}/reports/1`,
      leader,
      reportBody(MEMBERS, { trainingCompleted: false }),
    );
    expect(resubmitted).toMatchObject({ status: 201, body: { submissionNumber: 2, version: 3 } });
    const returnedOnes = await test.call<{ items: Json[] }>('GET', '/reports?status=returned', {
      token: coordinator,
    });
    expect(returnedOnes.body.items).toEqual([]);
    const staleAccept = await test.call('POST', `/reports/${reportId}/accept`, {
      token: host,
      body: { version: 2 },
    });
    expect(staleAccept).toMatchObject({ status: 409, body: { type: '/problems/stale-version' } });
    clock.now = new Date('2019-07-08T10:00:00Z');
    const accepted = await test.call<Json>('POST', `/reports/${reportId}/accept`, {
      token: host,
      body: { version: 3 },
    });
    expect(accepted).toMatchObject({ status: 200, body: { status: 'accepted' } });
    events = await test.publishedEvents();
    expect(ofType('tracking.report.submitted.v1').map((event) => event.data)).toEqual([
      expect.objectContaining({ submissionNumber: 1, beneficiariesReached: 35 }),
      expect.objectContaining({ submissionNumber: 2 }),
    ]);
    expect(ofType('tracking.report.returned.v1')).toHaveLength(1);
    expect(ofType('tracking.report.accepted.v1')).toHaveLength(1);

    // Who did what when: the report's trail and the project's.
    expect(await trail(reportId)).toEqual([
      'report.submitted',
      'report.returned',
      'report.submitted',
      'report.accepted',
    ]);
    expect(await trail(PROJECT)).toEqual(['project.agreement-signed']);
    expect(await trail(`trn-${BID}:1`)).toEqual(
      expect.arrayContaining(['agreement.signed', 'tranche.disbursed']),
    );
  });

  it('makes stipends payable by education level, waits for an unknown one, and pays each once', async () => {
    // prt-c91a0f57 missed the training: no stipend; prt-5e2d7b33 is not known yet: waiting.
    // Stipends are separate aggregates (keys), so their events are ordered here, not by the topic.
    const payable = () =>
      test
        .publishedEvents()
        .then((all) =>
          [...new Map(all.map((event) => [event.id, event])).values()]
            .filter((event) => event.type === 'tracking.stipend.payable.v1')
            .sort((a, b) => a.subject.localeCompare(b.subject)),
        );
    expect(
      (await payable()).map((event) => [
        event.data.participantId,
        event.data.amountKzt,
        event.data.rateCategory,
      ]),
    ).toEqual([
      ['prt-2b8d4e60', 40000, 'other'],
      [LEADER, 60000, 'graduate'],
    ]);
    const waiting = await test.call<{ items: Json[] }>(
      'GET',
      `/stipends?projectId=${PROJECT}&status=awaiting-education-level`,
      {
        token: coordinator,
      },
    );
    expect(waiting.body.items.map((stipend) => stipend.participantId)).toEqual(['prt-5e2d7b33']);
    await test.deliver(participantRegistered('prt-5e2d7b33', 'postgraduate'));
    expect((await payable()).map((event) => event.data.participantId)).toContain('prt-5e2d7b33');

    const stipendId = `stp-${BID}:m1:${LEADER}`;
    const pay = retryable<Json>(test, `/stipends/${stipendId}/pay`, coordinator, { paidOn: '2019-07-10' });
    expect(await pay()).toMatchObject({ status: 200, body: { status: 'paid', amountKzt: 60000 } });
    expect((await pay()).status).toBe(200);
    const twice = await postOnce(test, `/stipends/${stipendId}/pay`, coordinator, { paidOn: '2019-07-11' });
    expect(twice).toMatchObject({ status: 409, body: { type: '/problems/stipend-already-paid' } });
    events = await test.publishedEvents();
    expect(ofType('tracking.stipend.paid.v1')).toHaveLength(1);

    // The project's own list, read by the stipends' derived ids, agrees with the filtered one.
    const ofProject = await test.call<{ items: Json[] }>('GET', `/projects/${PROJECT}/stipends`, {
      token: coordinator,
    });
    expect(ofProject.body.items.map((item) => [item.participantId, item.status])).toEqual(
      expect.arrayContaining([
        [LEADER, 'paid'],
        ['prt-2b8d4e60', 'payable'],
        ['prt-5e2d7b33', 'payable'],
      ]),
    );
    expect(ofProject.body.items).toHaveLength(3);
    const stillPayable = await test.call<{ items: Json[] }>(
      'GET',
      `/projects/${PROJECT}/stipends?status=payable`,
      { token: coordinator },
    );
    expect(stillPayable.body.items.map((item) => item.participantId).sort()).toEqual([
      'prt-2b8d4e60',
      'prt-5e2d7b33',
    ]);

    // Each member sees their own months: paid, or withheld with the condition they missed.
    const mine = (token: string) =>
      test.call<{ items: Json[] }>('GET', `/projects/${PROJECT}/my-stipends`, { token });
    expect(await mine(leader)).toMatchObject({
      status: 200,
      body: {
        items: [{ projectMonth: 1, status: 'paid', amountKzt: 60000, paidOn: '2019-07-10', reasons: [] }],
      },
    });
    const missedTraining = await test.token({ roles: ['applicant'], participantId: 'prt-c91a0f57' });
    expect((await mine(missedTraining)).body.items).toEqual([
      { projectMonth: 1, status: 'withheld', reasons: ['training'] },
    ]);
    const stranger = await test.token({ roles: ['applicant'], participantId: 'prt-someone-else' });
    expect((await mine(stranger)).status).toBe(403);
    expect((await mine(coordinator)).status).toBe(403);
  });

  it('unlocks tranche 2 with the mid-term report; the disbursed total is the grant', async () => {
    clock.now = new Date('2019-09-03T10:00:00Z');
    const submitted = await postOnce<Json>(
      test,
      `/projects/${PROJECT}/reports/3`,
      leader,
      reportBody(MEMBERS),
    );
    expect(submitted).toMatchObject({ status: 201, body: { kind: 'mid-term' } });
    const accepted = await test.call('POST', `/reports/rpt-${BID}:m3/accept`, {
      token: coordinator,
      body: { version: 1 },
    });
    expect(accepted).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const disbursed = await postOnce<Json>(test, `/tranches/trn-${BID}:2/disburse`, coordinator, {
      disbursedOn: '2019-09-10',
    });
    expect(disbursed).toMatchObject({ status: 200, body: { status: 'disbursed' } });
    events = await test.publishedEvents();
    expect(ofType('tracking.tranche.payable.v1').map((event) => event.data.basis)).toEqual([
      'agreement-signed',
      'mid-term-report-accepted',
    ]);
    const total = ofType('tracking.tranche.disbursed.v1').reduce(
      (sum, event) => sum + Number(event.data.amountKzt),
      0,
    );
    expect(total).toBe(980000);
  });

  it('records an exit, a recovery, the surveys and the completion', async () => {
    const project = await test.call<Json>('GET', `/projects/${PROJECT}`, { token: coordinator });
    const exited = await test.call<Json>('POST', `/projects/${PROJECT}/members/prt-5e2d7b33/exit`, {
      token: coordinator,
      body: {
        version: project.body.version,
        reason: 'found-employment',
        exitStatus: 'employed',
        exitedOn: '2019-09-15',
      },
    });
    expect(exited).toMatchObject({ status: 200 });
    const tooMuch = await postOnce(test, `/projects/${PROJECT}/recoveries`, coordinator, {
      reason: 'ineligible-expense',
      amountKzt: 980001,
    });
    expect(tooMuch).toMatchObject({ status: 409, body: { type: '/problems/recovery-exceeds-disbursed' } });
    const recovery = await postOnce<Json>(test, `/projects/${PROJECT}/recoveries`, coordinator, {
      reason: 'ineligible-expense',
      amountKzt: 15000,
    });
    expect(recovery).toMatchObject({ status: 201, body: { status: 'open', amountKzt: 15000 } });
    const settled = await test.call('POST', `/recoveries/${String(recovery.body.recoveryId)}/settle`, {
      token: coordinator,
      body: { version: 1, recoveredAmountKzt: 10000, writtenOffAmountKzt: 5000 },
    });
    expect(settled).toMatchObject({ status: 200, body: { outcome: 'partially-recovered' } });

    const active = MEMBERS.slice(0, 3);
    const incomplete = await test.call('POST', `/projects/${PROJECT}/complete`, {
      token: coordinator,
      body: {
        version: exited.body.version,
        completedOn: '2019-11-30',
        members: active.map((participantId) => ({ participantId, exitStatus: 'studying' })),
      },
    });
    expect(incomplete).toMatchObject({ status: 409, body: { type: '/problems/completion-incomplete' } });
    expect((incomplete.body as { missing: string[] }).missing).toContain('final-report');

    for (const participantId of active)
      for (const wave of ['baseline', 'endline'])
        expect(
          (
            await test.call('POST', `/projects/${PROJECT}/surveys`, {
              token: host,
              body: { participantId, wave, instrument: 'life-skills-2019', lifeSkillsScore: 70 },
            })
          ).status,
        ).toBe(201);
    clock.now = new Date('2019-12-03T10:00:00Z');
    await postOnce(test, `/projects/${PROJECT}/reports/6`, leader, reportBody(active));
    expect(
      (await test.call('POST', `/reports/rpt-${BID}:m6/accept`, { token: host, body: { version: 1 } }))
        .status,
    ).toBe(200);
    const completed = await test.call<Json>('POST', `/projects/${PROJECT}/complete`, {
      token: coordinator,
      body: {
        version: exited.body.version,
        completedOn: '2019-11-30',
        members: active.map((participantId) => ({ participantId, exitStatus: 'studying' })),
      },
    });
    expect(completed).toMatchObject({
      status: 200,
      body: {
        status: 'completed',
        completion: {
          disbursedKzt: 980000,
          spentKzt: 3 * 274000,
          beneficiariesReached: 105,
          membersCompleted: 3,
        },
      },
    });
    const followUp = await test.call('POST', `/projects/${PROJECT}/follow-ups`, {
      token: coordinator,
      body: { participantId: LEADER, monthsAfterCompletion: 6, status: 'own-business' },
    });
    expect(followUp.status).toBe(201);
    events = await test.publishedEvents();
    expect(ofType('tracking.project.member-exited.v1').map((event) => event.data.reason)).toEqual([
      'found-employment',
      'project-completed',
      'project-completed',
      'project-completed',
    ]);
    expect(ofType('tracking.project.completed.v1')).toHaveLength(1);
    expect(ofType('tracking.recovery.settled.v1')).toHaveLength(1);
    expect(ofType('tracking.survey.recorded.v1')).toHaveLength(6);
    expect(ofType('tracking.project.follow-up-recorded.v1')).toHaveLength(1);

    // Who did what when, on a survey and on the project.
    expect(await trail(surveyIdOf(BID, active[0]!, 'endline'))).toEqual(['survey.recorded']);
    expect(await trail(PROJECT)).toEqual([
      'project.agreement-signed',
      'project.member-exited',
      'project.completed',
      'project.follow-up-recorded',
    ]);
  });

  it('shows projects only to those who may see them', async () => {
    const stranger = await test.token({ roles: ['applicant'], participantId: 'prt-someone-else' });
    expect((await test.call('GET', `/projects/${PROJECT}`, { token: stranger })).status).toBe(403);
    const mine = await test.call<{ items: Json[] }>('GET', '/projects', { token: leader });
    expect(mine.body.items.map((project) => project.projectId)).toEqual([PROJECT]);
    const theirs = await test.call<{ items: Json[] }>('GET', '/projects', { token: stranger });
    expect(theirs.body.items).toEqual([]);
    const elsewhere = await test.token({ roles: ['coordinator'], regions: ['mangystau'] });
    expect((await test.call<{ items: Json[] }>('GET', '/projects', { token: elsewhere })).body.items).toEqual(
      [],
    );
  });

  it('answers bad input with problem documents, never a 500', async () => {
    const cases: [string, string, Record<string, unknown>, number][] = [
      ['POST', `/projects/${PROJECT}/agreement`, { signedOn: 'yesterday' }, 400],
      ['POST', `/projects/${PROJECT}/reports/13`, reportBody(MEMBERS), 400],
      ['POST', `/tranches/trn-x/disburse`, { disbursedOn: '2019-13-01' }, 400],
      ['POST', `/stipends/stp-x/pay`, {}, 400],
      ['POST', `/projects/${PROJECT}/recoveries`, { reason: 'fun', amountKzt: -1 }, 400],
      ['POST', `/recoveries/rcv-x/settle`, { version: 0 }, 400],
      ['POST', `/projects/${PROJECT}/complete`, { version: 'x' }, 400],
      ['POST', `/projects/${PROJECT}/terminate`, { version: 1, reason: 'bored' }, 400],
      [
        'POST',
        `/projects/${PROJECT}/follow-ups`,
        { participantId: LEADER, monthsAfterCompletion: 2, status: 'neet' },
        400,
      ],
      ['POST', `/projects/${PROJECT}/surveys`, { participantId: LEADER, wave: 'midline' }, 400],
      ['POST', `/reports/rpt-x/return`, { version: 1, reasons: [] }, 400],
      ['GET', '/projects?limit=500', {}, 400],
      ['GET', '/projects?cursor=%%%', {}, 400],
      ['GET', '/stipends?status=lost', {}, 400],
      ['GET', `/projects/${PROJECT}/stipends?status=lost`, {}, 400],
      ['GET', '/projects/prj-unknown/stipends', {}, 404],
      ['GET', '/projects/bad%20id', {}, 400],
      ['GET', '/projects/prj-unknown', {}, 404],
      ['GET', '/reports/rpt-unknown', {}, 404],
      [
        'POST',
        `/projects/${PROJECT}/members/${LEADER}/exit`,
        { version: 1, reason: 'x', exitStatus: 'rich' },
        400,
      ],
      [
        'POST',
        `/projects/${PROJECT}/members/prt-nobody/exit`,
        { version: 1, reason: 'other', exitStatus: 'neet', exitedOn: '2019-09-01' },
        409,
      ],
      ['POST', `/reports/rpt-${BID}:m1/accept`, {}, 400],
      ['POST', '/reports/rpt-unknown/accept', { version: 1 }, 404],
      ['GET', '/projects/prj-unknown/tranches', {}, 404],
      ['GET', '/projects/prj-unknown/recoveries', {}, 404],
      ['GET', '/projects/prj-unknown/surveys', {}, 404],
      ['GET', `/projects/${PROJECT}/reports?status=lost`, {}, 400],
      ['POST', '/tranches/trn-unknown/disburse', { disbursedOn: '2019-05-25' }, 404],
      ['POST', '/stipends/stp-unknown/pay', { paidOn: '2019-05-25' }, 404],
    ];
    for (const [method, path, body, status] of cases) {
      const reply = await test.call<{ type: string }>(method, path, {
        token: path.includes('/reports/13') ? leader : coordinator,
        headers: { 'Idempotency-Key': key() },
        ...(method === 'GET' ? {} : { body }),
      });
      expect({ path, status: reply.status }).toEqual({ path, status });
      expect(reply.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const noKey = await test.call('POST', `/tranches/trn-x/disburse`, {
      token: coordinator,
      body: { disbursedOn: '2019-05-25' },
    });
    expect(noKey).toMatchObject({ status: 400, body: { errors: [{ field: 'headers.Idempotency-Key' }] } });
    expect((await test.call('GET', '/projects')).status).toBe(401);
  });

  it('publishes no personal data and serves its OpenAPI document', async () => {
    const messages = await test.publishedMessages();
    expect(messages.length).toBeGreaterThan(20);
    for (const message of messages)
      expect(personalDataFindings(JSON.parse(message.value ?? 'null'))).toEqual([]);
    const document = await test.call<{ paths: Record<string, unknown> }>('GET', '/openapi.json');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/projects/{projectId}/agreement',
        '/reports/{reportId}/accept',
        '/grievances',
      ]),
    );
  });
});
