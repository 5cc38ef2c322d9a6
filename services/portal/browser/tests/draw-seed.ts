import { expect } from '@playwright/test';
import { sampleRound2019 } from '@zhas/contracts';
import { call, localToken, type PublishedRound, serviceUrl } from './fixtures';
import { BID_CRITERIA, participant } from './selection';

/*
 * A round with bids at the coordinator's door, set up through the services' APIs with tokens of the local
 * development key, as the other people of the programme would in their own screens: a published round, four
 * independent teams of one region with their bids submitted (one asking above the grant ceiling, so the technical
 * check fails it), two committee members of the region as reviewers, each bid given both of them, and every sheet
 * scored but one. What the coordinator does next happens in the browser.
 */

const competitions = () => serviceUrl('competitions');
const applications = () => serviceUrl('applications');
const coordinator = () => localToken(['coordinator'], 'browser-test-coordinator');

/** Until `attempt` stops throwing: the services learn of each other's changes from events, a moment later. */
const eventually = (attempt: () => Promise<unknown>, timeout = 90_000) =>
  expect(attempt).toPass({ timeout, intervals: [250, 500, 1_000] });

export interface ReviewedRound {
  readonly round: PublishedRound;
  readonly region: string;
  /** Bids that passed the check, with the score both reviewers give them. */
  readonly bids: readonly { bidId: string; score: number }[];
  readonly failedBidId: string;
  readonly reviewers: readonly { name: string; token: string }[];
  /** The one sheet left to score: the second reviewer's of the last bid. */
  scoreLast(): Promise<void>;
  /** Closes the youth window (a revision of the round) and waits until the applications service knows it. */
  closeWindow(): Promise<void>;
}

const content = (amountKzt: number) => ({
  title: 'Жастар шеберханасы',
  problem: 'Ауылда жастар бас қосатын орын жоқ.',
  goal: 'Апта сайын шеберхана өтетін орын ашу.',
  beneficiaries: 'Ауылдың мектеп оқушылары мен жастары.',
  plannedBeneficiaries: 80,
  activities: [
    { month: 1, description: 'Бөлмені дайындау' },
    { month: 6, description: 'Қорытынды кеш' },
  ],
  budgetLines: [{ category: 'equipment', amountKzt, note: '' }],
  requestedAmountKzt: amountKzt,
  durationMonths: 6,
  nonCommercialDeclared: true,
});

/** A team of three of the region, without a host organization (the region's committee reviews its bid). */
async function independentTeam(
  round: PublishedRound,
  region: string,
): Promise<{ teamId: string; leader: string }> {
  const [leader, ...others] = await Promise.all([
    participant(region),
    participant(region),
    participant(region),
  ]);
  let teamId = '';
  // The applications service learns of the round from competitions' events.
  await eventually(async () => {
    ({ teamId } = await call<{ teamId: string }>('POST', `${applications()}/teams`, leader.token, {
      roundId: round.roundId,
      region,
    }));
  });
  for (const other of others) {
    await call('POST', `${applications()}/teams/${teamId}/invitations`, leader.token, {
      participantId: other.participantId,
    });
    await call(
      'POST',
      `${applications()}/teams/${teamId}/invitations/${other.participantId}/accept`,
      other.token,
    );
  }
  await call('POST', `${applications()}/teams/${teamId}/form`, leader.token);
  return { teamId, leader: leader.token };
}

async function submitBid(team: { teamId: string; leader: string }, amountKzt: number): Promise<string> {
  const { bidId } = await call<{ bidId: string }>('POST', `${applications()}/bids`, team.leader, {
    teamId: team.teamId,
    content: content(amountKzt),
  });
  // Refused until the youth window opens.
  await eventually(() => call('POST', `${applications()}/bids/${bidId}/submit`, team.leader));
  return bidId;
}

const score = (bidId: string, reviewer: string, value: number) =>
  call('POST', `${applications()}/bids/${bidId}/reviews`, reviewer, {
    criteria: BID_CRITERIA.map((code) => ({ code, score: value, comment: '' })),
  });

/**
 * A round of this year in one region, published: young people may submit some twenty seconds later; one project
 * to award. Mangystau, which no other test uses (the results tests keep Ulytau small, to see it withheld), so
 * that its committee is the two reviewers below.
 */
async function publishRound(tag: string, region: string): Promise<PublishedRound> {
  const token = await coordinator();
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  const sample = sampleRound2019();
  const title = { kk: `Жас жоба ${tag}`, ru: `Жас Проект ${tag}`, en: `Zhas Project ${tag}` };
  const youthOpensAt = at(20_000);
  const content = {
    year: new Date().getUTCFullYear(),
    title,
    regions: [region],
    hostApplicationWindow: { opensAt: at(-60_000), closesAt: at(19_000) },
    youthApplicationWindow: { opensAt: youthOpensAt, closesAt: at(30 * 86_400_000) },
    rules: { ...sample.rules, regionQuotas: [{ region, hostOrganizationSeats: 2, projectQuota: 1 }] },
  };
  const created = await call<{ roundId: string; version: number }>(
    'POST',
    `${competitions()}/rounds`,
    token,
    content,
  );
  const published = await call<{ version: number }>(
    'POST',
    `${competitions()}/rounds/${created.roundId}/publish`,
    token,
    {
      version: created.version,
    },
  );
  return { roundId: created.roundId, title, youthOpensAt, content, version: published.version };
}

export async function reviewedRound(tag: string, region = 'mangystau'): Promise<ReviewedRound> {
  const round = await publishRound(tag, region);
  const teams = await Promise.all([0, 1, 2, 3].map(() => independentTeam(round, region)));
  const scores = [85, 75, 40];
  const bidIds = await Promise.all(teams.slice(0, 3).map((team) => submitBid(team, 900_000)));
  const failedBidId = await submitBid(teams[3]!, 1_500_000);

  const reviewers = await Promise.all(
    ['Айгүл Сапарова', 'Ерлан Жақсыбеков'].map(async (name, index) => {
      // The same two people in every run: the region's whole committee.
      const token = await localToken(['committee'], `browser-test-draw-reviewer-${index + 1}`, {
        regions: [region],
      });
      await call('PUT', `${applications()}/reviewers/me`, token, { name });
      return { name, token };
    }),
  );
  const dueAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const assigned = await call<{ assignmentsAdded: number }>(
    'POST',
    `${applications()}/rounds/${round.roundId}/regions/${region}/review-assignments`,
    await coordinator(),
    { reviewersPerBid: 2, dueAt },
  );
  expect(assigned.assignmentsAdded).toBe(6);
  const [first, second] = [reviewers[0]!, reviewers[1]!];
  for (const [index, bidId] of bidIds.entries()) {
    await score(bidId, first.token, scores[index]!);
    if (index < bidIds.length - 1) await score(bidId, second.token, scores[index]!);
  }
  const last = bidIds.length - 1;

  return {
    round,
    region,
    bids: bidIds.map((bidId, index) => ({ bidId, score: scores[index]! })),
    failedBidId,
    reviewers,
    scoreLast: async () => {
      await score(bidIds[last]!, second.token, scores[last]!);
    },
    closeWindow: async () => {
      const closesAt = new Date(Date.now() + 1_000).toISOString();
      await call('POST', `${competitions()}/rounds/${round.roundId}/revisions`, await coordinator(), {
        ...round.content,
        youthApplicationWindow: { ...round.content.youthApplicationWindow, closesAt },
        version: round.version,
      });
      const token = await coordinator();
      await eventually(async () => {
        const preparation = await call<{ youthWindowClosesAt: string }>(
          'GET',
          `${applications()}/rounds/${round.roundId}/regions/${region}/lottery/preparation`,
          token,
        );
        expect(Date.parse(preparation.youthWindowClosesAt)).toBeLessThan(Date.now());
      }, 150_000);
    },
  };
}
