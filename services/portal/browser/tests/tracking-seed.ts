import { randomUUID } from 'node:crypto';
import { type AnyZhasEvent, bidAwardedV1, createEvent, participantRegisteredV2 } from '@zhas/contracts';
import { publishEvents } from '@zhas/testing';
import { expect } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { localToken, publishOpenRound, serviceUrl } from './fixtures';

/*
 * Awarded projects for the coordinator's console. The round is published through the competitions service's API;
 * the award and the members' registrations are written to the applications service's topic as it publishes them
 * after a lottery (a draw needs the youth window of a real round to have passed, which the lottery's own test
 * walks through). Everything else goes through the tracking service's API, as a coordinator or a team leader would.
 */

export const GRANT_KZT = 900_000;

export interface SeededProject {
  readonly roundId: string;
  readonly bidId: string;
  readonly projectId: string;
  readonly region: string;
  readonly leader: string;
  readonly members: readonly string[];
}

const consents = {
  'programme-participation': true,
  'monitoring-evaluation': true,
  'follow-up-survey': true,
  publicity: false,
};

function eventOf(
  definition: Parameters<typeof createEvent>[0],
  subject: string,
  data: unknown,
): AnyZhasEvent {
  return createEvent(definition, {
    subject,
    aggregateVersion: 1,
    data: data,
    correlationId: `corr-${subject}`,
    time: new Date(),
  }) as unknown as AnyZhasEvent;
}

/** Awards one project per region of a newly published round; resolves once tracking shows them ready to sign. */
export async function awardedProjects(tag: string, regions: readonly string[]): Promise<SeededProject[]> {
  const { roundId } = await publishOpenRound(tag);
  const now = new Date().toISOString();
  const year = new Date().getUTCFullYear();
  const projects = regions.map((region, index) => {
    const key = `${tag}-${index + 1}`;
    const members = [1, 2, 3].map((n) => `prt-${key}-${n}`);
    const bidId = `bid-${key}`;
    return { roundId, bidId, projectId: `prj-${bidId}`, region, leader: members[0]!, members };
  });
  const events = projects.flatMap((project) => [
    ...project.members.map((participantId, n) =>
      eventOf(participantRegisteredV2, participantId, {
        participantId,
        roundId,
        sex: n % 2 === 0 ? 'female' : 'male',
        birthYear: year - 21,
        ageBand: '18-24',
        region: project.region,
        settlement: 'urban',
        educationLevel: n === 0 ? 'higher' : 'general-secondary',
        neet: n === 2,
        vulnerability: [],
        consents,
        registeredAt: now,
      }),
    ),
    eventOf(bidAwardedV1, project.bidId, {
      bidId: project.bidId,
      teamId: `team-${project.bidId}`,
      roundId,
      region: project.region,
      lotteryId: `lot-${roundId}-${project.region}`,
      awardedAmountKzt: GRANT_KZT,
      durationMonths: 6,
      leaderParticipantId: project.leader,
      memberParticipantIds: project.members,
      awardedAt: now,
    }),
  ]);
  const kafka = new Kafka({
    clientId: `coordinator-browser-test-${randomUUID()}`,
    brokers: (process.env.ZHAS_BROWSER_KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });
  await publishEvents(kafka, events, process.env.ZHAS_BROWSER_TOPIC_PREFIX ?? '');
  const coordinator = await localToken(['coordinator']);
  for (const project of projects) {
    // Tracking opens the project from the award and needs the round's rules (from competitions) to sign it.
    await expect
      .poll(
        async () => {
          const response = await fetch(`${serviceUrl('tracking')}/projects/${project.projectId}`, {
            headers: { authorization: `Bearer ${coordinator}` },
          });
          if (!response.ok) return `status ${response.status}`;
          const body = (await response.json()) as { waitingFor: string[] };
          return body.waitingFor.length === 0 ? 'ready' : body.waitingFor.join(',');
        },
        { timeout: 60_000, intervals: [250, 500, 1_000] },
      )
      .toBe('ready');
  }
  return projects;
}

/** A call to the tracking service with a token of the local development key, as a coordinator or team leader. */
export async function tracking<T>(
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${serviceUrl('tracking')}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Signs the project's agreement today, as a coordinator would (tranche 1 becomes payable). */
export async function signAgreement(project: SeededProject): Promise<void> {
  const today = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10);
  await tracking('POST', `/projects/${project.projectId}/agreement`, await localToken(['coordinator']), {
    signedOn: today,
    startsOn: today,
  });
}

/** The leader's token: an applicant whose participant id is the project's leader. */
export function leaderToken(project: SeededProject): Promise<string> {
  return localToken(['applicant'], `leader-${project.leader}`, { participantId: project.leader });
}

/** A month's report as the leader sends it: every member met the month's conditions. */
export function monthlyReport(project: SeededProject, activitiesHeld = 3) {
  return {
    activitiesHeld,
    activities: ['Workshop at the youth centre', 'Clean-up day in the park'],
    beneficiaries: [
      { sex: 'female', ageBand: '14-17', count: 12 },
      { sex: 'male', ageBand: '18-24', count: 9 },
    ],
    expenses: [{ category: 'materials', amountKzt: 85_000 }],
    members: project.members.map((participantId) => ({
      participantId,
      mentorSessionAttended: true,
      trainingCompleted: true,
      surveyCompleted: true,
    })),
  };
}
