#!/usr/bin/env node
/*
 * npm run seed:demo -- [--youth 3500] [--concurrency 16] [--seed n]
 *
 * Generates a realistic round through the PUBLIC HTTP APIs of the running services (npm start, ports 4101-4104),
 * with tokens signed by the local development key (<repo>/.data/auth). The services use the real clock, so the
 * round is created with its windows around now, and the two steps that need time to pass are made by publishing a
 * revision of the round that closes a window a few seconds ahead (competitions allows revising a published
 * round): the host-organization window before the selection, the youth window before the lotteries. Report,
 * disbursement and completion dates are the project's planned dates (weeks and months ahead).
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sampleRound2019 } from '@zhas/contracts';
import { issueLocalToken, loadAuthSettings, type Role } from '@zhas/service-kit';
import { setAccountAttributes } from './accounts';
import { parseSeedArguments, type SeedArguments, USAGE } from './args';
import { type Problem, RequestFailed, ServiceClient } from './client';
import {
  DEMO_REGIONS,
  type DemoPlan,
  type ExitStatus,
  planRound,
  type PlannedTeam,
  QUALIFYING_SCORE,
} from './plan';
import { seedLeavingOut } from './lottery';
import { formatDuration, forEachLimited, Progress } from './pool';

type Services = Record<'competitions' | 'applications' | 'tracking' | 'reporting', ServiceClient>;

/**
 * How long a step waits for applications to have a revision of the round (an event from competitions). Seconds on
 * a quiet machine; but applications reads it after its own earlier events, whose notices (a message to every
 * member of every team and bid) it sends first, and on a loaded machine that took minutes.
 */
const REVISION_WAIT_MS = 10 * 60_000;

const log = (line: string) => process.stdout.write(`${line}\n`);
const day = 86_400_000;
const dateIn = (base: Date, days: number) => new Date(base.getTime() + days * day).toISOString().slice(0, 10);

const HOST_CRITERIA = ['youth-experience', 'regional-presence', 'mentoring-capacity'] as const;
const BID_CRITERIA = [
  'social-significance',
  'local-relevance',
  'feasibility',
  'budget',
  'vulnerable-youth-priority',
];

/** Tokens signed with the local key, cached by their claims. */
function tokenIssuer() {
  const settings = loadAuthSettings(process.env);
  const cache = new Map<string, Promise<string>>();
  return (claims: {
    subject: string;
    roles: Role[];
    participantId?: string;
    hostOrgId?: string;
    regions?: string[];
  }) => {
    const cacheKey = JSON.stringify(claims);
    let token = cache.get(cacheKey);
    if (!token) {
      token = issueLocalToken(settings, { ...claims, ttlSeconds: 8 * 3600 });
      cache.set(cacheKey, token);
    }
    return token;
  };
}

/** Runs one phase over its items with the concurrency limit, printing progress every two seconds. */
async function phase<T>(
  label: string,
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  const progress = new Progress(label, items.length);
  const timer = setInterval(() => log(`  ${progress.line()}`), 2_000);
  try {
    await forEachLimited(items, concurrency, async (item, index) => {
      await work(item, index);
      progress.tick();
    });
  } finally {
    clearInterval(timer);
  }
  log(`  ${progress.line()}`);
}

const problemIs =
  (...types: string[]) =>
  (status: number, body: Problem) =>
    status === 404 || types.includes(body.type ?? '');

/**
 * Waits until every service has published what it recorded (its outbox is empty, `GET /admin/outbox`): events
 * reach the other services only then, and on FerretDB the relays can run minutes behind a burst of requests.
 */
async function waitForOutboxes(services: Services, admin: string, what: string): Promise<void> {
  let last = '';
  for (;;) {
    const pending = await Promise.all(
      Object.values(services).map(async (service) => {
        const outbox = await service.call<{ pendingAggregates: number }>('GET', '/admin/outbox', {
          token: admin,
        });
        return [service.name, outbox.pendingAggregates] as const;
      }),
    );
    const total = pending.reduce((sum, [, count]) => sum + count, 0);
    if (total === 0) return;
    const line = `  ${what}: events still to publish ${pending.map(([name, count]) => `${name} ${count}`).join(', ')}`;
    if (line !== last) log(line);
    last = line;
    await sleep(2_000); // polling the outbox status
  }
}

async function main(): Promise<number> {
  let args: SeedArguments | 'help';
  try {
    args = parseSeedArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `seed:demo: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`,
    );
    return 2;
  }
  if (args === 'help') {
    log(USAGE);
    return 0;
  }
  const services: Services = {
    competitions: new ServiceClient('competitions', args.urls.competitions),
    applications: new ServiceClient('applications', args.urls.applications),
    tracking: new ServiceClient('tracking', args.urls.tracking),
    reporting: new ServiceClient('reporting', args.urls.reporting),
  };
  for (const service of Object.values(services)) {
    try {
      await service.call('GET', '/health/ready');
    } catch {
      process.stderr.write(
        `seed:demo: ${service.name} does not answer at ${service.baseUrl}: start the services with npm start\n`,
      );
      return 1;
    }
  }
  const started = Date.now();
  const run = (args.seed % 1_000_000).toString(36);
  const plan = planRound({
    youth: args.youth,
    seed: args.seed,
    ageOn: new Date().toISOString().slice(0, 10),
  });
  log(
    `Zhas demo round (seed ${args.seed}): ${plan.people.length} youth, ${plan.teams.length} teams, ` +
      `${plan.organizations.length} host organizations, concurrency ${args.concurrency}`,
  );
  const totals = await seedRound(services, plan, args.concurrency, run);
  const writesDone = Date.now();
  if (totals.demoApplicant) {
    try {
      await setAccountAttributes(args.accounts, 'demo-applicant', { participant_id: [totals.demoApplicant] });
      log(`The demo-applicant account now acts as ${totals.demoApplicant} (a team leader of this round).`);
    } catch (error) {
      log(
        `demo-applicant was not linked to a seeded participant (${error instanceof Error ? error.message : String(error)}); ` +
          'the portal shows this round to the coordinator and the viewer.',
      );
    }
  }

  // Reporting settles when its consumer has caught up and shows what was done.
  const viewer = await totals.token({ subject: 'demo-viewer', roles: ['viewer'] });
  log('Waiting for reporting to settle ...');
  await waitForOutboxes(
    services,
    await totals.token({ subject: 'demo-admin', roles: ['admin'] }),
    'settling',
  );
  let numbers: Record<string, number | null> = {};
  for (;;) {
    const progress = await services.reporting.call<{ caughtUp: boolean }>('GET', '/read-models/progress', {
      token: viewer,
    });
    if (progress.caughtUp) {
      const values = await services.reporting.call<{ items: { code: string; value: number | null }[] }>(
        'GET',
        `/indicator-values?roundId=${encodeURIComponent(totals.roundId)}`,
        { token: viewer },
      );
      numbers = Object.fromEntries(values.items.map((item) => [item.code, item.value]));
      if (
        numbers['PDO-1'] === totals.participating &&
        numbers['IR-2.3'] === totals.completed &&
        numbers['IR-3.2'] === totals.disbursedKzt &&
        numbers['IR-3.3'] === totals.stipendsKzt
      )
        break;
    }
    if (Date.now() - writesDone > 10 * 60_000) {
      log('  reporting did not settle within 10 minutes; the numbers below are what it shows now');
      break;
    }
    await sleep(500); // polling the progress endpoint
  }
  const settled = Date.now();
  const requests = Object.values(services).reduce((sum, service) => sum + service.requests, 0);
  log('');
  log(`Round ${totals.roundId}`);
  const rows: [string, string, number | null | undefined][] = [
    ['PDO-1', 'youth participating', numbers['PDO-1']],
    ['PDO-1.1', 'share of women (%)', numbers['PDO-1.1']],
    ['PDO-1.2', 'share of vulnerable youth (%)', numbers['PDO-1.2']],
    ['PDO-1.3', 'share of NEET youth (%)', numbers['PDO-1.3']],
    ['PDO-2', 'youth completing', numbers['PDO-2']],
    ['IR-1.1', 'host organizations selected', numbers['IR-1.1']],
    ['IR-1.2', 'bids received', numbers['IR-1.2']],
    ['IR-2.1', 'projects financed', numbers['IR-2.1']],
    ['IR-2.3', 'projects completed', numbers['IR-2.3']],
    ['IR-3.1', 'grants committed (KZT)', numbers['IR-3.1']],
    ['IR-3.2', 'grants disbursed (KZT)', numbers['IR-3.2']],
    ['IR-3.3', 'stipends paid (KZT)', numbers['IR-3.3']],
    ['IR-4.1', 'grievances resolved on time (%)', numbers['IR-4.1']],
  ];
  for (const [code, name, value] of rows) log(`  ${code.padEnd(8)} ${name.padEnd(34)} ${value ?? '-'}`);
  log('');
  log(
    `Done in ${formatDuration(settled - started)}: ${requests} requests ` +
      `(${(requests / Math.max(1, (writesDone - started) / 1000)).toFixed(1)}/s); ` +
      `reporting settled ${formatDuration(settled - writesDone)} after the last write.`,
  );
  return 0;
}

interface Totals {
  roundId: string;
  participating: number;
  completed: number;
  disbursedKzt: number;
  stipendsKzt: number;
  token: ReturnType<typeof tokenIssuer>;
  /** The seeded participant the realm's demo-applicant account acts as. */
  demoApplicant: string | undefined;
}

async function seedRound(
  services: Services,
  plan: DemoPlan,
  concurrency: number,
  run: string,
): Promise<Totals> {
  const { competitions, applications, tracking } = services;
  const token = tokenIssuer();
  const key = () => `demo-${run}-${randomBytes(6).toString('hex')}`;
  const coordinator = await token({ subject: 'demo-coordinator', roles: ['coordinator'] });
  const committee = (region: string) =>
    token({ subject: `demo-committee-${region}`, roles: ['committee'], regions: [region] });

  // 1. The round, with windows around now (closed early by revisions when the phase is done).
  log('Round');
  const now = new Date();
  const later = (ms: number) => new Date(Date.now() + ms).toISOString();
  const content = {
    year: now.getUTCFullYear(),
    title: {
      kk: `Жас жоба: демо ${now.toISOString().slice(0, 10)}`,
      ru: `Жас Проект: демо ${now.toISOString().slice(0, 10)}`,
      en: `Zhas Project: demo ${now.toISOString().slice(0, 10)}`,
    },
    regions: [...DEMO_REGIONS],
    hostApplicationWindow: { opensAt: later(-60_000), closesAt: later(6 * 3_600_000) },
    youthApplicationWindow: { opensAt: later(6 * 3_600_000 + 1_000), closesAt: later(12 * 3_600_000) },
    // The programme's 2019 rules (the contract fixture), with this demo's threshold and quotas.
    rules: { ...sampleRound2019().rules, qualifyingScore: QUALIFYING_SCORE, regionQuotas: plan.quotas },
  };
  const created = await competitions.call<{ roundId: string; version: number }>('POST', '/rounds', {
    token: coordinator,
    idempotencyKey: key(),
    body: content,
  });
  const roundId = created.roundId;
  let round = await competitions.call<{ version: number }>('POST', `/rounds/${roundId}/publish`, {
    token: coordinator,
    idempotencyKey: key(),
    body: { version: created.version },
  });
  log(`  ${roundId} published: ${DEMO_REGIONS.join(', ')}`);
  const revise = async (
    windows: Pick<typeof content, 'hostApplicationWindow' | 'youthApplicationWindow'>,
  ) => {
    Object.assign(content, windows);
    round = await competitions.call<{ version: number }>('POST', `/rounds/${roundId}/revisions`, {
      token: coordinator,
      idempotencyKey: key(),
      body: { ...content, version: round.version },
    });
  };

  // 2. Host organizations apply, the committee scores, the window closes, the selection is confirmed.
  log('Host-organization competition');
  const orgIds = new Map<number, { id: string; staff: string }>();
  await phase('host applications', plan.organizations, concurrency, async (org) => {
    const subject = `demo-${run}-org-${org.index}`;
    const registered = await competitions.call<{ hostOrganizationId: string }>('POST', '/organizations', {
      token: await token({ subject, roles: ['host_org'] }),
      idempotencyKey: key(),
      body: { bin: org.bin, name: org.name },
    });
    const staff = await token({ subject, roles: ['host_org'], hostOrgId: registered.hostOrganizationId });
    orgIds.set(org.index, { id: registered.hostOrganizationId, staff });
    const draft = await competitions.call<{ hostApplicationId: string; version: number }>(
      'POST',
      `/rounds/${roundId}/host-applications`,
      {
        token: staff,
        body: {
          hostOrganizationId: registered.hostOrganizationId,
          region: org.region,
          facts: {
            youthExperienceYears: 4 + (org.index % 6),
            hasTaxDebt: !org.eligible,
            hasBankAccount: true,
            onUnreliableSupplierList: false,
            operatesInRegion: true,
            capacityTeams: 12,
          },
        },
      },
    );
    await competitions.call('POST', `/host-applications/${draft.hostApplicationId}/submit`, {
      token: staff,
      idempotencyKey: key(),
      body: { version: draft.version },
    });
    if (org.eligible)
      await competitions.call('PUT', `/host-applications/${draft.hostApplicationId}/scores/me`, {
        token: await committee(org.region),
        body: { scores: HOST_CRITERIA.map((code) => ({ code, score: org.score })) },
      });
  });
  const hostCloses = Date.now() + 2_000;
  await revise({
    hostApplicationWindow: { ...content.hostApplicationWindow, closesAt: new Date(hostCloses).toISOString() },
    youthApplicationWindow: {
      opensAt: new Date(hostCloses + 1_000).toISOString(),
      closesAt: later(12 * 3_600_000),
    },
  });
  log('  host window closed by a revision of the round; waiting for it to pass');
  await sleep(Math.max(0, hostCloses + 1_500 - Date.now()));
  for (const region of DEMO_REGIONS)
    await competitions.call('POST', `/rounds/${roundId}/regions/${region}/host-selection`, {
      token: coordinator,
      idempotencyKey: key(),
      notYet: problemIs('/problems/outside-window', '/problems/window-open'),
      waitMs: 10_000,
    });
  const selected = await competitions.all<{ hostOrganizationId: string; region: string }>(
    `/rounds/${roundId}/selected-host-organizations`,
    coordinator,
  );
  // In the plan's order of the organizations (the list comes in the order of their random ids), so that each team
  // gets the same host organization in every run.
  const planIndexOf = new Map([...orgIds].map(([index, org]) => [org.id, index]));
  const selectedByRegion = new Map<string, string[]>();
  for (const item of [...selected].sort(
    (a, b) => (planIndexOf.get(a.hostOrganizationId) ?? 0) - (planIndexOf.get(b.hostOrganizationId) ?? 0),
  ))
    selectedByRegion.set(item.region, [
      ...(selectedByRegion.get(item.region) ?? []),
      item.hostOrganizationId,
    ]);
  const staffOf = new Map([...orgIds.values()].map((org) => [org.id, org.staff]));
  log(`  ${selected.length} host organizations selected`);

  // 3. Young people register.
  log('Youth');
  const youth = new Map<number, { participantId: string; token: string }>();
  await phase('participants', plan.people, concurrency, async (person) => {
    const subject = `demo-${run}-youth-${person.index}`;
    const registered = await applications.call<{ participantId: string }>('POST', '/participants', {
      token: await token({ subject, roles: ['applicant'] }),
      body: {
        iin: person.iin,
        fullName: person.fullName,
        phone: person.phone,
        region: person.region,
        settlement: person.settlement,
        educationLevel: person.educationLevel,
        neet: person.neet,
        vulnerability: person.vulnerability,
        consents: {
          'programme-participation': true,
          'monitoring-evaluation': true,
          'follow-up-survey': person.index % 3 !== 0,
          publicity: person.index % 4 === 0,
        },
      },
    });
    youth.set(person.index, {
      participantId: registered.participantId,
      token: await token({ subject, roles: ['applicant'], participantId: registered.participantId }),
    });
  });
  const member = (index: number) => youth.get(index)!;

  // 4. Teams form (a host organization confirms those that asked for one), draft and submit their bids.
  const teamState = new Map<
    number,
    { teamId: string; bidId?: string; host: string | null; status?: string }
  >();
  await phase('teams', plan.teams, concurrency, async (team) => {
    const [leader, ...others] = team.members.map(member);
    const hosts = selectedByRegion.get(team.region) ?? [];
    const host = team.withHost && hosts.length > 0 ? hosts[team.index % hosts.length]! : null;
    const created = await applications.call<{ teamId: string }>('POST', '/teams', {
      token: leader!.token,
      body: { roundId, region: team.region, hostOrganizationId: host },
      // applications learns the round and the selection from competitions' events
      notYet: problemIs('/problems/host-organization-not-selected'),
    });
    for (const other of others) {
      await applications.call('POST', `/teams/${created.teamId}/invitations`, {
        token: leader!.token,
        body: { participantId: other.participantId },
      });
      await applications.call('POST', `/teams/${created.teamId}/invitations/${other.participantId}/accept`, {
        token: other.token,
      });
    }
    await applications.call('POST', `/teams/${created.teamId}/form`, { token: leader!.token });
    if (host)
      await applications.call('POST', `/teams/${created.teamId}/host-organization/confirm`, {
        token: staffOf.get(host)!,
      });
    teamState.set(team.index, { teamId: created.teamId, host });
  });
  const draftAndSubmit = async (team: PlannedTeam) => {
    const state = teamState.get(team.index)!;
    const leader = member(team.members[0]!);
    const bidContent = (amountKzt: number, lines: readonly { category: string; amountKzt: number }[]) => ({
      title: `Community project ${team.index + 1}`,
      problem: 'Young people of the district have few places to meet and learn.',
      goal: 'Open a weekly youth club with workshops run by the team.',
      beneficiaries: 'School children and young people of the district.',
      plannedBeneficiaries: 100 + (team.index % 7) * 40,
      activities: [
        { month: 1, description: 'Prepare the room and announce the club' },
        { month: 2, description: 'Weekly workshops' },
        { month: 6, description: 'Closing event' },
      ],
      budgetLines: lines.map((line) => ({ ...line, note: '' })),
      requestedAmountKzt: amountKzt,
      durationMonths: 6,
      nonCommercialDeclared: true,
    });
    const first = team.bid.failsCheckFirst
      ? bidContent(1_200_000, [{ category: 'equipment', amountKzt: 1_200_000 }])
      : bidContent(team.bid.amountKzt, team.bid.budgetLines);
    const bid = await applications
      .call<{ bidId: string }>('POST', '/bids', {
        token: leader.token,
        body: { teamId: state.teamId, content: first },
      })
      .catch((error: unknown) => {
        // A retried request (the connection dropped after the service took it) finds the bid it created.
        const existing =
          error instanceof RequestFailed ? (error.body as { bidId?: string } | undefined) : undefined;
        if (error instanceof RequestFailed && error.status === 409 && existing?.bidId)
          return { bidId: existing.bidId };
        throw error;
      });
    state.bidId = bid.bidId;
    const submit = () =>
      applications.call<{ status: string; version: number }>('POST', `/bids/${bid.bidId}/submit`, {
        token: leader.token,
        idempotencyKey: key(),
        // the youth window opens when applications has the revision of the round
        notYet: problemIs('/problems/outside-window'),
        waitMs: REVISION_WAIT_MS,
      });
    let submitted = await submit();
    if (submitted.status === 'check-failed' && !team.bid.abandonsAfterFailure) {
      await applications.call('PUT', `/bids/${bid.bidId}/draft`, {
        token: leader.token,
        body: { version: submitted.version, content: bidContent(team.bid.amountKzt, team.bid.budgetLines) },
      });
      submitted = await submit();
    }
    state.status = submitted.status;
  };
  await phase('bids', plan.teams, concurrency, draftAndSubmit);

  // 5. Reviews and qualification; the youth window closes; the lottery of each region.
  log('Selection');
  const inReview = plan.teams.filter((team) => teamState.get(team.index)?.status === 'in-review');
  await phase('reviews', inReview, concurrency, async (team) => {
    const state = teamState.get(team.index)!;
    const reviewer = state.host ? staffOf.get(state.host)! : await committee(team.region);
    await applications.call('POST', `/bids/${state.bidId}/reviews`, {
      token: reviewer,
      body: {
        criteria: BID_CRITERIA.map((code) => ({
          code,
          score: team.bid.reviewScore,
          comment: 'Reviewed for the demo',
        })),
      },
    });
    await applications.call('POST', `/bids/${state.bidId}/qualification`, { token: coordinator });
  });
  const youthCloses = Date.now() + 2_000;
  await revise({
    hostApplicationWindow: content.hostApplicationWindow,
    youthApplicationWindow: {
      ...content.youthApplicationWindow,
      closesAt: new Date(youthCloses).toISOString(),
    },
  });
  log('  youth window closed by a revision of the round; waiting for it to pass');
  await sleep(Math.max(0, youthCloses + 1_500 - Date.now()));
  const awarded = new Set<string>();
  const bidOf = (index: number) => teamState.get(index)?.bidId ?? '';
  for (const region of DEMO_REGIONS) {
    const candidates = inReview
      .filter((team) => team.region === region && team.bid.reviewScore >= QUALIFYING_SCORE)
      .map((team) => bidOf(team.index));
    const { seed, planned } = seedLeavingOut(
      plan.seed,
      region,
      candidates,
      new Set(plan.lotteryLosers[region].map(bidOf)),
    );
    if (!planned) log(`  lottery ${region}: no seed found leaving out the planned teams; the draw decides`);
    const drawn = await applications.call<{ lottery: { winnerBidIds: string[]; candidateBidIds: string[] } }>(
      'POST',
      `/rounds/${roundId}/regions/${region}/lottery`,
      {
        token: coordinator,
        idempotencyKey: key(),
        body: { seed },
        notYet: problemIs('/problems/window-still-open'),
        waitMs: REVISION_WAIT_MS,
      },
    );
    for (const bidId of drawn.lottery.winnerBidIds) awarded.add(bidId);
    log(
      `  lottery ${region}: ${drawn.lottery.winnerBidIds.length} of ${drawn.lottery.candidateBidIds.length} qualified bids`,
    );
  }
  const projects = plan.teams.filter((team) => awarded.has(teamState.get(team.index)?.bidId ?? ''));
  // Tracking opens each project from its award (an event): wait until it has them all.
  const opening = new Progress('projects opened by tracking', projects.length);
  for (let seen = 0; seen < projects.length;) {
    seen = (
      await tracking.all<{ projectId: string }>(
        `/projects?roundId=${encodeURIComponent(roundId)}`,
        coordinator,
      )
    ).length;
    opening.tick(seen - opening.count);
    log(`  ${opening.line()}`);
    if (seen < projects.length) await sleep(2_000); // polling tracking's list, not waiting for time to pass
  }

  // 6. Projects: agreement, tranches, reports (one returned in ten), exits, surveys, completion.
  log('Projects');
  const startsOn = dateIn(now, 14);
  const totals = { disbursedKzt: 0, stipendsKzt: 0, completed: 0, participating: 0 };
  await phase('projects', projects, concurrency, async (team) => {
    await runProject(team);
  });

  async function runProject(team: PlannedTeam): Promise<void> {
    const state = teamState.get(team.index)!;
    const projectId = `prj-${state.bidId!}`;
    const leader = member(team.members[0]!);
    const reviewer = state.host ? staffOf.get(state.host)! : coordinator;
    await tracking.call('POST', `/projects/${projectId}/agreement`, {
      token: coordinator,
      idempotencyKey: key(),
      body: { signedOn: dateIn(now, 7), startsOn },
      // tracking opens the project from the award, and needs the round's rules
      notYet: problemIs('/problems/round-rules-unknown'),
    });
    const disburse = async (trancheNumber: number, disbursedOn: string) => {
      const tranche = await tracking.call<{ amountKzt: number }>(
        'POST',
        `/tranches/trn-${state.bidId!}:${trancheNumber}/disburse`,
        { token: coordinator, idempotencyKey: key(), body: { disbursedOn } },
      );
      totals.disbursedKzt += tranche.amountKzt;
    };
    await disburse(1, dateIn(now, 16));
    const leaver = team.project.earlyLeaver;
    const report = (month: number, active: readonly number[]) => ({
      activitiesHeld: 2 + (month % 3),
      activities: ['Weekly workshop', 'Community clean-up'],
      beneficiaries: [
        { sex: 'female', ageBand: '14-17', count: 8 + (team.index % 5) },
        { sex: 'male', ageBand: '14-17', count: 6 + (team.index % 4) },
        { sex: 'female', ageBand: '18-24', count: 3 },
      ],
      expenses: [{ category: 'materials', amountKzt: Math.round(team.bid.amountKzt / 8) }],
      members: active.map((index) => ({
        participantId: member(index).participantId,
        mentorSessionAttended: true,
        trainingCompleted: month !== 3 || index % 10 !== 0,
        surveyCompleted: true,
      })),
    });
    const submitAndAccept = async (month: number, active: readonly number[], returnFirst: boolean) => {
      let submitted = await tracking.call<{ reportId: string; version: number }>(
        'POST',
        `/projects/${projectId}/reports/${month}`,
        { token: leader.token, idempotencyKey: key(), body: report(month, active) },
      );
      if (returnFirst) {
        await tracking.call('POST', `/reports/${submitted.reportId}/return`, {
          token: reviewer,
          body: {
            version: submitted.version,
            reasons: ['expenses-unsupported'],
            note: 'Please attach the receipts.',
          },
        });
        submitted = await tracking.call('POST', `/projects/${projectId}/reports/${month}`, {
          token: leader.token,
          idempotencyKey: key(),
          body: report(month, active),
        });
      }
      await tracking.call('POST', `/reports/${submitted.reportId}/accept`, {
        token: reviewer,
        body: { version: submitted.version },
      });
    };
    await submitAndAccept(1, team.members, team.project.returnedReport);
    await submitAndAccept(3, team.members, false);
    await disburse(2, dateIn(now, 14 + 95));
    let active = team.members;
    if (leaver !== null) {
      const exitStatus: ExitStatus = team.project.exitStatuses[leaver]!;
      const project = await tracking.call<{ version: number }>('GET', `/projects/${projectId}`, {
        token: coordinator,
      });
      await tracking.call(
        'POST',
        `/projects/${projectId}/members/${member(team.members[leaver]!).participantId}/exit`,
        {
          token: coordinator,
          body: {
            version: project.version,
            reason:
              exitStatus === 'employed'
                ? 'found-employment'
                : exitStatus === 'studying'
                  ? 'started-studies'
                  : 'left-voluntarily',
            exitStatus,
            exitedOn: dateIn(now, 14 + 110),
          },
        },
      );
      active = team.members.filter((_, position) => position !== leaver);
    }
    for (const index of active) {
      const position = team.members.indexOf(index);
      for (const [wave, score] of [
        ['baseline', team.project.lifeSkills[position]![0]],
        ['endline', team.project.lifeSkills[position]![1]],
      ] as const)
        await tracking.call('POST', `/projects/${projectId}/surveys`, {
          token: coordinator,
          body: {
            participantId: member(index).participantId,
            wave,
            instrument: 'life-skills-demo',
            lifeSkillsScore: score,
          },
        });
    }
    await submitAndAccept(6, active, false);
    const project = await tracking.call<{ version: number }>('GET', `/projects/${projectId}`, {
      token: coordinator,
    });
    await tracking.call('POST', `/projects/${projectId}/complete`, {
      token: coordinator,
      body: {
        version: project.version,
        completedOn: dateIn(now, 14 + 182),
        members: active.map((index) => ({
          participantId: member(index).participantId,
          exitStatus: team.project.exitStatuses[team.members.indexOf(index)]!,
        })),
      },
    });
    totals.completed += 1;
    totals.participating += team.members.length;
  }

  // 7. The payment run: every stipend that became payable.
  log('Payments');
  // A stipend waits for the member's education level, which tracking learns from applications' events.
  await waitForOutboxes(
    services,
    await token({ subject: 'demo-admin', roles: ['admin'] }),
    'before the payment run',
  );
  for (;;) {
    const waiting = await tracking.all<{ stipendId: string }>(
      `/stipends?roundId=${encodeURIComponent(roundId)}&status=awaiting-education-level`,
      coordinator,
    );
    if (waiting.length === 0) break;
    log(`  ${waiting.length} stipends wait for the members' education level`);
    await sleep(2_000); // polling tracking's list
  }
  // Project by project: tracking reads a project's stipends by their ids, where filtering the whole list by status
  // reads every stipend of the round on the embedded database, page after page.
  const payable: { stipendId: string }[] = [];
  await phase('payable stipends listed, projects', projects, concurrency, async (team) => {
    const listed = await tracking.call<{ items: { stipendId: string }[] }>(
      'GET',
      `/projects/prj-${teamState.get(team.index)!.bidId!}/stipends?status=payable`,
      { token: coordinator },
    );
    payable.push(...listed.items);
  });
  await phase('stipends', payable, concurrency, async (stipend) => {
    const paid = await tracking.call<{ amountKzt: number }>('POST', `/stipends/${stipend.stipendId}/pay`, {
      token: coordinator,
      idempotencyKey: key(),
      body: { paidOn: dateIn(now, 40) },
    });
    totals.stipendsKzt += paid.amountKzt;
  });

  // 8. Grievances: lodged by anyone, most of them answered and resolved.
  log('Grievances');
  await phase('grievances', plan.grievances, concurrency, async (grievance, index) => {
    const lodged = await tracking.call<{ grievanceId: string }>('POST', '/grievances', {
      idempotencyKey: key(),
      body: {
        category: grievance.category,
        channel: grievance.channel,
        region: grievance.region,
        roundId,
        description: `Demo grievance ${index + 1}: a question about ${grievance.category.replace(/-/g, ' ')}.`,
      },
    });
    if (!grievance.resolved) return;
    let current = await tracking.call<{ version: number }>('GET', `/grievances/${lodged.grievanceId}`, {
      token: coordinator,
    });
    current = await tracking.call('POST', `/grievances/${lodged.grievanceId}/assign`, {
      token: coordinator,
      body: { version: current.version, assigneeId: 'demo-officer' },
    });
    current = await tracking.call('POST', `/grievances/${lodged.grievanceId}/answer`, {
      token: coordinator,
      body: { version: current.version, answer: 'Answered by the regional coordinator.' },
    });
    await tracking.call('POST', `/grievances/${lodged.grievanceId}/resolve`, {
      token: coordinator,
      body: { version: current.version, outcome: 'upheld' },
    });
  });
  // The realm's demo-applicant is shown a leader's view: of an awarded team with a host organization if any.
  const shown =
    plan.teams.find(
      (team) => awarded.has(teamState.get(team.index)?.bidId ?? '') && teamState.get(team.index)?.host,
    ) ?? plan.teams.find((team) => teamState.get(team.index)?.bidId !== undefined);
  const demoApplicant = shown ? member(shown.members[0]!).participantId : undefined;
  return { roundId, ...totals, token, demoApplicant };
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`seed:demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
