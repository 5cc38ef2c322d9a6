/*
 * The demo round as data, before any request is made: the people (valid IINs, attributes in the proportions of
 * the programme), host organizations, teams of 3-5 and what becomes of each bid and project. Pure and seeded,
 * so a plan can be checked in unit tests and generated again.
 */
import { makeBin, makeIin, type RegionId } from '@zhas/kz';
import { type Random, seededRandom } from './random';

/** The regions of the programme's third year (2019). */
export const DEMO_REGIONS = [
  'akmola',
  'atyrau',
  'west-kazakhstan',
  'mangystau',
  'astana',
  'almaty',
] as const satisfies readonly RegionId[];
export type DemoRegion = (typeof DEMO_REGIONS)[number];

const REGION_WEIGHTS: Record<DemoRegion, number> = {
  akmola: 18,
  atyrau: 15,
  'west-kazakhstan': 15,
  mangystau: 15,
  astana: 17,
  almaty: 20,
};
const CITIES: ReadonlySet<DemoRegion> = new Set(['astana', 'almaty']);

export const AGE_RANGE = { min: 14, max: 29 } as const;
export const TEAM_SIZE = { min: 3, max: 5 } as const;
export const GRANT_CEILING_KZT = 1_000_000;
export const QUALIFYING_SCORE = 60;
/** One host organization mentors about this many teams. */
const TEAMS_PER_HOST = 12;

export type Sex = 'female' | 'male';
export type ExitStatus = 'employed' | 'studying' | 'own-business' | 'neet';
export type EducationLevel =
  'basic-secondary' | 'general-secondary' | 'technical-vocational' | 'incomplete-higher' | 'higher';

export interface PlannedPerson {
  readonly index: number;
  readonly iin: string;
  readonly fullName: string;
  readonly phone: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly region: DemoRegion;
  readonly settlement: 'urban' | 'rural';
  readonly educationLevel: EducationLevel;
  readonly neet: boolean;
  readonly vulnerability: readonly string[];
}

export interface PlannedOrganization {
  readonly index: number;
  readonly region: DemoRegion;
  readonly bin: string;
  readonly name: string;
  /** False: it applies with a tax debt and is found ineligible. */
  readonly eligible: boolean;
  /** The committee's mark for every criterion (0-100). */
  readonly score: number;
}

export interface PlannedBid {
  readonly amountKzt: number;
  readonly budgetLines: readonly { category: string; amountKzt: number }[];
  /** The first submission asks for more than the ceiling; the team amends it. */
  readonly failsCheckFirst: boolean;
  /** After the failed check the team gives up: the bid is not awarded. */
  readonly abandonsAfterFailure: boolean;
  readonly reviewScore: number;
}

export interface PlannedProject {
  /** Month 1's report is returned once and submitted again. */
  readonly returnedReport: boolean;
  /** Position in the team of a member who leaves early (never the leader), or null. */
  readonly earlyLeaver: number | null;
  /** Per member position: the status at exit. */
  readonly exitStatuses: readonly ExitStatus[];
  /** Per member position: life-skills scores at baseline and endline. */
  readonly lifeSkills: readonly (readonly [number, number])[];
}

export interface PlannedTeam {
  readonly index: number;
  readonly region: DemoRegion;
  /** Person indexes; the first leads. */
  readonly members: readonly number[];
  /** Applies with a selected host organization of the region (which one is decided when the list is known). */
  readonly withHost: boolean;
  readonly bid: PlannedBid;
  readonly project: PlannedProject;
}

export interface PlannedGrievance {
  readonly region: DemoRegion;
  readonly category:
    'selection-process' | 'payments' | 'host-organization-conduct' | 'project-implementation';
  readonly channel: 'portal' | 'hotline' | 'letter' | 'in-person';
  readonly resolved: boolean;
}

export interface RegionQuota {
  readonly region: DemoRegion;
  readonly hostOrganizationSeats: number;
  readonly projectQuota: number;
}

export interface DemoPlan {
  readonly seed: number;
  readonly people: readonly PlannedPerson[];
  readonly organizations: readonly PlannedOrganization[];
  readonly teams: readonly PlannedTeam[];
  readonly grievances: readonly PlannedGrievance[];
  readonly quotas: readonly RegionQuota[];
  /** Per region, the indexes of the qualifying teams that lose its lottery (see lottery.ts). */
  readonly lotteryLosers: Readonly<Record<DemoRegion, readonly number[]>>;
}

export interface PlanOptions {
  readonly youth: number;
  readonly seed: number;
  /** The date ages are counted on (the youth window's first day), YYYY-MM-DD. */
  readonly ageOn: string;
}

const FEMALE_NAMES = [
  'Aigerim',
  'Madina',
  'Saule',
  'Dana',
  'Aruzhan',
  'Zhanna',
  'Gulnara',
  'Aliya',
  'Dinara',
  'Kamila',
  'Togzhan',
  'Assel',
];
const MALE_NAMES = [
  'Daniyar',
  'Nurlan',
  'Yerlan',
  'Arman',
  'Timur',
  'Aidos',
  'Bauyrzhan',
  'Nursultan',
  'Yerzhan',
  'Alikhan',
  'Azamat',
  'Dias',
];
const SURNAMES = [
  'Abenov',
  'Seitkali',
  'Nurpeisov',
  'Tokayev',
  'Zhaksylykov',
  'Omarov',
  'Sarsenbayev',
  'Kassymov',
  'Bekov',
  'Iskakov',
  'Mukanov',
  'Utepov',
];
const ORG_WORDS = ['Youth Centre', 'Volunteers', 'Foundation', 'Initiative', 'Community Fund', 'Association'];
const ORG_NAMES = [
  'Steppe',
  'Caspian',
  'Ertis',
  'Altyn',
  'Zhas Orken',
  'Samruk',
  'Bolashak',
  'Nur',
  'Ak Zhol',
  'Tulpar',
];

/** The plan of a round with about `youth` young people (teams of 3-5, so about youth / 3.2 bids). */
export function planRound(options: PlanOptions): DemoPlan {
  if (!Number.isInteger(options.youth) || options.youth < TEAM_SIZE.min)
    throw new RangeError(`youth must be an integer of at least ${TEAM_SIZE.min}`);
  const random = seededRandom(options.seed);
  const people = planPeople(random, options);
  const teams = planTeams(random, people);
  const organizations = planOrganizations(random, teams);
  const qualifyingOf = (region: DemoRegion) =>
    teams.filter(
      (team) =>
        team.region === region && !team.bid.abandonsAfterFailure && team.bid.reviewScore >= QUALIFYING_SCORE,
    );
  const quotas = DEMO_REGIONS.map((region): RegionQuota => {
    const inRegion = teams.filter((team) => team.region === region);
    return {
      region,
      hostOrganizationSeats: hostSeats(inRegion.filter((team) => team.withHost).length),
      // A few qualifying bids lose the lottery, as in the real programme.
      projectQuota: Math.max(1, Math.round(qualifyingOf(region).length * 0.92)),
    };
  });
  const grievances = Array.from({ length: Math.max(1, Math.round(options.youth / 120)) }, () => ({
    region: random.weighted(REGION_WEIGHTS),
    category: random.weighted({
      'selection-process': 3,
      payments: 4,
      'host-organization-conduct': 1,
      'project-implementation': 2,
    }),
    channel: random.weighted({ portal: 5, hotline: 3, letter: 1, 'in-person': 1 }),
    resolved: random.chance(0.85),
  }));
  // Drawn last, so that everything above stays what the same seed gave before.
  const lotteryLosers = Object.fromEntries(
    quotas.map(({ region, projectQuota }) => {
      const left = [...qualifyingOf(region)];
      const losers: number[] = [];
      while (left.length > projectQuota)
        losers.push(left.splice(random.int(0, left.length - 1), 1)[0]!.index);
      return [region, losers.sort((a, b) => a - b)];
    }),
  ) as Record<DemoRegion, number[]>;
  return { seed: options.seed, people, organizations, teams, grievances, quotas, lotteryLosers };
}

export function hostSeats(teamsWithHost: number): number {
  return Math.max(1, Math.ceil(teamsWithHost / TEAMS_PER_HOST));
}

/** Age in whole years on a date (YYYY-MM-DD). */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function planPeople(random: Random, options: PlanOptions): PlannedPerson[] {
  const used = new Set<string>();
  const serialBase = options.seed % 10_000;
  const [year, month, day] = options.ageOn.split('-').map(Number) as [number, number, number];
  return Array.from({ length: options.youth }, (_, index): PlannedPerson => {
    const sex: Sex = random.chance(0.52) ? 'female' : 'male';
    const band = random.weighted({ '14-17': 15, '18-24': 60, '25-29': 25 });
    const age =
      band === '14-17' ? random.int(14, 17) : band === '18-24' ? random.int(18, 24) : random.int(25, 29);
    // A birthday 3 to 360 days before the one that gives this age: the age holds for days around `ageOn`.
    const birth = new Date(Date.UTC(year - age, month - 1, day) - random.int(3, 360) * 86_400_000);
    const birthDate = birth.toISOString().slice(0, 10);
    let iin = '';
    for (let step = 0; iin === '' || used.has(iin); step += 1)
      iin = makeIin({ birthDate, sex, serial: (serialBase + index * 3 + step) % 10_000 });
    used.add(iin);
    const region = random.weighted(REGION_WEIGHTS);
    const educationLevel: EducationLevel =
      age < 18
        ? random.weighted({ 'basic-secondary': 3, 'general-secondary': 2 })
        : random.weighted({
            'general-secondary': 35,
            'technical-vocational': 30,
            'incomplete-higher': 15,
            higher: 20,
          });
    const neet = random.chance(age < 18 ? 0.25 : 0.55);
    const vulnerability = [
      ...(random.chance(0.25) ? ['low-income'] : []),
      ...(random.chance(0.04) ? ['disability'] : []),
      ...(random.chance(0.03) ? ['orphan'] : []),
      ...(random.chance(0.05) ? ['kandas'] : []),
      ...(neet && random.chance(0.3) ? ['unemployed'] : []),
    ];
    const first = random.pick(sex === 'female' ? FEMALE_NAMES : MALE_NAMES);
    const surname = random.pick(SURNAMES);
    return {
      index,
      iin,
      fullName: `${first} ${sex === 'female' ? femaleSurname(surname) : surname}`,
      phone: `+7 70${random.int(0, 8)} ${random.int(100, 999)} ${random.int(10, 99)} ${random.int(10, 99)}`,
      birthDate,
      sex,
      region,
      settlement: CITIES.has(region) || random.chance(0.45) ? 'urban' : 'rural',
      educationLevel,
      neet,
      vulnerability,
    };
  });
}

function femaleSurname(surname: string): string {
  return /(ov|ev|in)$/.test(surname) ? `${surname}a` : surname;
}

/** Splits the people of each region into teams of 3-5 (mostly 3); the few left over stay without a team. */
export function teamSizes(count: number, random: Random): number[] {
  const sizes: number[] = [];
  let left = count;
  while (left >= TEAM_SIZE.min) {
    const wanted = Number(random.weighted({ 3: 82, 4: 14, 5: 4 }));
    const size = left - wanted < TEAM_SIZE.min && left <= TEAM_SIZE.max ? left : Math.min(wanted, left);
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

function planTeams(random: Random, people: readonly PlannedPerson[]): PlannedTeam[] {
  const teams: PlannedTeam[] = [];
  for (const region of DEMO_REGIONS) {
    const inRegion = people.filter((person) => person.region === region).map((person) => person.index);
    let next = 0;
    for (const size of teamSizes(inRegion.length, random)) {
      const members = inRegion.slice(next, next + size);
      next += size;
      teams.push({
        index: teams.length,
        region,
        members,
        withHost: random.chance(0.6),
        bid: planBid(random),
        project: planProject(random, size),
      });
    }
  }
  return teams;
}

function planBid(random: Random): PlannedBid {
  const amountKzt = random.int(50, 100) * 10_000;
  const equipment = Math.round((amountKzt * random.int(30, 60)) / 100 / 10_000) * 10_000;
  const events = random.chance(0.5) ? Math.round((amountKzt - equipment) / 2 / 10_000) * 10_000 : 0;
  const budgetLines = [
    { category: 'equipment', amountKzt: equipment },
    { category: 'materials', amountKzt: amountKzt - equipment - events },
    ...(events > 0 ? [{ category: 'events', amountKzt: events }] : []),
  ];
  const failsCheckFirst = random.chance(0.08);
  return {
    amountKzt,
    budgetLines,
    failsCheckFirst,
    abandonsAfterFailure: failsCheckFirst && random.chance(0.2),
    reviewScore: random.chance(0.9) ? random.int(62, 95) : random.int(35, 58),
  };
}

function planProject(random: Random, size: number): PlannedProject {
  return {
    returnedReport: random.chance(0.1),
    earlyLeaver: size > TEAM_SIZE.min && random.chance(0.15) ? random.int(1, size - 1) : null,
    exitStatuses: Array.from({ length: size }, () =>
      random.weighted<ExitStatus>({ employed: 30, studying: 30, 'own-business': 10, neet: 30 }),
    ),
    lifeSkills: Array.from({ length: size }, () => {
      const baseline = random.int(35, 70);
      return [baseline, Math.min(100, Math.max(0, baseline + random.int(-10, 25)))] as const;
    }),
  };
}

function planOrganizations(random: Random, teams: readonly PlannedTeam[]): PlannedOrganization[] {
  const organizations: PlannedOrganization[] = [];
  const used = new Set<string>();
  const serialBase = Math.floor(random.next() * 90_000);
  for (const [regionIndex, region] of DEMO_REGIONS.entries()) {
    const seats = hostSeats(teams.filter((team) => team.region === region && team.withHost).length);
    // One more than the seats loses on score; every other region also has an ineligible applicant.
    const applicants = seats + 1 + (regionIndex % 2 === 0 ? 1 : 0);
    for (let n = 0; n < applicants; n += 1) {
      const index = organizations.length;
      let bin = '';
      for (let step = 0; bin === '' || used.has(bin); step += 1)
        bin = makeBin({
          registeredOn: `${random.int(2005, 2014)}-${String(random.int(1, 12)).padStart(2, '0')}`,
          entityType: 'resident-legal-entity',
          entityKind: 'head-office',
          serial: (serialBase + index * 7 + step) % 100_000,
        });
      used.add(bin);
      organizations.push({
        index,
        region,
        bin,
        name: `${random.pick(ORG_NAMES)} ${random.pick(ORG_WORDS)} ${index + 1}`,
        eligible: n < seats + 1,
        // The first `seats` score highest, so the selection is predictable in the summary.
        score: n < seats ? random.int(75, 95) : random.int(50, 70),
      });
    }
  }
  return organizations;
}
