import {
  agreementSignedV1,
  type AnyZhasEvent,
  bidAwardedV1,
  bidCheckPassedV1,
  bidNotAwardedV1,
  bidQualifiedV1,
  bidSubmittedV1,
  createEvent,
  type DataSchema,
  type EventDefinition,
  grievanceLodgedV1,
  grievanceResolvedV1,
  hostApplicationSelectedV1,
  participantRegisteredV2,
  projectCompletedV1,
  projectMemberExitedV1,
  projectOpenedV1,
  reportAcceptedV1,
  reportSubmittedV1,
  roundPublishedV1,
  sampleRound2019,
  stipendPaidV1,
  surveyRecordedV1,
  teamFormedV1,
  topicFor,
  trancheDisbursedV1,
  type Service,
} from '@zhas/contracts';
import { type Kafka } from 'kafkajs';
import { type z } from 'zod';

/*
 * A programme of three rounds as the services would have published it, for tests of what reporting shows (the
 * dashboards' browser tests): the 2018 round on the old map (East Kazakhstan, Almaty, Karaganda oblasts before
 * 2022, and Aktobe), 2019 (Akmola, Atyrau, Mangystau, Astana, Almaty city) and 2023 on the new one (Zhetisu, Abai,
 * Ulytau beside their mother oblasts), with a handful of people in Ulytau only, so that public tables withhold it.
 * Deterministic: the same seed gives the same events and the same totals.
 */

interface RoundPlan {
  readonly roundId: string;
  readonly year: number;
  /** Teams per region. */
  readonly regions: Readonly<Record<string, number>>;
}

export const resultsRounds: readonly RoundPlan[] = [
  {
    roundId: 'rnd-2018',
    year: 2018,
    regions: { 'east-kazakhstan': 7, 'almaty-region': 6, karaganda: 6, aktobe: 5 },
  },
  {
    roundId: 'rnd-2019',
    year: 2019,
    regions: { akmola: 6, atyrau: 5, mangystau: 5, astana: 7, almaty: 8 },
  },
  {
    roundId: 'rnd-2023',
    year: 2023,
    regions: { 'almaty-region': 6, zhetisu: 6, 'east-kazakhstan': 6, abai: 6, karaganda: 6, ulytau: 1 },
  },
];

export interface ResultsProgramme {
  readonly events: AnyZhasEvent[];
  /** Participants of awarded bids by round year and region: the expected PDO-1 values. */
  readonly participants: Readonly<Record<number, Readonly<Record<string, number>>>>;
  readonly projects: number;
}

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

function event<TType extends string, TSchema extends DataSchema>(
  definition: EventDefinition<TType, TSchema>,
  subject: string,
  version: number,
  at: string,
  data: z.input<TSchema>,
): AnyZhasEvent {
  return createEvent(definition, {
    subject,
    aggregateVersion: version,
    data,
    correlationId: `corr-${subject}`,
    time: new Date(at),
  }) as unknown as AnyZhasEvent;
}

const consents = {
  'programme-participation': true,
  'monitoring-evaluation': true,
  'follow-up-survey': true,
  publicity: false,
};
const VULNERABILITY = [
  [],
  [],
  ['low-income'],
  ['rural-youth'],
  ['disability'],
  ['orphan', 'low-income'],
] as const;
const EXITS = ['employed', 'studying', 'own-business', 'neet', 'neet'] as const;

export function resultsProgramme(seed = 2019): ResultsProgramme {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const events: AnyZhasEvent[] = [];
  const participants: Record<number, Record<string, number>> = {};
  let projects = 0;

  for (const round of resultsRounds) {
    const y = round.year;
    const on = (monthDay: string) => `${y}-${monthDay}`;
    const at = (monthDay: string, hour = '05') => `${y}-${monthDay}T${hour}:00:00.000Z`;
    const regions = Object.keys(round.regions);
    const sample = sampleRound2019();
    events.push(
      event(roundPublishedV1, round.roundId, 1, at('01-10'), {
        ...sample,
        roundId: round.roundId,
        year: y,
        title: {
          kk: `Zhas Project ${y}`,
          ru: `Zhas Project ${y}`,
          en: `Zhas Project ${y}`,
        },
        regions,
        hostApplicationWindow: { opensAt: at('01-15'), closesAt: at('02-01', '18') },
        youthApplicationWindow: { opensAt: at('03-01'), closesAt: at('03-31', '18') },
        rules: {
          ...sample.rules,
          regionQuotas: regions.map((region) => ({ region, hostOrganizationSeats: 2, projectQuota: 50 })),
        },
        rulesVersion: 1,
        publishedAt: at('01-10'),
      }),
    );
    participants[y] = {};
    for (const [region, teamCount] of Object.entries(round.regions)) {
      const hostId = `ha-${round.roundId}-${region}`;
      events.push(
        event(hostApplicationSelectedV1, hostId, 4, at('02-20'), {
          hostApplicationId: hostId,
          hostOrganizationId: `ho-${region}`,
          roundId: round.roundId,
          region,
          rank: 1,
          totalScore: 80,
          selectedAt: at('02-20'),
        }),
      );
      for (let teamIndex = 0; teamIndex < teamCount; teamIndex += 1) {
        const key = `${y}-${region}-${teamIndex}`;
        const teamId = `t-${key}`;
        const bidId = `b-${key}`;
        const size = region === 'ulytau' ? 3 : 3 + Math.floor(next() * 3);
        const members = Array.from({ length: size }, (_, index) => `p-${key}-${index}`);
        for (const participantId of members) {
          const ageBand = pick(['14-17', '18-24', '18-24', '25-29'] as const);
          events.push(
            event(participantRegisteredV2, participantId, 1, at('03-02'), {
              participantId,
              roundId: round.roundId,
              sex: pick(['female', 'male'] as const),
              birthYear: y - (ageBand === '14-17' ? 16 : ageBand === '18-24' ? 21 : 27),
              ageBand,
              region,
              settlement: pick(['urban', 'rural'] as const),
              educationLevel: 'general-secondary',
              neet: next() < 0.5,
              vulnerability: [...pick(VULNERABILITY)],
              consents,
              registeredAt: at('03-02'),
            }),
          );
        }
        const place = { roundId: round.roundId, region };
        const bid = { bidId, teamId, ...place };
        events.push(
          event(teamFormedV1, teamId, 1, at('03-05'), {
            teamId,
            ...place,
            leaderParticipantId: members[0]!,
            memberParticipantIds: members,
            formedAt: at('03-05'),
          }),
          event(bidSubmittedV1, bidId, 1, at('03-10'), {
            ...bid,
            submissionNumber: 1,
            requestedAmountKzt: 1_000_000,
            durationMonths: 6,
            budgetLines: [
              { category: 'equipment', amountKzt: 600_000 },
              { category: 'materials', amountKzt: 400_000 },
            ],
            plannedBeneficiaries: 40,
            memberCount: size,
            submittedAt: at('03-10'),
          }),
          event(bidCheckPassedV1, bidId, 2, at('03-12'), {
            ...bid,
            submissionNumber: 1,
            checkedAt: at('03-12'),
          }),
        );
        // One team in six is not qualified; of the others, one in five is not drawn in the lottery.
        const qualified = region === 'ulytau' || next() > 1 / 6;
        if (!qualified) continue;
        events.push(
          event(bidQualifiedV1, bidId, 3, at('04-01'), {
            ...bid,
            averageScore: 70,
            reviewCount: 2,
            qualifiedAt: at('04-01'),
          }),
        );
        if (region !== 'ulytau' && next() < 0.2) {
          events.push(
            event(bidNotAwardedV1, bidId, 4, at('04-10'), {
              ...bid,
              reason: 'not-drawn-in-lottery',
              lotteryId: `lot-${round.roundId}-${region}`,
              decidedAt: at('04-10'),
            }),
          );
          continue;
        }
        projects += 1;
        participants[y][region] = (participants[y][region] ?? 0) + size;
        const projectId = `prj-${key}`;
        const grant = 1_000_000 - Math.floor(next() * 5) * 50_000;
        const project = { projectId, ...place };
        events.push(
          event(bidAwardedV1, bidId, 4, at('04-10'), {
            ...bid,
            lotteryId: `lot-${round.roundId}-${region}`,
            awardedAmountKzt: grant,
            durationMonths: 6,
            leaderParticipantId: members[0]!,
            memberParticipantIds: members,
            awardedAt: at('04-10'),
          }),
          event(projectOpenedV1, projectId, 1, at('04-15'), {
            ...project,
            bidId,
            teamId,
            leaderParticipantId: members[0]!,
            memberParticipantIds: members,
            grantAmountKzt: grant,
            durationMonths: 6,
            openedAt: at('04-15'),
          }),
          event(agreementSignedV1, `agr-${key}`, 1, at('04-18'), {
            agreementId: `agr-${key}`,
            ...project,
            bidId,
            grantAmountKzt: grant,
            tranches: [
              { trancheNumber: 1, amountKzt: grant / 2 },
              { trancheNumber: 2, amountKzt: grant / 2 },
            ],
            signedOn: on('04-18'),
            startsOn: on('05-01'),
            endsOn: on('10-31'),
            signedAt: at('04-18'),
          }),
        );
        for (const [number, day] of [
          [1, '04-20'],
          [2, '07-20'],
        ] as const) {
          const trancheId = `tr-${key}-${number}`;
          events.push(
            event(trancheDisbursedV1, trancheId, 2, at(day, '06'), {
              trancheId,
              ...project,
              trancheNumber: number,
              amountKzt: grant / 2,
              payeeParticipantId: members[0]!,
              disbursedOn: on(day),
              disbursedAt: at(day, '06'),
            }),
          );
        }
        for (const [month, day] of [
          [1, '05'],
          [2, '06'],
        ] as const) {
          const reportId = `rpt-${key}-${month}`;
          const report = { reportId, ...project, kind: 'monthly' as const, projectMonth: month };
          events.push(
            event(reportSubmittedV1, reportId, 1, at(`${day}-20`, '04'), {
              ...report,
              submissionNumber: 1,
              activitiesHeld: 3,
              beneficiariesReached: 10 + Math.floor(next() * 30),
              expenses: [{ category: 'materials', amountKzt: 50_000 }],
              commercialIncomeKzt: 0,
              members: members.map((participantId) => ({
                participantId,
                mentorSessionAttended: true,
                trainingCompleted: true,
                surveyCompleted: true,
              })),
              submittedAt: at(`${day}-20`, '04'),
            }),
            event(reportAcceptedV1, reportId, 2, at(`${day}-20`, '09'), {
              ...report,
              acceptedAt: at(`${day}-20`, '09'),
            }),
          );
          for (const participantId of members) {
            const stipendId = `st-${participantId}-${month}`;
            events.push(
              event(stipendPaidV1, stipendId, 2, at(`${day}-25`, '06'), {
                stipendId,
                ...project,
                participantId,
                projectMonth: month,
                amountKzt: next() < 0.3 ? 60_000 : 40_000,
                paidOn: on(`${day}-25`),
                paidAt: at(`${day}-25`, '06'),
              }),
            );
          }
        }
        for (const participantId of members) {
          const baseline = 40 + Math.floor(next() * 30);
          for (const [wave, score, day] of [
            ['baseline', baseline, '04-20'],
            ['endline', baseline + Math.floor(next() * 30) - 8, '10-15'],
          ] as const) {
            const surveyId = `sv-${participantId}-${wave}`;
            events.push(
              event(surveyRecordedV1, surveyId, 1, at(day, '06'), {
                surveyId,
                ...project,
                participantId,
                wave,
                instrument: `life-skills-${y}`,
                lifeSkillsScore: Math.max(0, Math.min(100, score)),
                recordedAt: at(day, '06'),
              }),
            );
          }
        }
        events.push(
          event(projectCompletedV1, projectId, 2, at('10-20', '06'), {
            ...project,
            bidId,
            completedOn: on('10-20'),
            disbursedKzt: grant,
            spentKzt: grant - 10_000,
            beneficiariesReached: 60 + Math.floor(next() * 40),
            membersCompleted: size,
            completedAt: at('10-20', '06'),
          }),
        );
        members.forEach((participantId, index) => {
          events.push(
            event(projectMemberExitedV1, projectId, 3 + index, at('10-20', '07'), {
              ...project,
              participantId,
              reason: 'project-completed',
              exitStatus: pick(EXITS),
              exitedOn: on('10-20'),
              exitedAt: at('10-20', '07'),
            }),
          );
        });
      }
      for (let index = 0; index < 2; index += 1) {
        const grievanceId = `g-${y}-${region}-${index}`;
        const resolvedOn = next() < 0.85 ? on('05-10') : on('06-01');
        events.push(
          event(grievanceLodgedV1, grievanceId, 1, at('05-01'), {
            grievanceId,
            category: 'payments',
            channel: 'portal',
            region,
            roundId: round.roundId,
            anonymous: true,
            lodgedAt: at('05-01'),
            responseDueOn: on('05-15'),
          }),
          event(grievanceResolvedV1, grievanceId, 2, `${resolvedOn}T05:00:00.000Z`, {
            grievanceId,
            category: 'payments',
            region,
            roundId: round.roundId,
            outcome: 'upheld',
            lodgedAt: at('05-01'),
            resolvedAt: `${resolvedOn}T05:00:00.000Z`,
            responseDueOn: on('05-15'),
            withinDeadline: resolvedOn < on('05-15'),
          }),
        );
      }
    }
  }
  return { events, participants, projects };
}

/** Writes events to the services' topics (`<prefix>zhas.<service>.events`), keyed by subject, as their relays do. */
export async function publishEvents(
  kafka: Kafka,
  events: readonly AnyZhasEvent[],
  topicPrefix = '',
): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (const entry of events) {
      const topic = topicFor(entry.source.replace('zhas/', '') as Service, topicPrefix);
      const list = byTopic.get(topic) ?? [];
      list.push({ key: entry.subject, value: JSON.stringify(entry) });
      byTopic.set(topic, list);
    }
    for (const [topic, messages] of byTopic) {
      for (let start = 0; start < messages.length; start += 500) {
        await producer.send({ topic, acks: -1, messages: messages.slice(start, start + 500) });
      }
    }
  } finally {
    await producer.disconnect();
  }
}
