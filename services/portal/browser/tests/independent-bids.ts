import { expect } from '@playwright/test';
import { call, type PublishedRound, serviceUrl } from './fixtures';
import { participant } from './selection';

/*
 * Bids of teams without a host organization (reviewed by the region's committee), set up through the applications
 * service's API as the teams would: three people registered, the team formed, the bid written, and submitted once
 * the round's youth window is open.
 */

const applications = () => serviceUrl('applications');

/** Until `attempt` stops throwing: the services learn of each other's changes from events, a moment later. */
const eventually = (attempt: () => Promise<unknown>, timeout = 120_000) =>
  expect(attempt).toPass({ timeout, intervals: [250, 500, 1_000] });

/** A team of three of the region without a host organization, and its bid written (not yet submitted). */
export async function independentBid(
  round: PublishedRound,
  region: string,
): Promise<{ bidId: string; leader: string }> {
  const [leader, ...others] = await Promise.all([
    participant(region),
    participant(region),
    participant(region),
  ]);
  let teamId = '';
  // Refused until applications has the round from competitions' events.
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
  const { bidId } = await call<{ bidId: string }>('POST', `${applications()}/bids`, leader.token, {
    teamId,
    content: {
      title: 'Жастар клубы',
      problem: 'Ауданда жастар бас қосатын орын жоқ.',
      goal: 'Апта сайын шеберхана өтетін клуб ашу.',
      beneficiaries: 'Ауданның мектеп оқушылары мен жастары.',
      plannedBeneficiaries: 120,
      activities: [
        { month: 1, description: 'Бөлмені дайындау' },
        { month: 6, description: 'Қорытынды кеш' },
      ],
      budgetLines: [{ category: 'equipment', amountKzt: 900_000, note: 'Үстелдер мен орындықтар' }],
      requestedAmountKzt: 900_000,
      durationMonths: 6,
      nonCommercialDeclared: true,
    },
  });
  return { bidId, leader: leader.token };
}

/** Submits the bid once the youth window is open (refused before: asked again); it passes the check. */
export async function submitWhenOpen(bid: { bidId: string; leader: string }): Promise<string> {
  await eventually(async () => {
    const submitted = await call<{ status: string }>(
      'POST',
      `${applications()}/bids/${bid.bidId}/submit`,
      bid.leader,
    );
    expect(submitted.status).toBe('in-review');
  });
  return bid.bidId;
}
