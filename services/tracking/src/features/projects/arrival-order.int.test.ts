/* Events of other services arriving in any order, and a project without a host organization that is terminated. */
import { type ZhasEvent } from '@zhas/contracts';
import { startServiceForTest, type TestService } from '@zhas/service-kit/testing';
import { composeService, type Config, configSchema, SERVICE_NAME } from '../../index';
import {
  bidAwarded,
  participantProfileUpdated,
  participantRegistered,
  roundPublished,
  roundRulesRevised,
} from '../../test-support/events';
import { postOnce } from '../../test-support/requests';

const clock = { now: new Date('2022-05-10T06:00:00Z') };
const BID = 'bid-2022-0007';
const PROJECT = `prj-${BID}`;
const SOLO = 'prt-0d4a6c18';

type Json = Record<string, unknown> & { version: number };

describe('a project whose inputs arrive out of order', () => {
  let test: TestService<Config>;
  let coordinator: string;

  beforeAll(async () => {
    test = await startServiceForTest(
      { SERVICE_NAME, configSchema, composeService },
      { now: () => clock.now },
    );
    coordinator = await test.token({ roles: ['coordinator'] });
  });
  afterAll(() => test.stop());

  it('uses the newest rules and the newest education level, whatever order they came in', async () => {
    // An individual applicant (2022 rules), no host organization; the profile update overtakes the registration.
    await test.deliver(
      bidAwarded({
        bidId: BID,
        teamId: 'team-2022-0007',
        roundId: 'rnd-2022',
        region: 'mangystau',
        hostOrganizationId: undefined,
        awardedAmountKzt: 500_000,
        durationMonths: 1,
        leaderParticipantId: SOLO,
        memberParticipantIds: [SOLO],
      }),
      roundRulesRevised('rnd-2022', 2, {
        stipendMonthlyKzt: { graduate: 85_000, other: 70_000 },
        tranchePercentages: [70, 30],
      }),
      roundPublished('rnd-2022'),
      participantProfileUpdated(SOLO, 'higher', 2),
      participantRegistered(SOLO, 'general-secondary'),
    );
    const signed = await postOnce<Json>(test, `/projects/${PROJECT}/agreement`, coordinator, {
      signedOn: '2022-05-20',
      startsOn: '2022-06-01',
    });
    expect(signed).toMatchObject({
      status: 201,
      body: {
        agreement: {
          endsOn: '2022-06-30',
          rules: { rulesVersion: 2 },
          tranches: [
            { trancheNumber: 1, amountKzt: 350_000 },
            { trancheNumber: 2, amountKzt: 150_000 },
          ],
        },
      },
    });

    const leader = await test.token({ roles: ['applicant'], participantId: SOLO });
    const submitted = await postOnce<Json>(test, `/projects/${PROJECT}/reports/1`, leader, {
      activitiesHeld: 2,
      beneficiaries: [{ sex: 'female', ageBand: '35-59', count: 12 }],
      expenses: [{ category: 'events', amountKzt: 120_000 }],
      members: [
        {
          participantId: SOLO,
          mentorSessionAttended: true,
          trainingCompleted: true,
          surveyCompleted: true,
        },
      ],
    });
    expect(submitted).toMatchObject({ status: 201, body: { kind: 'final' } });
    // No host organization: only a coordinator reviews.
    const anyHost = await test.token({ roles: ['host_org'], hostOrgId: 'org-0042' });
    expect(
      (await test.call('POST', `/reports/rpt-${BID}:m1/accept`, { token: anyHost, body: { version: 1 } }))
        .status,
    ).toBe(403);
    const accept = () =>
      test.call<Json>('POST', `/reports/rpt-${BID}:m1/accept`, { token: coordinator, body: { version: 1 } });
    expect(await accept()).toMatchObject({ status: 200, body: { status: 'accepted' } });
    // Accepting again changes nothing.
    expect(await accept()).toMatchObject({ status: 200, body: { status: 'accepted', version: 2 } });

    const events: ZhasEvent[] = await test.publishedEvents();
    const stipends = events.filter((event) => event.type === 'tracking.stipend.payable.v1');
    expect(stipends.map((event) => event.data)).toEqual([
      expect.objectContaining({ participantId: SOLO, amountKzt: 85_000, rateCategory: 'graduate' }),
    ]);
    // The only report of a one-month project unlocks the second tranche.
    expect(
      events
        .filter((event) => event.type === 'tracking.tranche.payable.v1')
        .map((event) => event.data.trancheNumber),
    ).toEqual(expect.arrayContaining([1, 2]));
  });

  it('is terminated with a reason, after which it receives no tranches and takes the follow-up survey', async () => {
    const project = await test.call<Json>('GET', `/projects/${PROJECT}`, { token: coordinator });
    const terminated = await test.call<Json>('POST', `/projects/${PROJECT}/terminate`, {
      token: coordinator,
      body: { version: project.body.version, reason: 'team-request', terminatedOn: '2022-06-20' },
    });
    expect(terminated).toMatchObject({
      status: 200,
      body: { status: 'terminated', termination: { reason: 'team-request' } },
    });
    const stale = await test.call('POST', `/projects/${PROJECT}/terminate`, {
      token: coordinator,
      body: { version: project.body.version, reason: 'team-request', terminatedOn: '2022-06-20' },
    });
    expect(stale.status).toBe(409);
    const disburse = await postOnce(test, `/tranches/trn-${BID}:1/disburse`, coordinator, {
      disbursedOn: '2022-06-21',
    });
    expect(disburse).toMatchObject({ status: 409, body: { type: '/problems/project-state' } });
    const survey = await test.call('POST', `/projects/${PROJECT}/surveys`, {
      token: coordinator,
      body: { participantId: SOLO, wave: 'follow-up', instrument: 'life-skills-2022', lifeSkillsScore: 71.5 },
    });
    expect(survey.status).toBe(201);
    const events = await test.publishedEvents();
    expect(events.filter((event) => event.type === 'tracking.project.terminated.v1')).toHaveLength(1);
  });
});
