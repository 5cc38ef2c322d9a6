/*
 * A whole (small) round through the four services over Kafka, by HTTP only: competitions runs the round and the
 * host-organization competition, applications the teams, bids and the lottery, tracking the projects, reporting
 * counts. The clock is shared and moved between phases so that every window is open or closed as the rules say.
 * The last step compares reporting's numbers with exactly what this file did.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as applications from '@zhas/applications';
import * as competitions from '@zhas/competitions';
import { personalDataFindings, sampleRound2019, type Service, topicFor } from '@zhas/contracts';
import { makeBin, makeIin } from '@zhas/kz';
import { readTopic } from '@zhas/messaging';
import { startServiceForTest, type TokenClaims } from '@zhas/service-kit/testing';
import * as reporting from '@zhas/reporting';
import { eventually, iatiErrors, threeSixtyGivingErrors, uniqueName } from '@zhas/testing';
import * as tracking from '@zhas/tracking';
import { call, type Json, settle as settleAll, type Started } from './platform';

type Sex = 'female' | 'male';
type Region = 'akmola' | 'atyrau';
type Exit = 'employed' | 'studying' | 'own-business' | 'neet';

const clock = { now: new Date('2019-01-10T05:00:00.000Z') };
const at = (instant: string) => {
  clock.now = new Date(instant);
};

// ---------------------------------------------------------------------------------------------------------------
// The round and the people of this test (what the final numbers are computed from)

// The programme's 2019 round (the contract fixture) in two regions with one host seat and one project each.
const {
  roundId: _roundId,
  rulesVersion: _rulesVersion,
  publishedAt: _publishedAt,
  ...sample
} = sampleRound2019();
const round = {
  ...sample,
  regions: ['akmola', 'atyrau'],
  rules: {
    ...sample.rules,
    regionQuotas: [
      { region: 'akmola', hostOrganizationSeats: 1, projectQuota: 1 },
      { region: 'atyrau', hostOrganizationSeats: 1, projectQuota: 1 },
    ],
  },
};
const GRADUATE = new Set<string>(round.rules.graduateEducationLevels);

interface Person {
  key: string;
  birthDate: string;
  sex: Sex;
  region: Region;
  educationLevel: string;
  neet: boolean;
  vulnerability: string[];
  /** 'early' leaves the project before its end with that status; otherwise the status at completion. */
  exit?: Exit;
  exitsEarly?: boolean;
  /** Life-skills scores, baseline then endline. */
  lifeSkills?: [number, number];
}

// Team 1 (akmola, with the selected host organization), team 2 (atyrau, independent, whose bid first fails the
// check), team 3 (akmola, independent, reviewed below the qualifying score).
const person = (
  key: string,
  [birthDate, sex, region, educationLevel]: [string, Sex, Region, string],
  neet: boolean,
  vulnerability: string[],
  outcome: Pick<Person, 'exit' | 'exitsEarly' | 'lifeSkills'> = {},
): Person => ({ key, birthDate, sex, region, educationLevel, neet, vulnerability, ...outcome });

const people: Record<string, Person[]> = {
  team1: [
    person('aigerim', ['2000-02-10', 'female', 'akmola', 'higher'], true, ['low-income'], {
      exit: 'studying',
      lifeSkills: [50, 72],
    }),
    person('daniyar', ['1998-06-01', 'male', 'akmola', 'general-secondary'], false, [], {
      exit: 'employed',
      lifeSkills: [55, 70],
    }),
    person(
      'madina',
      ['2003-09-15', 'female', 'akmola', 'basic-secondary'],
      true,
      ['disability', 'rural-youth'],
      {
        exit: 'neet',
        lifeSkills: [60, 45],
      },
    ),
  ],
  team2: [
    person('nurlan', ['1995-01-20', 'male', 'atyrau', 'technical-vocational'], true, [], {
      exit: 'own-business',
      lifeSkills: [40, 65],
    }),
    person('saule', ['1997-04-04', 'female', 'atyrau', 'higher'], false, ['orphan'], {
      exit: 'studying',
      lifeSkills: [50, 80],
    }),
    person('yerlan', ['2001-11-30', 'male', 'atyrau', 'general-secondary'], false, ['low-income'], {
      exit: 'employed',
      lifeSkills: [45, 60],
    }),
    person('zhanna', ['1992-05-05', 'female', 'atyrau', 'incomplete-higher'], true, [], {
      exit: 'employed',
      exitsEarly: true,
    }),
  ],
  team3: [
    person('arman', ['1999-07-07', 'male', 'akmola', 'general-secondary'], false, []),
    person('dana', ['2000-12-12', 'female', 'akmola', 'higher'], false, []),
    person('timur', ['1996-03-03', 'male', 'akmola', 'post-secondary'], true, []),
  ],
};

const content = (amounts: { category: string; amountKzt: number }[], overrides: Json = {}) => ({
  title: 'Clean river banks',
  problem: 'Litter along the river harms the village.',
  goal: 'Clean and keep clean two kilometres of river bank.',
  beneficiaries: 'Villagers and school children.',
  plannedBeneficiaries: 300,
  activities: [
    { month: 1, description: 'Survey and plan' },
    { month: 2, description: 'Clean-up days' },
  ],
  budgetLines: amounts.map((line) => ({ ...line, note: '' })),
  requestedAmountKzt: amounts.reduce((sum, line) => sum + line.amountKzt, 0),
  durationMonths: 6,
  nonCommercialDeclared: true,
  ...overrides,
});
const GRANT = { team1: 750_000, team2: 900_000 };

const rubric = (score: number) => ({
  criteria: round.rules.bidReviewCriteria.map(({ code }) => ({ code, score, comment: 'Read in full' })),
});
const hostScores = (score: number) => ({
  scores: round.rules.hostOrganizationCriteria.map(({ code }) => ({ code, score })),
});
const hostFacts = {
  youthExperienceYears: 5,
  hasTaxDebt: false,
  hasBankAccount: true,
  onUnreliableSupplierList: false,
  operatesInRegion: true,
  capacityTeams: 6,
};
const beneficiaries = (count: number) => [
  { sex: 'female', ageBand: '14-17', count },
  { sex: 'male', ageBand: '18-24', count: count + 5 },
];
const reached = (count: number) => 2 * count + 5;

// ---------------------------------------------------------------------------------------------------------------
// The four services, one topic prefix and one signing key between them

const topicPrefix = uniqueName('e2e');
let keyDir: string;
let svc: { competitions: Started; applications: Started; tracking: Started; reporting: Started };
/** Which topics each consuming service reads, to wait until it has handled everything on them. */
const consumes: [keyof typeof svc, Service[]][] = [
  ['applications', ['competitions']],
  ['tracking', ['competitions', 'applications']],
  ['reporting', ['competitions', 'applications', 'tracking']],
];

let idem = 0;
const key = () => ({ 'Idempotency-Key': `e2e-key-${String((idem += 1)).padStart(6, '0')}` });
const token = (claims: TokenClaims) => svc.competitions.token(claims);

const settle = () => settleAll(svc, consumes, topicPrefix);

beforeAll(async () => {
  keyDir = await mkdtemp(path.join(tmpdir(), 'zhas-e2e-keys-'));
  const options = { topicPrefix, keyDir, now: () => clock.now };
  // Producers first, so that the topics exist when the consumers subscribe.
  const started = {
    competitions: (await startServiceForTest(competitions, options)) as Started,
    applications: (await startServiceForTest(applications, options)) as Started,
    tracking: (await startServiceForTest(tracking, options)) as Started,
    reporting: (await startServiceForTest(reporting, options)) as Started,
  };
  svc = started;
}, 60_000);

afterAll(async () => {
  if (svc) for (const service of Object.values(svc).reverse()) await service.stop();
  if (keyDir) await rm(keyDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------

describe('a grant round through the four services', () => {
  let coordinator: string;
  let roundId: string;
  const orgs: Record<string, { id: string; staff: string }> = {};
  const youth: Record<
    string,
    { participantId: string; token: string; iin: string; fullName: string; phone: string }
  > = {};
  const teams: Record<string, { teamId: string; bidId: string; leader: string }> = {};
  const projectOf = (team: string) => `prj-${teams[team]!.bidId}`;

  it('publishes a round in two regions', async () => {
    coordinator = await token({ roles: ['coordinator'], subject: 'coordinator-1' });
    const created = await call<{ roundId: string; version: number }>(svc.competitions, 'POST', '/rounds', {
      token: coordinator,
      headers: key(),
      body: round,
    });
    roundId = created.roundId;
    await call(svc.competitions, 'POST', `/rounds/${roundId}/publish`, {
      token: coordinator,
      headers: key(),
      body: { version: created.version },
    });
    await settle();
    // settle() has waited until applications and tracking handled round.published (teams need the round later).
    const rounds = await call<{ items: { roundId: string; status: string }[] }>(
      svc.competitions,
      'GET',
      '/rounds',
      {
        token: coordinator,
      },
    );
    expect(rounds.items).toEqual([expect.objectContaining({ roundId, status: 'published' })]);
  });

  it('selects host organizations: applications in the window, committee scores, one seat per region', async () => {
    at('2019-02-01T06:00:00.000Z');
    const applied: Record<string, { hostApplicationId: string }> = {};
    for (const [name, region, serial] of [
      ['steppe', 'akmola', 11],
      ['river', 'akmola', 22],
      ['caspian', 'atyrau', 33],
    ] as const) {
      const registered = await call<{ hostOrganizationId: string }>(
        svc.competitions,
        'POST',
        '/organizations',
        {
          token: await token({ roles: ['host_org'], subject: `staff-${name}` }),
          headers: key(),
          body: {
            bin: makeBin({
              registeredOn: '2010-03',
              entityType: 'resident-legal-entity',
              entityKind: 'head-office',
              serial,
            }),
            name: `${name} youth centre`,
          },
        },
      );
      const staff = await token({
        roles: ['host_org'],
        subject: `staff-${name}`,
        hostOrgId: registered.hostOrganizationId,
      });
      orgs[name] = { id: registered.hostOrganizationId, staff };
      const draft = await call<{ hostApplicationId: string; version: number }>(
        svc.competitions,
        'POST',
        `/rounds/${roundId}/host-applications`,
        {
          token: staff,
          body: { hostOrganizationId: registered.hostOrganizationId, region, facts: hostFacts },
        },
      );
      const submitted = await call<{ hostApplicationId: string; status: string }>(
        svc.competitions,
        'POST',
        `/host-applications/${draft.hostApplicationId}/submit`,
        { token: staff, headers: key(), body: { version: draft.version } },
      );
      expect(submitted.status).toBe('eligible');
      applied[name] = submitted;
    }
    const committee = await token({ roles: ['committee'], subject: 'committee-1' });
    for (const [name, score] of [
      ['steppe', 85],
      ['river', 62],
      ['caspian', 78],
    ] as const)
      await call(
        svc.competitions,
        'PUT',
        `/host-applications/${applied[name]!.hostApplicationId}/scores/me`,
        {
          token: committee,
          body: hostScores(score),
        },
      );

    // Selection only after the window has closed.
    at('2019-02-20T06:00:00.000Z');
    for (const region of round.regions)
      await call(
        svc.competitions,
        'POST',
        `/rounds/${roundId}/regions/${region}/host-selection`,
        {
          token: coordinator,
          headers: key(),
        },
        201,
      );
    const selected = await call<{ items: { hostOrganizationId: string; region: string }[] }>(
      svc.competitions,
      'GET',
      `/rounds/${roundId}/selected-host-organizations`,
    );
    expect(selected.items.map((item) => [item.region, item.hostOrganizationId]).sort()).toEqual(
      [
        ['akmola', orgs.steppe!.id],
        ['atyrau', orgs.caspian!.id],
      ].sort(),
    );
    await settle();
  });

  it('registers young people with valid IINs', async () => {
    at('2019-03-10T06:00:00.000Z');
    let serial = 0;
    for (const person of Object.values(people).flat()) {
      serial += 10;
      const subject = `youth-${person.key}`;
      const body = {
        iin: makeIin({ birthDate: person.birthDate, sex: person.sex, serial }),
        fullName: `${person.key[0]!.toUpperCase()}${person.key.slice(1)} Testova`,
        phone: `+7 701 555 ${String(10 + serial).padStart(4, '0')}`,
        region: person.region,
        settlement: person.region === 'akmola' ? 'rural' : 'urban',
        educationLevel: person.educationLevel,
        neet: person.neet,
        vulnerability: person.vulnerability,
        consents: {
          'programme-participation': true,
          'monitoring-evaluation': true,
          'follow-up-survey': true,
          publicity: false,
        },
      };
      const registered = await call<{ participantId: string }>(
        svc.applications,
        'POST',
        '/participants',
        {
          token: await token({ roles: ['applicant'], subject }),
          body,
        },
        201,
      );
      youth[person.key] = {
        participantId: registered.participantId,
        token: await token({ roles: ['applicant'], subject, participantId: registered.participantId }),
        iin: body.iin,
        fullName: body.fullName,
        phone: body.phone,
      };
    }
    expect(Object.keys(youth)).toHaveLength(10);
  });

  it('forms teams: one with a host organization that confirms, the others independent', async () => {
    for (const [team, hostOrganizationId] of [
      ['team1', orgs.steppe!.id],
      ['team2', null],
      ['team3', null],
    ] as const) {
      const [leader, ...members] = people[team]!.map((person) => youth[person.key]!);
      const created = await call<{ teamId: string }>(
        svc.applications,
        'POST',
        '/teams',
        {
          token: leader!.token,
          body: { roundId, region: people[team]![0]!.region, hostOrganizationId },
        },
        201,
      );
      for (const member of members) {
        await call(svc.applications, 'POST', `/teams/${created.teamId}/invitations`, {
          token: leader!.token,
          body: { participantId: member.participantId },
        });
        await call(
          svc.applications,
          'POST',
          `/teams/${created.teamId}/invitations/${member.participantId}/accept`,
          {
            token: member.token,
          },
        );
      }
      await call(svc.applications, 'POST', `/teams/${created.teamId}/form`, { token: leader!.token });
      teams[team] = { teamId: created.teamId, bidId: '', leader: leader!.token };
    }
    await call(svc.applications, 'POST', `/teams/${teams.team1!.teamId}/host-organization/confirm`, {
      token: orgs.steppe!.staff,
    });
  });

  it('drafts and submits bids; a failed check is amended and passes', async () => {
    at('2019-03-12T06:00:00.000Z');
    const drafts = {
      team1: content([
        { category: 'materials', amountKzt: 400_000 },
        { category: 'events', amountKzt: 350_000 },
      ]),
      team2: content([{ category: 'equipment', amountKzt: 1_200_000 }]),
      team3: content([{ category: 'materials', amountKzt: 600_000 }]),
    };
    for (const team of ['team1', 'team2', 'team3'] as const) {
      const bid = await call<{ bidId: string; registrationNumber: string }>(
        svc.applications,
        'POST',
        '/bids',
        {
          token: teams[team]!.leader,
          body: { teamId: teams[team]!.teamId, content: drafts[team] },
        },
        201,
      );
      expect(bid.registrationNumber).toMatch(/^ZHAS-2019-(AKM|ATY)-\d{6}$/);
      teams[team]!.bidId = bid.bidId;
      const submitKey = key();
      const submit = () =>
        call<{ status: string; version: number; checkReasons: { code: string }[] }>(
          svc.applications,
          'POST',
          `/bids/${bid.bidId}/submit`,
          { token: teams[team]!.leader, headers: submitKey },
        );
      const submitted = await submit();
      // The same Idempotency-Key again: the same answer, one effect.
      expect(await submit()).toEqual(submitted);
      if (team !== 'team2') {
        expect(submitted).toMatchObject({ status: 'in-review', checkReasons: [] });
        continue;
      }
      expect(submitted).toMatchObject({
        status: 'check-failed',
        checkReasons: [expect.objectContaining({ code: 'budget-exceeds-ceiling' })],
      });
      const amended = await call<{ version: number }>(svc.applications, 'PUT', `/bids/${bid.bidId}/draft`, {
        token: teams[team]!.leader,
        body: {
          version: submitted.version,
          content: content([
            { category: 'equipment', amountKzt: 500_000 },
            { category: 'materials', amountKzt: 400_000 },
          ]),
        },
      });
      expect(amended.version).toBeGreaterThan(submitted.version);
      const again = await call(svc.applications, 'POST', `/bids/${bid.bidId}/submit`, {
        token: teams[team]!.leader,
        headers: key(),
      });
      expect(again).toMatchObject({ status: 'in-review', submissionNumber: 2 });
    }
  });

  it('reviews the bids, qualifies two, and draws the lotteries after the window closes', async () => {
    at('2019-04-10T06:00:00.000Z');
    await call(
      svc.applications,
      'POST',
      `/bids/${teams.team1!.bidId}/reviews`,
      {
        token: orgs.steppe!.staff,
        body: rubric(82),
      },
      201,
    );
    const atyrauCommittee = await token({
      roles: ['committee'],
      subject: 'committee-atyrau',
      regions: ['atyrau'],
    });
    const akmolaCommittee = await token({
      roles: ['committee'],
      subject: 'committee-akmola',
      regions: ['akmola'],
    });
    await call(
      svc.applications,
      'POST',
      `/bids/${teams.team2!.bidId}/reviews`,
      {
        token: atyrauCommittee,
        body: rubric(75),
      },
      201,
    );
    await call(
      svc.applications,
      'POST',
      `/bids/${teams.team3!.bidId}/reviews`,
      {
        token: akmolaCommittee,
        body: rubric(48),
      },
      201,
    );
    for (const team of ['team1', 'team2', 'team3'])
      await call(svc.applications, 'POST', `/bids/${teams[team]!.bidId}/qualification`, {
        token: coordinator,
      });

    const early = await svc.applications.call('POST', `/rounds/${roundId}/regions/akmola/lottery`, {
      token: coordinator,
      headers: key(),
      body: { seed: 'c0ffee'.repeat(6) },
    });
    expect(early).toMatchObject({ status: 409, body: { type: '/problems/window-still-open' } });

    at('2019-05-01T06:00:00.000Z');
    const winners: string[] = [];
    for (const [region, seed] of [
      ['akmola', 'a1'.repeat(16)],
      ['atyrau', 'b2'.repeat(16)],
    ] as const) {
      const drawn = await call<{ lottery: { lotteryId: string; winnerBidIds: string[] } }>(
        svc.applications,
        'POST',
        `/rounds/${roundId}/regions/${region}/lottery`,
        { token: coordinator, headers: key(), body: { seed } },
        201,
      );
      winners.push(...drawn.lottery.winnerBidIds);
      const verification = await call(
        svc.applications,
        'GET',
        `/lotteries/${drawn.lottery.lotteryId}/verification`,
      );
      expect(verification).toMatchObject({ agrees: true });
    }
    expect(winners.sort()).toEqual([teams.team1!.bidId, teams.team2!.bidId].sort());
    const loser = await call(svc.applications, 'GET', `/bids/${teams.team3!.bidId}`, { token: coordinator });
    expect(loser).toMatchObject({ status: 'not-awarded' });

    // Tracking opens a project from each award.
    await settle();
    const projects = await call<{ items: { projectId: string; status: string }[] }>(
      svc.tracking,
      'GET',
      `/projects?roundId=${roundId}`,
      { token: coordinator },
    );
    expect(projects.items.map((project) => [project.projectId, project.status]).sort()).toEqual(
      [
        [projectOf('team1'), 'opened'],
        [projectOf('team2'), 'opened'],
      ].sort(),
    );
  });

  it('signs agreements and disburses the first tranches', async () => {
    at('2019-05-20T06:00:00.000Z');
    for (const team of ['team1', 'team2'] as const) {
      const signed = await call<{ status: string; agreement: { tranches: { amountKzt: number }[] } }>(
        svc.tracking,
        'POST',
        `/projects/${projectOf(team)}/agreement`,
        { token: coordinator, headers: key(), body: { signedOn: '2019-05-20', startsOn: '2019-06-01' } },
        201,
      );
      expect(signed.status).toBe('active');
      expect(signed.agreement.tranches.map((tranche) => tranche.amountKzt)).toEqual([
        GRANT[team] / 2,
        GRANT[team] / 2,
      ]);
      await call(svc.tracking, 'POST', `/tranches/trn-${teams[team]!.bidId}:1/disburse`, {
        token: coordinator,
        headers: key(),
        body: { disbursedOn: '2019-05-25' },
      });
    }
  });

  const grievances: string[] = [];
  it('takes grievances from anyone', async () => {
    at('2019-06-03T06:00:00.000Z');
    for (const [category, region] of [
      ['payments', 'akmola'],
      ['other', 'atyrau'],
    ] as const) {
      const lodged = await call<{ grievanceId: string; status: string }>(
        svc.tracking,
        'POST',
        '/grievances',
        {
          headers: key(),
          body: {
            category,
            channel: 'hotline',
            region,
            roundId,
            description: 'The first stipend has not arrived; please call me back.',
            contact: { name: 'Gulnara Testova', phone: '+7 702 555 0199' },
          },
        },
        201,
      );
      grievances.push(lodged.grievanceId);
    }
    const resolve = async (grievanceId: string) => {
      let current = await call<{ version: number }>(svc.tracking, 'GET', `/grievances/${grievanceId}`, {
        token: coordinator,
      });
      current = await call(svc.tracking, 'POST', `/grievances/${grievanceId}/assign`, {
        token: coordinator,
        body: { version: current.version, assigneeId: 'officer-1' },
      });
      current = await call(svc.tracking, 'POST', `/grievances/${grievanceId}/answer`, {
        token: coordinator,
        body: { version: current.version, answer: 'The payment was made on 5 June.' },
      });
      return call<{ status: string }>(svc.tracking, 'POST', `/grievances/${grievanceId}/resolve`, {
        token: coordinator,
        body: { version: current.version, outcome: 'upheld' },
      });
    };
    // The first is answered within its deadline, the second after it.
    at('2019-06-05T06:00:00.000Z');
    expect(await resolve(grievances[0]!)).toMatchObject({ status: 'resolved' });
    at('2019-07-20T06:00:00.000Z');
    const overdue = await call<{ items: { grievanceId: string }[] }>(
      svc.tracking,
      'GET',
      '/grievances?overdue=true',
      {
        token: coordinator,
      },
    );
    expect(overdue.items.map((item) => item.grievanceId)).toEqual([grievances[1]]);
    expect(await resolve(grievances[1]!)).toMatchObject({ status: 'resolved' });
  });

  const acceptedBeneficiaries: number[] = [];
  const members = (team: string, leaving: string[] = []) =>
    people[team]!.filter((person) => !leaving.includes(person.key)).map((person) => ({
      participantId: youth[person.key]!.participantId,
      mentorSessionAttended: true,
      trainingCompleted: true,
      surveyCompleted: true,
    }));
  const report = (team: string, count: number, leaving: string[] = []) => ({
    activitiesHeld: 3,
    activities: ['Clean-up day', 'Workshop at school'],
    beneficiaries: beneficiaries(count),
    expenses: [{ category: 'materials', amountKzt: 100_000 }],
    members: members(team, leaving),
  });
  const submitReport = (team: string, month: number, body: unknown) =>
    call<{ reportId: string; version: number; status: string; submissionNumber: number }>(
      svc.tracking,
      'POST',
      `/projects/${projectOf(team)}/reports/${month}`,
      { token: teams[team]!.leader, headers: key(), body },
      201,
    );
  const accept = async (reportId: string, version: number, reviewer: string, count: number) => {
    await call(svc.tracking, 'POST', `/reports/${reportId}/accept`, { token: reviewer, body: { version } });
    acceptedBeneficiaries.push(reached(count));
  };

  it('takes monthly reports, returns one for correction, and pays the stipends earned', async () => {
    at('2019-07-03T06:00:00.000Z');
    const first = await submitReport('team1', 1, report('team1', 10));
    await accept(first.reportId, first.version, orgs.steppe!.staff, 10);

    const second = await submitReport('team2', 1, report('team2', 7));
    const returned = await call<{ version: number; status: string }>(
      svc.tracking,
      'POST',
      `/reports/${second.reportId}/return`,
      {
        token: coordinator,
        body: { version: second.version, reasons: ['expenses-unsupported'], note: 'Receipts?' },
      },
    );
    expect(returned.status).toBe('returned');
    const corrected = await submitReport('team2', 1, report('team2', 8));
    expect(corrected.submissionNumber).toBe(2);
    await accept(corrected.reportId, corrected.version, coordinator, 8);

    await settle();
    let paidKzt = 0;
    for (const team of ['team1', 'team2']) {
      const payable = await call<{
        items: { stipendId: string; amountKzt: number; participantId: string }[];
      }>(svc.tracking, 'GET', `/stipends?projectId=${projectOf(team)}&status=payable`, {
        token: coordinator,
      });
      expect(payable.items).toHaveLength(people[team]!.length);
      for (const stipend of payable.items) {
        const person = people[team]!.find(
          (candidate) => youth[candidate.key]!.participantId === stipend.participantId,
        )!;
        expect(stipend.amountKzt).toBe(GRADUATE.has(person.educationLevel) ? 60_000 : 40_000);
        await call(svc.tracking, 'POST', `/stipends/${stipend.stipendId}/pay`, {
          token: coordinator,
          headers: key(),
          body: { paidOn: '2019-07-10' },
        });
        paidKzt += stipend.amountKzt;
      }
    }
    expect(paidKzt).toBe(expectedStipendsPaid());
  });

  it('unlocks and disburses the second tranches with the mid-term reports', async () => {
    at('2019-09-03T06:00:00.000Z');
    for (const [team, reviewer] of [
      ['team1', orgs.steppe!.staff],
      ['team2', coordinator],
    ] as const) {
      const midTerm = await submitReport(team, 3, report(team, 12));
      await accept(midTerm.reportId, midTerm.version, reviewer, 12);
      await call(svc.tracking, 'POST', `/tranches/trn-${teams[team]!.bidId}:2/disburse`, {
        token: coordinator,
        headers: key(),
        body: { disbursedOn: '2019-09-10' },
      });
    }
  });

  it('records an early exit, the surveys, the final reports and the completions with exit statuses', async () => {
    at('2019-09-15T06:00:00.000Z');
    const leaving = people.team2!.filter((person) => person.exitsEarly);
    for (const person of leaving) {
      const project = await call<{ version: number }>(
        svc.tracking,
        'GET',
        `/projects/${projectOf('team2')}`,
        {
          token: coordinator,
        },
      );
      await call(
        svc.tracking,
        'POST',
        `/projects/${projectOf('team2')}/members/${youth[person.key]!.participantId}/exit`,
        {
          token: coordinator,
          body: {
            version: project.version,
            reason: 'found-employment',
            exitStatus: person.exit,
            exitedOn: '2019-09-15',
          },
        },
      );
    }
    for (const team of ['team1', 'team2'])
      for (const person of people[team]!.filter((candidate) => !candidate.exitsEarly))
        for (const [index, wave] of (['baseline', 'endline'] as const).entries())
          await call(
            svc.tracking,
            'POST',
            `/projects/${projectOf(team)}/surveys`,
            {
              token: coordinator,
              body: {
                participantId: youth[person.key]!.participantId,
                wave,
                instrument: 'life-skills-2019',
                lifeSkillsScore: person.lifeSkills![index],
              },
            },
            201,
          );

    at('2019-12-03T06:00:00.000Z');
    for (const [team, reviewer] of [
      ['team1', orgs.steppe!.staff],
      ['team2', coordinator],
    ] as const) {
      const final = await submitReport(
        team,
        6,
        report(
          team,
          20,
          leaving.map((person) => person.key),
        ),
      );
      await accept(final.reportId, final.version, reviewer, 20);
      const project = await call<{ version: number }>(svc.tracking, 'GET', `/projects/${projectOf(team)}`, {
        token: coordinator,
      });
      const completed = await call<{ status: string; completion: { disbursedKzt: number } }>(
        svc.tracking,
        'POST',
        `/projects/${projectOf(team)}/complete`,
        {
          token: coordinator,
          body: {
            version: project.version,
            completedOn: '2019-11-30',
            members: people[team]!.filter((person) => !person.exitsEarly).map((person) => ({
              participantId: youth[person.key]!.participantId,
              exitStatus: person.exit,
            })),
          },
        },
      );
      expect(completed).toMatchObject({ status: 'completed', completion: { disbursedKzt: GRANT[team] } });
    }
  });

  // -------------------------------------------------------------------------------------------------------------
  // What reporting must say

  const participating = () => [...people.team1!, ...people.team2!];
  const completing = () => participating().filter((person) => !person.exitsEarly);
  const share = (list: Person[], test: (person: Person) => boolean) =>
    Math.round((list.filter(test).length / list.length) * 10_000) / 100;
  function expectedStipendsPaid(): number {
    return participating().reduce(
      (sum, person) => sum + (GRADUATE.has(person.educationLevel) ? 60_000 : 40_000),
      0,
    );
  }

  it('reports the numbers of exactly what happened, once every event has reached it', async () => {
    await settle();
    const viewer = await token({ roles: ['viewer'], subject: 'ministry-viewer' });
    await eventually('reporting has caught up with every topic', async () => {
      const progress = await call<{ caughtUp: boolean }>(svc.reporting, 'GET', '/read-models/progress', {
        token: viewer,
      });
      return progress.caughtUp;
    });

    const values = await call<{
      items: {
        code: string;
        value: number | null;
        disaggregations: { dimension: string; key: string; value: number | null }[];
      }[];
    }>(svc.reporting, 'GET', `/indicator-values?roundId=${roundId}&disaggregateBy=sex,region,age-band,neet`, {
      token: viewer,
    });
    const indicator = Object.fromEntries(values.items.map((item) => [item.code, item]));
    const value = (code: string) => indicator[code]?.value;
    const groups = (code: string, dimension: string) =>
      Object.fromEntries(
        (indicator[code]?.disaggregations ?? [])
          .filter((group) => group.dimension === dimension)
          .map((group) => [group.key, group.value]),
      );

    const youthIn = participating();
    const completers = completing();
    const exits = youthIn.map((person) => person.exit);
    const improved = completers.filter((person) => person.lifeSkills![1] > person.lifeSkills![0]).length;
    expect({
      'PDO-1': value('PDO-1'),
      'PDO-1.1': value('PDO-1.1'),
      'PDO-1.2': value('PDO-1.2'),
      'PDO-1.3': value('PDO-1.3'),
      'PDO-2': value('PDO-2'),
      'PDO-2.1': value('PDO-2.1'),
      'PDO-2.2': value('PDO-2.2'),
      'PDO-2.3': value('PDO-2.3'),
      'PDO-3': value('PDO-3'),
      'PDO-4': value('PDO-4'),
      'IR-1.1': value('IR-1.1'),
      'IR-1.2': value('IR-1.2'),
      'IR-1.3': value('IR-1.3'),
      'IR-2.1': value('IR-2.1'),
      'IR-2.3': value('IR-2.3'),
      'IR-2.4': value('IR-2.4'),
      'IR-3.1': value('IR-3.1'),
      'IR-3.2': value('IR-3.2'),
      'IR-3.3': value('IR-3.3'),
      'IR-4.1': value('IR-4.1'),
      'IR-4.2': value('IR-4.2'),
      'IR-5.1': value('IR-5.1'),
      'IR-5.2': value('IR-5.2'),
      'IR-5.3': value('IR-5.3'),
      'IR-5.4': value('IR-5.4'),
    }).toEqual({
      'PDO-1': 7,
      'PDO-1.1': share(youthIn, (person) => person.sex === 'female'),
      'PDO-1.2': share(youthIn, (person) => person.vulnerability.length > 0),
      'PDO-1.3': share(youthIn, (person) => person.neet),
      'PDO-2': 6,
      'PDO-2.1': share(completers, (person) => person.sex === 'female'),
      'PDO-2.2': share(completers, (person) => person.vulnerability.length > 0),
      'PDO-2.3': share(completers, (person) => person.neet),
      'PDO-3': Math.round((improved / completers.length) * 10_000) / 100,
      'PDO-4': share(youthIn, (person) => person.exit !== 'neet'),
      'IR-1.1': 2, // one seat in each region; the third organization lost on score
      'IR-1.2': 3, // team 2's resubmission is the same bid
      'IR-1.3': Math.round((2 / 3) * 10_000) / 100, // team 3 has no vulnerable member
      'IR-2.1': 2,
      'IR-2.3': 2,
      'IR-2.4': acceptedBeneficiaries.reduce((sum, count) => sum + count, 0),
      'IR-3.1': GRANT.team1 + GRANT.team2,
      'IR-3.2': GRANT.team1 + GRANT.team2,
      'IR-3.3': expectedStipendsPaid(),
      'IR-4.1': 50, // one answered in time, one late
      'IR-4.2': 50, // every bid submitted on 12 March and decided by the lottery on 1 May
      'IR-5.1': exits.filter((exit) => exit === 'employed').length,
      'IR-5.2': exits.filter((exit) => exit === 'studying').length,
      'IR-5.3': exits.filter((exit) => exit === 'own-business').length,
      'IR-5.4': exits.filter((exit) => exit === 'neet').length,
    });
    expect(groups('PDO-1', 'sex')).toEqual({ female: 4, male: 3 });
    expect(groups('PDO-1', 'region')).toEqual({ akmola: 3, atyrau: 4 });
    expect(groups('PDO-1', 'age-band')).toEqual({ '14-17': 2, '18-24': 4, '25-29': 1 });
    expect(groups('PDO-1', 'neet')).toEqual({ true: 4, false: 3 });
    expect(groups('IR-3.2', 'region')).toEqual({ akmola: GRANT.team1, atyrau: GRANT.team2 });

    const semester = await call<{
      rows: { code: string; actual: number | null; periodValue: number | null }[];
    }>(svc.reporting, 'GET', `/results-framework?semester=2019-S2&roundId=${roundId}`, { token: viewer });
    const row = Object.fromEntries(semester.rows.map((entry) => [entry.code, entry]));
    // Tranche 1 went out in May (first semester), tranche 2 in September.
    expect(row['IR-3.2']).toMatchObject({
      actual: GRANT.team1 + GRANT.team2,
      periodValue: (GRANT.team1 + GRANT.team2) / 2,
    });
    expect(row['PDO-2']).toMatchObject({ actual: 6, periodValue: 6 });
    expect(row['IR-1.1']).toMatchObject({ actual: 2, periodValue: 0 });
    expect(row['IR-3.3']).toMatchObject({
      actual: expectedStipendsPaid(),
      periodValue: expectedStipendsPaid(),
    });
  });

  it('put no personal data on any of the four topics', async () => {
    const kafka = svc.competitions.service.deps.kafka;
    let count = 0;
    for (const service of ['competitions', 'applications', 'tracking', 'reporting'] as const) {
      for (const message of await readTopic(kafka, topicFor(service, topicPrefix))) {
        count += 1;
        const text = message.value ?? 'null';
        expect(personalDataFindings(JSON.parse(text))).toEqual([]);
        for (const person of Object.values(youth)) {
          expect(text).not.toContain(person.iin);
          expect(text).not.toContain(person.fullName);
          expect(text).not.toContain(person.phone);
        }
        expect(text).not.toContain('Gulnara');
      }
    }
    expect(count).toBeGreaterThan(80);
  });

  it('publishes open data valid against IATI 2.03 and 360Giving 1.4, and no public export names anyone', async () => {
    const open = async (urlPath: string) => {
      const response = await fetch(`${svc.reporting.url}${urlPath}`);
      expect(response.status).toBe(200);
      return response.text();
    };
    const xml = await open('/open-data/iati-activities.xml');
    expect(await iatiErrors(xml)).toEqual([]);
    expect(xml.match(/<transaction-type code="2"\/>/g)).toHaveLength(2);
    const giving = await open('/open-data/360giving.json');
    const grants = JSON.parse(giving) as { grants: { amountAwarded: number }[] };
    expect(await threeSixtyGivingErrors(grants)).toEqual([]);
    expect(grants.grants.map((grant) => grant.amountAwarded).sort()).toEqual(
      [GRANT.team1, GRANT.team2].sort(),
    );

    const texts = [xml, giving];
    for (const urlPath of [
      '/open-data/grants?format=csv',
      '/public/indicators',
      '/public/headline?period=all',
      '/public/headline?period=2019',
      '/public/map?code=PDO-1&period=2019',
      '/public/map?code=IR-2.1&regionBasis=comparable',
      '/public/breakdown?code=PDO-1&dimension=sex',
      '/public/breakdown?code=PDO-1&dimension=neet&region=akmola',
    ]) {
      texts.push(await open(urlPath));
    }
    for (const text of texts) {
      for (const person of Object.values(youth)) {
        expect(text).not.toContain(person.iin);
        expect(text).not.toContain(person.fullName);
        expect(text).not.toContain(person.phone);
        expect(text).not.toContain(person.participantId);
      }
      expect(text).not.toContain('Gulnara');
      expect(text).not.toMatch(/\+7[\s\d]{10}/);
    }
  });
});
