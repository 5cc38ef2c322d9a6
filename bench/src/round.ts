import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sampleRound2019 } from '@zhas/contracts';
import { DEMO_REGIONS, planRound, type PlannedPerson, QUALIFYING_SCORE } from '@zhas/demo/dist/plan';
import { closedLoop, type Http, until } from './http';
import { type Platform } from './platform';

/*
 * What the write and freshness benchmarks need before they measure: a published round whose youth window is open
 * (competitions, learnt by applications from its events), registered young people and formed teams with drafted
 * bids, made through the public APIs as the portal would.
 */

export interface BenchRound {
  readonly roundId: string;
}

export async function openRound(platform: Platform, http: Http): Promise<BenchRound> {
  const coordinator = await platform.token({ subject: 'bench-coordinator', roles: ['coordinator'] });
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  const body = {
    year: new Date().getUTCFullYear(),
    title: { kk: 'Жас жоба: бенчмарк', ru: 'Жас Проект: бенчмарк', en: 'Zhas Project: benchmark' },
    regions: [...DEMO_REGIONS],
    // The host window closes seconds after publication; the youth window opens right after it.
    hostApplicationWindow: { opensAt: at(-60_000), closesAt: at(6_000) },
    youthApplicationWindow: { opensAt: at(7_000), closesAt: at(12 * 3_600_000) },
    rules: {
      ...sampleRound2019().rules,
      qualifyingScore: QUALIFYING_SCORE,
      regionQuotas: DEMO_REGIONS.map((region) => ({
        region,
        hostOrganizationSeats: 5,
        projectQuota: 100_000,
      })),
    },
  };
  const created = await http.call<{ roundId: string; version: number }>(
    'POST',
    `${platform.url('competitions')}/rounds`,
    { token: coordinator, idempotencyKey: key(), body },
  );
  await http.call('POST', `${platform.url('competitions')}/rounds/${created.roundId}/publish`, {
    token: coordinator,
    idempotencyKey: key(),
    body: { version: created.version },
  });
  await sleep(Math.max(0, Date.parse(body.youthApplicationWindow.opensAt) - Date.now() + 500));
  return { roundId: created.roundId };
}

export function key(): string {
  return `bench-${randomBytes(8).toString('hex')}`;
}

/** People of the demo's plan (valid IINs, ages, regions), unique per seed. */
export function people(count: number, seed: number): readonly PlannedPerson[] {
  return planRound({ youth: count, seed, ageOn: new Date().toISOString().slice(0, 10) }).people;
}

export function registrationBody(person: PlannedPerson) {
  return {
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
      'follow-up-survey': true,
      publicity: false,
    },
  };
}

export interface Registered {
  readonly person: PlannedPerson;
  readonly participantId: string;
  readonly token: string;
}

/** Registers the people (concurrency 16), each with an applicant token of their own. */
export async function register(
  platform: Platform,
  http: Http,
  persons: readonly PlannedPerson[],
  run: string,
): Promise<Registered[]> {
  const registered: Registered[] = [];
  await closedLoop(persons, 16, async (person) => {
    const subject = `bench-${run}-${person.index}`;
    const answer = await http.call<{ participantId: string }>(
      'POST',
      `${platform.url('applications')}/participants`,
      {
        token: await platform.token({ subject, roles: ['applicant'] }),
        body: registrationBody(person),
      },
    );
    registered.push({
      person,
      participantId: answer.participantId,
      token: await platform.token({ subject, roles: ['applicant'], participantId: answer.participantId }),
    });
  });
  return registered;
}

export interface DraftBid {
  readonly bidId: string;
  readonly token: string;
}

const BID_CONTENT = {
  title: 'Community project',
  problem: 'Young people of the district have few places to meet and learn.',
  goal: 'Open a weekly youth club with workshops run by the team.',
  beneficiaries: 'School children and young people of the district.',
  plannedBeneficiaries: 120,
  activities: [
    { month: 1, description: 'Prepare the room and announce the club' },
    { month: 6, description: 'Closing event' },
  ],
  budgetLines: [
    { category: 'equipment', amountKzt: 500_000, note: '' },
    { category: 'materials', amountKzt: 400_000, note: '' },
  ],
  requestedAmountKzt: 900_000,
  durationMonths: 6,
  nonCommercialDeclared: true,
};

/** Teams of three of one region (independent: no host organization), formed, each with a drafted bid. */
export async function draftBids(
  platform: Platform,
  http: Http,
  round: BenchRound,
  registered: readonly Registered[],
): Promise<DraftBid[]> {
  const byRegion = new Map<string, Registered[]>();
  for (const entry of registered) {
    byRegion.set(entry.person.region, [...(byRegion.get(entry.person.region) ?? []), entry]);
  }
  const teams: Registered[][] = [];
  for (const members of byRegion.values()) {
    for (let start = 0; start + 3 <= members.length; start += 3) teams.push(members.slice(start, start + 3));
  }
  const applications = platform.url('applications');
  const drafts: DraftBid[] = [];
  await closedLoop(teams, 16, async ([leader, ...others]) => {
    const team = await until('applications knows the round', () =>
      http.call<{ teamId: string }>('POST', `${applications}/teams`, {
        token: leader!.token,
        body: { roundId: round.roundId, region: leader!.person.region, hostOrganizationId: null },
      }),
    );
    for (const other of others) {
      await http.call('POST', `${applications}/teams/${team.teamId}/invitations`, {
        token: leader!.token,
        body: { participantId: other.participantId },
      });
      await http.call(
        'POST',
        `${applications}/teams/${team.teamId}/invitations/${other.participantId}/accept`,
        {
          token: other.token,
        },
      );
    }
    await http.call('POST', `${applications}/teams/${team.teamId}/form`, { token: leader!.token });
    const bid = await http.call<{ bidId: string }>('POST', `${applications}/bids`, {
      token: leader!.token,
      body: { teamId: team.teamId, content: BID_CONTENT },
    });
    drafts.push({ bidId: bid.bidId, token: leader!.token });
  });
  return drafts;
}
