import { randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';
import { makeBin, makeIin } from '@zhas/kz';
import { call, localToken, type PublishedRound, serviceUrl } from './fixtures';

/*
 * What the other people of the programme do around an applicant's journey, through the services' APIs with tokens
 * of the local development key (their own screens have their own tests): a host organization selected in the
 * region, which confirms the team that asks it and reviews its bid; another team of the region that qualifies too;
 * the coordinator's decisions and the region's lottery.
 */

const competitions = () => serviceUrl('competitions');
const applications = () => serviceUrl('applications');
const coordinator = () => localToken(['coordinator'], 'browser-test-coordinator');
const committee = (region: string) =>
  localToken(['committee'], `browser-test-committee-${region}`, { regions: [region] });
const unique = () => randomBytes(4).toString('hex');

const HOST_CRITERIA = ['youth-experience', 'regional-presence', 'mentoring-capacity'];
export const BID_CRITERIA = [
  'social-significance',
  'local-relevance',
  'feasibility',
  'budget',
  'vulnerable-youth-priority',
];

/** Until `attempt` stops throwing: the services learn of each other's changes from events, a moment later. */
const eventually = (attempt: () => Promise<unknown>, timeout = 60_000) =>
  expect(attempt).toPass({ timeout, intervals: [250, 500, 1_000] });

export interface HostOrganization {
  readonly hostOrganizationId: string;
  readonly name: string;
  /** A token of its staff (`host_org` with its id): it confirms teams and reviews their bids. */
  readonly staff: string;
}

/**
 * A host organization of the region selected in the round: registered by BIN, applied and submitted in the host
 * window, scored by the region's committee, and, once the window has closed, the region's selection confirmed.
 */
export async function selectHostOrganization(
  round: PublishedRound,
  region: string,
  name: string,
): Promise<HostOrganization> {
  const subject = `browser-test-host-${unique()}`;
  const bin = makeBin({
    registeredOn: '2012-05',
    entityType: 'resident-legal-entity',
    entityKind: 'head-office',
    serial: randomBytes(4).readUInt32BE() % 100_000,
  });
  const { hostOrganizationId } = await call<{ hostOrganizationId: string }>(
    'POST',
    `${competitions()}/organizations`,
    await localToken(['host_org'], subject),
    { bin, name },
  );
  const staff = await localToken(['host_org'], subject, { hostOrgId: hostOrganizationId });
  const draft = await call<{ hostApplicationId: string; version: number }>(
    'POST',
    `${competitions()}/rounds/${round.roundId}/host-applications`,
    staff,
    {
      hostOrganizationId,
      region,
      facts: {
        youthExperienceYears: 6,
        hasTaxDebt: false,
        hasBankAccount: true,
        onUnreliableSupplierList: false,
        operatesInRegion: true,
        capacityTeams: 10,
      },
    },
  );
  await call('POST', `${competitions()}/host-applications/${draft.hostApplicationId}/submit`, staff, {
    version: draft.version,
  });
  await call(
    'PUT',
    `${competitions()}/host-applications/${draft.hostApplicationId}/scores/me`,
    await committee(region),
    { scores: HOST_CRITERIA.map((code) => ({ code, score: 85 })) },
  );
  // The selection is confirmed once the host window has closed (competitions refuses it before).
  const token = await coordinator();
  await eventually(
    () => call('POST', `${competitions()}/rounds/${round.roundId}/regions/${region}/host-selection`, token),
    120_000,
  );
  return { hostOrganizationId, name, staff };
}

/** A person registered through the API (no sign-in account), with a token that acts as that participant. */
export async function participant(region: string): Promise<{ participantId: string; token: string }> {
  const subject = `browser-test-youth-${unique()}`;
  // Any day of 2000 (26 years old this year), so that many test people rarely share an IIN.
  const month = String(1 + (randomBytes(1)[0]! % 12)).padStart(2, '0');
  const day = String(1 + (randomBytes(1)[0]! % 28)).padStart(2, '0');
  const { participantId } = await call<{ participantId: string }>(
    'POST',
    `${applications()}/participants`,
    await localToken(['applicant'], subject),
    {
      iin: makeIin({
        birthDate: `2000-${month}-${day}`,
        sex: 'male',
        serial: randomBytes(2).readUInt16BE() % 10_000,
      }),
      fullName: 'Данияр Сериков',
      phone: '+7 702 000 00 00',
      region,
      settlement: 'rural',
      educationLevel: 'technical-vocational',
      neet: true,
      vulnerability: [],
      consents: {
        'programme-participation': true,
        'monitoring-evaluation': true,
        'follow-up-survey': false,
        publicity: false,
      },
    },
  );
  return { participantId, token: await localToken(['applicant'], subject, { participantId }) };
}

export interface RivalTeam {
  readonly teamId: string;
  readonly leader: string;
}

/**
 * Another team of three in the region, with the host organization (which confirms it). Its creation is retried
 * until the applications service has the region's selection from competitions' events, so a journey that starts
 * after this finds the host organization known to both services.
 */
export async function formRivalTeam(
  round: PublishedRound,
  region: string,
  host: HostOrganization,
): Promise<RivalTeam> {
  const [leader, ...others] = await Promise.all([
    participant(region),
    participant(region),
    participant(region),
  ]);
  let teamId = '';
  await eventually(async () => {
    ({ teamId } = await call<{ teamId: string }>('POST', `${applications()}/teams`, leader.token, {
      roundId: round.roundId,
      region,
      hostOrganizationId: host.hostOrganizationId,
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
  await confirmTeam(teamId, host);
  return { teamId, leader: leader.token };
}

/** The host organization confirms it will work with the team, as its staff would in their workspace. */
export async function confirmTeam(teamId: string, host: HostOrganization): Promise<void> {
  await call('POST', `${applications()}/teams/${teamId}/host-organization/confirm`, host.staff);
}

/** The rival team's bid, complete and submitted (once the youth window is open): it passes the check. */
export async function submitRivalBid(team: RivalTeam): Promise<string> {
  const { bidId } = await call<{ bidId: string }>('POST', `${applications()}/bids`, team.leader, {
    teamId: team.teamId,
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
      budgetLines: [{ category: 'equipment', amountKzt: 900_000, note: '' }],
      requestedAmountKzt: 900_000,
      durationMonths: 6,
      nonCommercialDeclared: true,
    },
  });
  const submitted = await call<{ status: string }>(
    'POST',
    `${applications()}/bids/${bidId}/submit`,
    team.leader,
  );
  expect(submitted.status).toBe('in-review');
  return bidId;
}

/** A reviewer of the bid's pool scores it (every criterion the same), then the coordinator decides on it. */
export async function reviewAndDecide(bidId: string, reviewer: string, score: number): Promise<void> {
  await call('POST', `${applications()}/bids/${bidId}/reviews`, reviewer, {
    criteria: BID_CRITERIA.map((code) => ({ code, score, comment: '' })),
  });
  await call('POST', `${applications()}/bids/${bidId}/qualification`, await coordinator());
}

/**
 * Closes the youth window (a revision of the round, as the coordinator may publish) and draws the region's lottery
 * with a seed that gives the grant to `winner`: the seed is found by re-running draws through the service's public
 * verification, so the test knows the outcome and still goes through the real draw.
 */
export async function drawLottery(
  round: PublishedRound,
  region: string,
  candidateBidIds: readonly string[],
  winner: string,
): Promise<void> {
  const token = await coordinator();
  const closesAt = new Date(Date.now() + 1_000).toISOString();
  await call('POST', `${competitions()}/rounds/${round.roundId}/revisions`, token, {
    ...round.content,
    youthApplicationWindow: { ...round.content.youthApplicationWindow, closesAt },
    version: round.version,
  });
  const candidates = [...candidateBidIds].sort();
  let seed = '';
  for (let attempt = 0; attempt < 64 && seed === ''; attempt += 1) {
    const candidate = randomBytes(16).toString('hex');
    const rerun = await call<{ recomputedWinnerBidIds: string[] }>(
      'POST',
      `${applications()}/lotteries/verification`,
      token,
      {
        algorithm: 'sha256-ctr-fisher-yates-v1',
        seed: candidate,
        candidateBidIds: candidates,
        candidateListHash: '0'.repeat(64),
        quota: 1,
        winnerBidIds: [],
      },
    );
    if (rerun.recomputedWinnerBidIds[0] === winner) seed = candidate;
  }
  expect(seed, 'a seed that draws the wanted bid').not.toBe('');
  // Refused while applications has not yet applied the revision (from competitions' event: on a loaded machine this
  // has taken over a minute), or the window has not yet passed.
  await eventually(
    () =>
      call('POST', `${applications()}/rounds/${round.roundId}/regions/${region}/lottery`, token, { seed }),
    120_000,
  );
}
