/*
 * The dashboard benchmark's measuring process (dashboard.bench.ts starts it with a larger heap): builds the
 * read-model documents of a national programme of N bids in memory, takes reporting's tally of them, and times the
 * heaviest dashboard queries against the kept tally and against computing them per query (tally + query), which
 * is what every query cost before the tally was kept. Prints one JSON line with the figures.
 */
import {
  addFacts,
  emptyFacts,
  type Facts,
  headline,
  indicatorSeed,
  indicatorValues,
  parsePeriod,
  PUBLIC_RULE,
  regionMap,
  resultsFramework,
  TallyBuilder,
} from '@zhas/reporting';

const REGIONS = [
  'abai',
  'akmola',
  'aktobe',
  'almaty-region',
  'atyrau',
  'east-kazakhstan',
  'zhambyl',
  'zhetisu',
  'west-kazakhstan',
  'karaganda',
  'kostanay',
  'kyzylorda',
  'mangystau',
  'pavlodar',
  'north-kazakhstan',
  'turkistan',
  'ulytau',
  'astana',
  'almaty',
  'shymkent',
];
const YEARS = [2019, 2020, 2021, 2022, 2023];
const DIMENSIONS = ['sex', 'age-band', 'region', 'settlement', 'vulnerability', 'neet', 'round'] as const;

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/** The read-model documents of `bids` bids over five yearly rounds: members, awards, projects, money, surveys. */
export function nationalFacts(bids: number, first = 0, seed = 7): Facts {
  const next = random(seed + first);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const facts: Mutable<Facts> = {
    ...emptyFacts,
    participants: [],
    teams: [],
    bids: [],
    projects: [],
    agreements: [],
    members: [],
    tranches: [],
    stipends: [],
    reports: [],
    surveys: [],
    grievances: [],
    hostApplications: [],
  };
  // Participants' attributes come from a small set of combinations, shared between documents to save memory.
  const attributes = Array.from({ length: 400 }, (_, index) => ({
    v: 1,
    sex: pick(['female', 'male']),
    ageBand: pick(['14-17', '18-24', '18-24', '25-29']),
    settlement: pick(['urban', 'rural']),
    neet: next() < 0.5,
    vulnerability: index % 3 === 0 ? ['low-income'] : [],
  }));
  const day = (year: number, month: number, d: number) =>
    `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  for (let index = first; index < first + bids; index += 1) {
    const year = YEARS[index % YEARS.length]!;
    const region = REGIONS[Math.floor(next() * REGIONS.length)]!;
    const roundId = `rnd-${year}`;
    const place = { roundId, region };
    const size = 3 + Math.floor(next() * 3);
    const members = Array.from({ length: size }, (_, m) => `p${index}-${m}`);
    const submittedOn = day(year, 3, 1 + Math.floor(next() * 28));
    for (const id of members) {
      const base = attributes[Math.floor(next() * attributes.length)]!;
      facts.participants.push({
        _id: id,
        registered: { ...base, at: `${day(year, 2, 20)}T05:00:00.000Z`, roundId, region },
      });
    }
    const teamId = `t${index}`;
    facts.teams.push({
      _id: teamId,
      membership: { v: 1, at: `${day(year, 2, 25)}T05:00:00.000Z`, ...place, memberParticipantIds: members },
    });
    const awarded = next() < 0.3;
    const decidedAt = `${day(year, 4, 10)}T06:00:00.000Z`;
    facts.bids.push({
      _id: `b${index}`,
      firstSubmission: { v: 1, at: `${submittedOn}T05:00:00.000Z`, ...place, teamId },
      check: { v: 2, at: `${day(year, 3, 29)}T05:00:00.000Z`, ...place, passed: true },
      ...(awarded
        ? { qualification: { v: 3, at: `${day(year, 4, 1)}T05:00:00.000Z`, ...place, qualified: true } }
        : {}),
      decision: awarded
        ? {
            v: 4,
            at: decidedAt,
            ...place,
            outcome: 'awarded',
            awardedAmountKzt: 1_000_000,
            memberParticipantIds: members,
          }
        : { v: 4, at: decidedAt, ...place, outcome: 'not-awarded' },
    });
    if (!awarded) continue;
    const projectId = `prj${index}`;
    const completed = next() < 0.95;
    facts.projects.push({
      _id: projectId,
      opened: {
        v: 1,
        at: `${day(year, 4, 15)}T05:00:00.000Z`,
        ...place,
        bidId: `b${index}`,
        memberParticipantIds: members,
        grantAmountKzt: 1_000_000,
      },
      ...(completed
        ? {
            completed: {
              v: 2,
              at: `${day(year, 10, 20)}T05:00:00.000Z`,
              ...place,
              bidId: `b${index}`,
              on: day(year, 10, 20),
              beneficiariesReached: 40,
            },
          }
        : {}),
    });
    facts.agreements.push({
      _id: `agr${index}`,
      signed: {
        v: 1,
        at: `${day(year, 4, 18)}T05:00:00.000Z`,
        ...place,
        projectId,
        grantAmountKzt: 1_000_000,
      },
    });
    for (const [number, month] of [
      [1, 4],
      [2, 7],
    ] as const) {
      facts.tranches.push({
        _id: `tr${index}-${number}`,
        disbursed: {
          v: 2,
          at: `${day(year, month, 20)}T06:00:00.000Z`,
          ...place,
          amountKzt: 500_000,
          on: day(year, month, 20),
        },
      });
    }
    for (const month of [5, 6]) {
      facts.reports.push({
        _id: `rpt${index}-${month}`,
        submitted: {
          v: 1,
          at: `${day(year, month, 20)}T04:00:00.000Z`,
          ...place,
          projectId,
          beneficiariesReached: 15,
        },
        review: { v: 2, at: `${day(year, month, 21)}T04:00:00.000Z`, ...place, projectId, accepted: true },
      });
    }
    for (const participantId of members) {
      for (const month of [5, 6, 7]) {
        facts.stipends.push({
          _id: `st-${participantId}-${month}`,
          paid: {
            v: 2,
            at: `${day(year, month, 25)}T06:00:00.000Z`,
            ...place,
            participantId,
            amountKzt: 40_000,
            on: day(year, month, 25),
          },
        });
      }
      for (const [wave, month] of [
        ['baseline', 4],
        ['endline', 10],
      ] as const) {
        facts.surveys.push({
          _id: `sv-${participantId}-${wave}`,
          recorded: {
            v: 1,
            at: `${day(year, month, 15)}T06:00:00.000Z`,
            ...place,
            projectId,
            participantId,
            wave,
            instrument: 'life-skills',
            score: 40 + Math.floor(next() * 40),
          },
        });
      }
      if (completed) {
        facts.members.push({
          _id: `${projectId}|${participantId}`,
          exit: {
            v: 3,
            at: `${day(year, 10, 20)}T07:00:00.000Z`,
            ...place,
            projectId,
            participantId,
            reason: 'project-completed',
            status: pick(['employed', 'studying', 'own-business', 'neet']),
            on: day(year, 10, 20),
          },
        });
      }
    }
    if (index % 50 === 0) {
      facts.grievances.push({
        _id: `g${index}`,
        resolved: { v: 2, at: `${day(year, 5, 10)}T05:00:00.000Z`, ...place, withinDeadline: next() < 0.9 },
      });
    }
  }
  return facts;
}

function time<T>(run: () => T): { result: T; ms: number } {
  const started = process.hrtime.bigint();
  const result = run();
  return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Bids are generated and tallied in batches: all documents of 1M bids would not fit in memory at once. */
const BATCH = 20_000;

function main(): void {
  const bids = Number(process.argv[2] ?? 1_000_000);
  const repetitions = Number(process.argv[3] ?? 20);
  let documents = 0;
  let generateMs = 0;
  let tallyMs = 0;
  const builder = new TallyBuilder();
  for (let first = 0; first < bids; first += BATCH) {
    const generated = time(() => nationalFacts(Math.min(BATCH, bids - first), first));
    generateMs += generated.ms;
    documents += (Object.values(generated.result) as readonly (readonly unknown[])[]).reduce(
      (total, list) => total + list.length,
      0,
    );
    tallyMs += time(() => addFacts(builder, generated.result)).ms;
  }
  const built = time(() => builder.build());
  tallyMs += built.ms;
  const tally = built.result;
  const cells = [...tally.cells.values()].reduce((total, list) => total + list.length, 0);
  const heap = process.memoryUsage();
  const semester = parsePeriod('2021-S2')!;
  const year = parsePeriod('2021')!;
  const definitions = indicatorSeed;
  // The heaviest screen: the results framework of a semester (every indicator: actual, semester, previous) and
  // the values of every indicator with all seven disaggregations for a year (the breakdown and map views).
  const dashboard = () => {
    const framework = resultsFramework(definitions, tally.cells, semester, {});
    const values = indicatorValues(definitions, tally.cells, { from: year.from, to: year.to }, [
      ...DIMENSIONS,
    ]);
    return framework.length + values.length;
  };
  const kept: number[] = [];
  for (let run = 0; run < repetitions; run += 1) kept.push(time(dashboard).ms);
  const publicQueries: number[] = [];
  const pdo1 = definitions.find((definition) => definition.code === 'PDO-1')!;
  for (let run = 0; run < repetitions; run += 1) {
    publicQueries.push(
      time(() => {
        headline(definitions, tally, 2021, 2021, PUBLIC_RULE);
        regionMap(pdo1, tally, 'all', PUBLIC_RULE);
      }).ms,
    );
  }
  process.stdout.write(
    `${JSON.stringify({
      bids,
      documents,
      observations: tally.observations,
      cells,
      generateMs,
      tallyMs,
      keptP50: quantile(kept, 0.5),
      keptP99: quantile(kept, 0.99),
      // Without a kept tally every query computes it from the documents first (reading them aside).
      perQueryMs: tallyMs + quantile(kept, 0.5),
      publicP50: quantile(publicQueries, 0.5),
      heapUsedMiB: heap.heapUsed / 1_048_576,
      rssMiB: heap.rss / 1_048_576,
    })}\n`,
  );
}

if (require.main === module) main();
