// Test data shared by this service's tests: a 2019-like round, people with valid IINs, a complete bid.
import {
  type RoundRules,
  createEvent,
  hostApplicationSelectedV1,
  roundPublishedV1,
  sampleRound2019,
} from '@zhas/contracts';
import { type Actor, changeOf } from '@zhas/domain';
import { makeIin } from '@zhas/kz';
import { type BidContent } from '../features/bids/content';
import { type BidState, createBid } from '../features/bids/domain';
import { type RoundCopy } from '../features/rounds/store';
import { type TeamState } from '../features/teams/domain';

export const rules: RoundRules = {
  ...sampleRound2019().rules,
  regionQuotas: [
    { region: 'akmola', hostOrganizationSeats: 6, projectQuota: 1 },
    { region: 'mangystau', hostOrganizationSeats: 5, projectQuota: 2 },
  ],
};

export const youthWindow = sampleRound2019().youthApplicationWindow;

export function roundCopy(overrides: Partial<RoundCopy> = {}): RoundCopy {
  return {
    roundId: 'rnd-2019',
    year: 2019,
    regions: ['akmola', 'mangystau'],
    youthApplicationWindow: youthWindow,
    rules,
    rulesVersion: 1,
    status: 'published',
    ...overrides,
  };
}

export function roundPublished(roundId: string, overrides: Partial<RoundRules> = {}) {
  return createEvent(roundPublishedV1, {
    subject: roundId,
    aggregateVersion: 1,
    data: {
      roundId,
      year: 2019,
      title: { kk: 'Жас жоба 2019', ru: 'Жас Проект 2019', en: 'Zhas Project 2019' },
      regions: ['akmola', 'mangystau'],
      hostApplicationWindow: { opensAt: '2019-01-14T04:00:00.000Z', closesAt: '2019-02-15T12:00:00.000Z' },
      youthApplicationWindow: youthWindow,
      rules: { ...rules, ...overrides },
      rulesVersion: 1,
      publishedAt: '2019-01-10T05:00:00.000Z',
    },
    correlationId: 'corr-test',
    time: new Date('2019-01-10T05:00:00.000Z'),
  });
}

export function hostSelected(roundId: string, region: string, hostOrganizationId: string) {
  const hostApplicationId = `ha-${roundId}-${hostOrganizationId}`;
  return createEvent(hostApplicationSelectedV1, {
    subject: hostApplicationId,
    aggregateVersion: 5,
    data: {
      hostApplicationId,
      hostOrganizationId,
      roundId,
      region,
      rank: 1,
      totalScore: 81.5,
      selectedAt: '2019-02-20T06:00:00.000Z',
    },
    correlationId: 'corr-test',
    time: new Date('2019-02-20T06:00:00.000Z'),
  });
}

let serial = 100;

/** A registration body for a person born on birthDate; each call gives a new IIN and phone. */
export function person(options: { birthDate?: string; sex?: 'female' | 'male'; region?: string } = {}) {
  serial += 7;
  const iin = makeIin({
    birthDate: options.birthDate ?? '1998-05-17',
    sex: options.sex ?? 'female',
    serial,
  });
  return {
    iin,
    fullName: `Айгерим Тестова ${serial}`,
    phone: `+7 701 ${String(1_000_000 + serial).slice(1, 4)} ${String(serial % 100).padStart(2, '0')} 67`,
    region: options.region ?? 'akmola',
    settlement: 'rural' as const,
    educationLevel: 'general-secondary' as const,
    neet: true,
    vulnerability: ['low-income' as const],
    consents: {
      'programme-participation': true,
      'monitoring-evaluation': true,
      'follow-up-survey': false,
      publicity: false,
    },
  };
}

export const completeContent: BidContent = {
  title: 'Clean river banks',
  problem: 'Litter along the river harms the village.',
  goal: 'Clean and keep clean two kilometres of river bank.',
  beneficiaries: 'Villagers and school children.',
  plannedBeneficiaries: 300,
  activities: [
    { month: 1, description: 'Survey and plan' },
    { month: 2, description: 'Clean-up days' },
  ],
  budgetLines: [
    { category: 'materials', amountKzt: 400_000, note: '' },
    { category: 'events', amountKzt: 350_000, note: '' },
  ],
  requestedAmountKzt: 750_000,
  durationMonths: 6,
  nonCommercialDeclared: true,
};

export function rubric(score: number) {
  return {
    criteria: rules.bidReviewCriteria.map((criterion) => ({
      code: criterion.code,
      score,
      comment: 'Solid plan',
    })),
  };
}

/** A formed team of three in Akmola led by p-1, without a host organization. */
export const formedTeam: TeamState = {
  teamId: 't-1',
  roundId: 'rnd-2019',
  region: 'akmola',
  leaderParticipantId: 'p-1',
  memberParticipantIds: ['p-1', 'p-2', 'p-3'],
  invitedParticipantIds: [],
  hostOrganizationId: null,
  hostOrganizationStatus: 'none',
  hostDeclineReason: null,
  status: 'formed',
  formedAt: '2019-03-05T00:00:00.000Z',
};

/** A complete bid of that team, as its leader started it, then submitted once and past the technical check. */
export function checkedBid(overrides: Partial<BidState> = {}): BidState {
  const leader: Actor = { subject: 'u-1', roles: ['applicant'], participantId: 'p-1' };
  const ids = { bidId: 'b-1', registrationNumber: 'ZHAS-2019-AKM-000001' };
  return {
    ...changeOf(createBid(leader, ids, formedTeam, completeContent)).state,
    status: 'in-review',
    submissionNumber: 1,
    submittedAt: '2019-03-10T00:00:00.000Z',
    checkedAt: '2019-03-10T00:00:00.000Z',
    ...overrides,
  };
}
