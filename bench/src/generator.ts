import { randomUUID } from 'node:crypto';
import {
  ageBands,
  createEvent,
  definitionOf,
  educationLevels,
  readFixture,
  type Service,
  sexes,
  topicFor,
} from '@zhas/contracts';
import { ensureTopics } from '@zhas/messaging';
import { type Kafka, type Message } from 'kafkajs';

/*
 * A generator of realistic, contract-valid event streams, written straight to the services' topics (no service
 * involved), for rebuilds and read-model benchmarks. Each event starts from its type's contract fixture and gets
 * the ids, region, members and amounts of a generated programme; `createEvent` validates every one against its
 * schema, so a stream the contracts would refuse cannot be produced.
 *
 * The programme is made of cohorts of teams. Within a cohort the events come phase by phase, as in a real round
 * (every registration, then the teams, the bids and their decisions, then the projects month by month), so the
 * events of one entity are far apart in the stream, as they are on the real topics. A team of 3-5 brings about
 * 70 events when awarded (stipends are most of them), about 12 when not.
 */

/** The regions of the fixture round (its rules carry a quota for each). */
const REGIONS = ['akmola', 'mangystau', 'astana'] as const;
const VULNERABILITY = [
  [],
  ['low-income'],
  ['rural-youth'],
  ['disability'],
  ['kandas', 'low-income'],
] as const;
const STIPEND_MONTHS = 3;

export interface GeneratedEvent {
  readonly topic: string;
  readonly message: Message;
}

interface Draft {
  readonly service: Service;
  readonly type: string;
  readonly subject: string;
  readonly data: Record<string, unknown>;
}

/** A small deterministic random source, so a seed gives the same stream. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

const templates = new Map<string, Record<string, unknown>>();
function template(type: string): Record<string, unknown> {
  let data = templates.get(type);
  if (!data) {
    data = (readFixture(type) as { data: Record<string, unknown> }).data;
    templates.set(type, data);
  }
  return structuredClone(data);
}

/** Events of a generated programme, cohort by cohort, until `total` events (a little more: whole teams). */
export function* programmeEvents(options: {
  readonly total: number;
  readonly seed?: number;
  readonly topicPrefix?: string;
  readonly teamsPerCohort?: number;
}): Generator<GeneratedEvent> {
  const next = random(options.seed ?? 2019);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const versions = new Map<string, number>();
  const roundId = 'rnd-bench';
  const correlationId = `bench-${randomUUID()}`;
  let produced = 0;
  const emit = (draft: Draft, at: Date): GeneratedEvent => {
    const definition = definitionOf(draft.type);
    if (!definition) throw new Error(`unknown event type ${draft.type}`);
    const version = (versions.get(draft.subject) ?? 0) + 1;
    versions.set(draft.subject, version);
    const envelope = createEvent(definition, {
      subject: draft.subject,
      aggregateVersion: version,
      data: draft.data,
      correlationId,
      time: at,
    });
    produced += 1;
    return {
      topic: topicFor(draft.service, options.topicPrefix ?? ''),
      message: {
        key: draft.subject,
        value: JSON.stringify(envelope),
        headers: { ce_id: envelope.id, ce_type: envelope.type },
      },
    };
  };

  const round = template('competitions.round.published.v1');
  round.roundId = roundId;
  yield emit(
    { service: 'competitions', type: 'competitions.round.published.v1', subject: roundId, data: round },
    new Date('2019-01-10T05:00:00Z'),
  );

  const teamsPerCohort =
    options.teamsPerCohort ?? Math.max(20, Math.min(500, Math.round(options.total / 240)));
  let teamNumber = 0;
  let participantNumber = 0;
  for (let cohort = 0; produced < options.total; cohort += 1) {
    const base = new Date(Date.UTC(2019, 2, 1) + (cohort % 200) * 3_600_000);
    const at = (days: number) => new Date(base.getTime() + days * 86_400_000);
    const day = (days: number) => at(days).toISOString().slice(0, 10);
    const teams = Array.from({ length: teamsPerCohort }, () => {
      teamNumber += 1;
      const size = 3 + Math.floor(next() * 2.2);
      const members = Array.from({ length: size }, () => `prt-b${(participantNumber += 1).toString(36)}`);
      return {
        id: `b${teamNumber.toString(36)}`,
        region: pick(REGIONS),
        members,
        awarded: next() < 0.8,
        amount: 800_000 + Math.floor(next() * 20) * 10_000,
      };
    });
    const drafts: { draft: Draft; at: Date }[][] = [];
    const phase = (items: { draft: Draft; at: Date }[]) => drafts.push(items);
    const placed = (team: (typeof teams)[number]) => ({ roundId, region: team.region });

    // Registrations.
    phase(
      teams.flatMap((team) =>
        team.members.map((participantId) => {
          const data = template('applications.participant.registered.v2');
          const ageBand = pick(ageBands.slice(0, 3));
          Object.assign(data, {
            participantId,
            ...placed(team),
            sex: pick(sexes),
            ageBand,
            birthYear: ageBand === '14-17' ? 2003 : ageBand === '18-24' ? 1998 : 1992,
            settlement: next() < 0.45 ? 'rural' : 'urban',
            educationLevel: pick(educationLevels.slice(2, 7)),
            neet: next() < 0.5,
            vulnerability: [...pick(VULNERABILITY)],
            registeredAt: at(1).toISOString(),
          });
          return {
            draft: {
              service: 'applications',
              type: 'applications.participant.registered.v2',
              subject: participantId,
              data,
            },
            at: at(1),
          };
        }),
      ),
    );
    // Teams, bids and their checks.
    phase(
      teams.map((team) => {
        const data = template('applications.team.formed.v1');
        Object.assign(data, {
          teamId: `team-${team.id}`,
          ...placed(team),
          leaderParticipantId: team.members[0],
          memberParticipantIds: team.members,
          formedAt: at(10).toISOString(),
        });
        return {
          draft: {
            service: 'applications',
            type: 'applications.team.formed.v1',
            subject: `team-${team.id}`,
            data,
          },
          at: at(10),
        };
      }),
    );
    const bid = (
      team: (typeof teams)[number],
      type: string,
      fields: Record<string, unknown>,
      days: number,
    ) => {
      const data = template(type);
      Object.assign(data, { bidId: `bid-${team.id}`, teamId: `team-${team.id}`, ...placed(team), ...fields });
      return {
        draft: { service: 'applications' as const, type, subject: `bid-${team.id}`, data },
        at: at(days),
      };
    };
    phase(
      teams.flatMap((team) => [
        bid(
          team,
          'applications.bid.submitted.v1',
          {
            requestedAmountKzt: team.amount,
            budgetLines: [
              { category: 'equipment', amountKzt: team.amount - 300_000 },
              { category: 'materials', amountKzt: 300_000 },
            ],
            memberCount: team.members.length,
            submittedAt: at(20).toISOString(),
          },
          20,
        ),
        bid(team, 'applications.bid.check-passed.v1', { checkedAt: at(20).toISOString() }, 20),
      ]),
    );
    phase(
      teams.flatMap((team) => [
        bid(team, 'applications.bid.qualified.v1', { qualifiedAt: at(40).toISOString() }, 40),
        team.awarded
          ? bid(
              team,
              'applications.bid.awarded.v1',
              {
                awardedAmountKzt: team.amount,
                leaderParticipantId: team.members[0],
                memberParticipantIds: team.members,
                awardedAt: at(45).toISOString(),
              },
              45,
            )
          : bid(team, 'applications.bid.not-awarded.v1', { decidedAt: at(45).toISOString() }, 45),
      ]),
    );
    // Projects of the awarded teams: opening, agreement, money, reports, surveys, stipends, completion.
    const awarded = teams.filter((team) => team.awarded);
    const tracking = (
      type: string,
      subject: string,
      team: (typeof teams)[number],
      fields: Record<string, unknown>,
      days: number,
    ) => {
      const data = template(type);
      Object.assign(data, placed(team), fields);
      return { draft: { service: 'tracking' as const, type, subject, data }, at: at(days) };
    };
    phase(
      awarded.flatMap((team) => {
        const projectId = `prj-${team.id}`;
        const half = team.amount / 2;
        return [
          tracking(
            'tracking.project.opened.v1',
            projectId,
            team,
            {
              projectId,
              bidId: `bid-${team.id}`,
              teamId: `team-${team.id}`,
              leaderParticipantId: team.members[0],
              memberParticipantIds: team.members,
              grantAmountKzt: team.amount,
              openedAt: at(46).toISOString(),
            },
            46,
          ),
          tracking(
            'tracking.agreement.signed.v1',
            `agr-${team.id}`,
            team,
            {
              agreementId: `agr-${team.id}`,
              projectId,
              bidId: `bid-${team.id}`,
              grantAmountKzt: team.amount,
              tranches: [
                { trancheNumber: 1, amountKzt: half },
                { trancheNumber: 2, amountKzt: half },
              ],
              signedOn: day(50),
              startsOn: day(60),
              endsOn: day(240),
              signedAt: at(50).toISOString(),
            },
            50,
          ),
          ...[1, 2].flatMap((trancheNumber) => [
            tracking(
              'tracking.tranche.payable.v1',
              `trn-${team.id}-${trancheNumber}`,
              team,
              {
                trancheId: `trn-${team.id}-${trancheNumber}`,
                projectId,
                trancheNumber,
                amountKzt: half,
                payeeParticipantId: team.members[0],
                basis: trancheNumber === 1 ? 'agreement-signed' : 'mid-term-report-accepted',
                payableAt: at(50 + trancheNumber * 60).toISOString(),
              },
              50 + trancheNumber * 60,
            ),
            tracking(
              'tracking.tranche.disbursed.v1',
              `trn-${team.id}-${trancheNumber}`,
              team,
              {
                trancheId: `trn-${team.id}-${trancheNumber}`,
                projectId,
                trancheNumber,
                amountKzt: half,
                payeeParticipantId: team.members[0],
                disbursedOn: day(55 + trancheNumber * 60),
                disbursedAt: at(55 + trancheNumber * 60).toISOString(),
              },
              55 + trancheNumber * 60,
            ),
          ]),
          ...team.members.map((participantId, index) =>
            tracking(
              'tracking.survey.recorded.v1',
              `srv-${team.id}-${index}-base`,
              team,
              {
                surveyId: `srv-${team.id}-${index}-base`,
                projectId,
                participantId,
                wave: 'baseline',
                lifeSkillsScore: 40 + Math.floor(next() * 30),
                recordedAt: at(61).toISOString(),
              },
              61,
            ),
          ),
        ];
      }),
    );
    for (let month = 1; month <= STIPEND_MONTHS; month += 1) {
      phase(
        awarded.flatMap((team) => {
          const projectId = `prj-${team.id}`;
          const reportId = `rpt-${team.id}-m${month}`;
          const kind = month === STIPEND_MONTHS ? 'final' : month === 2 ? 'mid-term' : 'monthly';
          const days = 60 + month * 30;
          const report = template('tracking.report.submitted.v1');
          const reportMembers = (report.members as Record<string, unknown>[])[0]!;
          return [
            tracking(
              'tracking.report.submitted.v1',
              reportId,
              team,
              {
                reportId,
                projectId,
                kind,
                projectMonth: month,
                members: team.members.map((participantId) => ({ ...reportMembers, participantId })),
                submittedAt: at(days).toISOString(),
              },
              days,
            ),
            tracking(
              'tracking.report.accepted.v1',
              reportId,
              team,
              { reportId, projectId, kind, projectMonth: month, acceptedAt: at(days + 3).toISOString() },
              days + 3,
            ),
            ...team.members.flatMap((participantId, index) => {
              const stipendId = `stp-${team.id}-m${month}-${index}`;
              const stipend = { stipendId, projectId, participantId, projectMonth: month, amountKzt: 60_000 };
              return [
                tracking(
                  'tracking.stipend.payable.v1',
                  stipendId,
                  team,
                  { ...stipend, payableAt: at(days + 3).toISOString() },
                  days + 3,
                ),
                tracking(
                  'tracking.stipend.paid.v1',
                  stipendId,
                  team,
                  { ...stipend, paidOn: day(days + 7), paidAt: at(days + 7).toISOString() },
                  days + 7,
                ),
              ];
            }),
          ];
        }),
      );
    }
    phase(
      awarded.flatMap((team) => {
        const projectId = `prj-${team.id}`;
        return [
          ...team.members.map((participantId, index) =>
            tracking(
              'tracking.survey.recorded.v1',
              `srv-${team.id}-${index}-end`,
              team,
              {
                surveyId: `srv-${team.id}-${index}-end`,
                projectId,
                participantId,
                wave: 'endline',
                lifeSkillsScore: 50 + Math.floor(next() * 40),
                recordedAt: at(240).toISOString(),
              },
              240,
            ),
          ),
          tracking(
            'tracking.project.completed.v1',
            projectId,
            team,
            {
              projectId,
              bidId: `bid-${team.id}`,
              completedOn: day(240),
              disbursedKzt: team.amount,
              spentKzt: team.amount - 10_000,
              beneficiariesReached: 100 + Math.floor(next() * 100),
              membersCompleted: team.members.length,
              completedAt: at(245).toISOString(),
            },
            245,
          ),
        ];
      }),
    );
    for (const items of drafts) {
      for (const { draft, at: time } of items) yield emit(draft, time);
    }
  }
}

/**
 * Writes a generated programme of about `total` events to the topics of competitions, applications and tracking
 * (created if missing), in requests of about `batch` messages; returns the number of events written.
 */
export async function writeProgramme(
  kafka: Kafka,
  options: { total: number; seed?: number; topicPrefix?: string; batch?: number },
): Promise<number> {
  const prefix = options.topicPrefix ?? '';
  await ensureTopics(
    kafka,
    (['competitions', 'applications', 'tracking'] as const).map((service) => ({
      topic: topicFor(service, prefix),
    })),
  );
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  let written = 0;
  try {
    let pending = new Map<string, Message[]>();
    let count = 0;
    const flush = async () => {
      if (count === 0) return;
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...pending].map(([topic, messages]) => ({ topic, messages })),
      });
      written += count;
      pending = new Map();
      count = 0;
    };
    for (const { topic, message } of programmeEvents(options)) {
      const messages = pending.get(topic) ?? [];
      messages.push(message);
      pending.set(topic, messages);
      count += 1;
      if (count >= (options.batch ?? 2_000)) await flush();
    }
    await flush();
  } finally {
    await producer.disconnect();
  }
  return written;
}
