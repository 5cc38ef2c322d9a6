import { z } from 'zod';
import { defineEvent } from '../define-event';
import {
  idSchema,
  instantSchema,
  kztSchema,
  percentScoreSchema,
  projectMonthSchema,
  regionIdSchema,
  sha256HexSchema,
  uniqueIds,
} from '../primitives';
import {
  ageBandOf,
  ageBandSchema,
  budgetLinesSchema,
  consentPurposes,
  consentsSchema,
  educationLevelSchema,
  reviewerRoleSchema,
  settlementSchema,
  type Settlement,
  sexSchema,
  vulnerabilitySchema,
} from '../vocabulary';
import { criterionScoresSchema, isStrictlyAscending, sum } from './common';

// The reasons the events carry, declared once: the services' domains and the notices' words use these.
export const hostDeclineReasons = ['no-capacity', 'outside-focus', 'conflict-of-interest', 'other'] as const;
export type HostDeclineReason = (typeof hostDeclineReasons)[number];
export const notQualifiedReasons = ['below-qualifying-score', 'disqualified-on-review'] as const;
export type NotQualifiedReason = (typeof notQualifiedReasons)[number];
export const notAwardedReasons = [
  'not-drawn-in-lottery',
  'not-qualified',
  'failed-technical-check',
  'round-cancelled',
] as const;
export type NotAwardedReason = (typeof notAwardedReasons)[number];
export const withdrawalReasons = ['team-decision', 'team-dissolved', 'eligibility-lost', 'other'] as const;
export type WithdrawalReason = (typeof withdrawalReasons)[number];

// Events of the applications service. Participants' personal data (IIN, names, contacts) stays in the service:
// events carry a pseudonymous participant id and only the attributes indicators are disaggregated by.

/**
 * Version 1 of participant registration (rounds 2017-2021): a boolean for urban residence and the list of
 * consented purposes. Kept so that the old events on the topic still parse; consumers see version 2.
 */
export const participantRegisteredV1 = defineEvent({
  service: 'applications',
  aggregate: 'participant',
  name: 'registered',
  version: 1,
  schema: z.object({
    participantId: idSchema,
    roundId: idSchema.optional(),
    sex: sexSchema,
    ageBand: ageBandSchema,
    region: regionIdSchema,
    urban: z.boolean(),
    educationLevel: educationLevelSchema,
    neet: z.boolean(),
    vulnerability: vulnerabilitySchema,
    consents: z
      .array(z.enum(consentPurposes))
      .refine((purposes) => new Set(purposes).size === purposes.length, {
        message: 'Purposes must be unique',
      }),
    registeredAt: instantSchema,
  }),
});

function settlementOf(urban: boolean): Settlement {
  return urban ? 'urban' : 'rural';
}

/** A birth year agrees with an age band if the age at registration (one of two, by birthday) falls in the band. */
function birthYearMatchesAgeBand(data: {
  birthYear: number | null;
  ageBand: string;
  registeredAt: string;
}): boolean {
  if (data.birthYear === null) return true;
  const age = new Date(data.registeredAt).getUTCFullYear() - data.birthYear;
  return ageBandOf(age) === data.ageBand || ageBandOf(age - 1) === data.ageBand;
}

/**
 * Version 2: 'settlement' replaces the 'urban' boolean (the results framework says urban/rural), consents are one
 * boolean per purpose (a purpose never asked is no longer indistinguishable from a refusal), and the birth year
 * (from the IIN) is added for age disaggregations other than the standard bands.
 */
export const participantRegisteredV2 = defineEvent({
  service: 'applications',
  aggregate: 'participant',
  name: 'registered',
  version: 2,
  schema: z
    .object({
      participantId: idSchema,
      roundId: idSchema.optional(),
      sex: sexSchema,
      /** Null only in events upcast from version 1, which did not carry it; producers always know it. */
      birthYear: z.int().min(1950).max(2100).nullable(),
      /** The band of the age at registration. */
      ageBand: ageBandSchema,
      region: regionIdSchema,
      settlement: settlementSchema,
      educationLevel: educationLevelSchema,
      neet: z.boolean(),
      vulnerability: vulnerabilitySchema,
      consents: consentsSchema,
      registeredAt: instantSchema,
    })
    .refine(birthYearMatchesAgeBand, { message: 'birthYear does not match ageBand', path: ['birthYear'] }),
  upcast: {
    from: participantRegisteredV1,
    // Deterministic: a replay of the same v1 event gives the same v2 data. Version 1 consents listed only the
    // purposes agreed to, so a purpose not listed was not agreed to.
    migrate: ({ urban, consents, ...rest }) => ({
      ...rest,
      birthYear: null,
      settlement: settlementOf(urban),
      consents: {
        'programme-participation': consents.includes('programme-participation'),
        'monitoring-evaluation': consents.includes('monitoring-evaluation'),
        'follow-up-survey': consents.includes('follow-up-survey'),
        publicity: consents.includes('publicity'),
      },
    }),
  },
});

/** The attributes a participant may change, all of them, so consumers replace rather than merge. */
export const participantProfileUpdatedV1 = defineEvent({
  service: 'applications',
  aggregate: 'participant',
  name: 'profile-updated',
  version: 1,
  schema: z.object({
    participantId: idSchema,
    region: regionIdSchema,
    settlement: settlementSchema,
    educationLevel: educationLevelSchema,
    neet: z.boolean(),
    vulnerability: vulnerabilitySchema,
    consents: consentsSchema,
    updatedAt: instantSchema,
  }),
});

const leaderIsMember = (team: { leaderParticipantId: string; memberParticipantIds: string[] }) =>
  team.memberParticipantIds.includes(team.leaderParticipantId);
const leaderMessage = { message: 'The leader is one of the members', path: ['leaderParticipantId'] };

/** A team formed in a round and region; its size is checked against the round's rules by the service. */
export const teamFormedV1 = defineEvent({
  service: 'applications',
  aggregate: 'team',
  name: 'formed',
  version: 1,
  schema: z
    .object({
      teamId: idSchema,
      roundId: idSchema,
      region: regionIdSchema,
      leaderParticipantId: idSchema,
      /** All members, the leader included. */
      memberParticipantIds: uniqueIds(1),
      /** The selected host organization the team asked to work with; it still has to confirm. */
      hostOrganizationId: idSchema.optional(),
      formedAt: instantSchema,
    })
    .refine(leaderIsMember, leaderMessage),
});

/** Members joined or left, or the leader changed. Carries the resulting team as well as the change. */
export const teamChangedV1 = defineEvent({
  service: 'applications',
  aggregate: 'team',
  name: 'changed',
  version: 1,
  schema: z
    .object({
      teamId: idSchema,
      roundId: idSchema,
      region: regionIdSchema,
      leaderParticipantId: idSchema,
      memberParticipantIds: uniqueIds(1),
      joinedParticipantIds: uniqueIds(),
      leftParticipantIds: uniqueIds(),
      hostOrganizationId: idSchema.optional(),
      changedAt: instantSchema,
    })
    .refine(leaderIsMember, leaderMessage)
    .refine((team) => team.joinedParticipantIds.every((id) => team.memberParticipantIds.includes(id)), {
      message: 'Joined participants are members',
      path: ['joinedParticipantIds'],
    })
    .refine((team) => team.leftParticipantIds.every((id) => !team.memberParticipantIds.includes(id)), {
      message: 'Participants who left are no longer members',
      path: ['leftParticipantIds'],
    }),
});

export const teamHostOrganizationConfirmedV1 = defineEvent({
  service: 'applications',
  aggregate: 'team',
  name: 'host-organization-confirmed',
  version: 1,
  schema: z.object({
    teamId: idSchema,
    roundId: idSchema,
    region: regionIdSchema,
    hostOrganizationId: idSchema,
    confirmedAt: instantSchema,
  }),
});

export const teamHostOrganizationDeclinedV1 = defineEvent({
  service: 'applications',
  aggregate: 'team',
  name: 'host-organization-declined',
  version: 1,
  schema: z.object({
    teamId: idSchema,
    roundId: idSchema,
    region: regionIdSchema,
    hostOrganizationId: idSchema,
    reason: z.enum(hostDeclineReasons),
    declinedAt: instantSchema,
  }),
});

/**
 * The leader invited a person to the team; the invitation is theirs to accept or decline. Told to the person
 * invited (the notifications of this service).
 */
export const teamMemberInvitedV1 = defineEvent({
  service: 'applications',
  aggregate: 'team',
  name: 'member-invited',
  version: 1,
  schema: z.object({
    teamId: idSchema,
    roundId: idSchema,
    region: regionIdSchema,
    invitedParticipantId: idSchema,
    invitedAt: instantSchema,
  }),
});

/** Every bid event names the bid, its team, round and region, so consumers can count without a join. */
const bidShape = {
  bidId: idSchema,
  teamId: idSchema,
  roundId: idSchema,
  region: regionIdSchema,
};

/** 1 for the first submission; a team that amends a bid after a failed check submits it again. */
const submissionNumberSchema = z.int().min(1);

/** The leader saved a new version of the draft (each save, autosaves included); the content stays here. */
export const bidDraftSavedV1 = defineEvent({
  service: 'applications',
  aggregate: 'bid',
  name: 'draft-saved',
  version: 1,
  schema: z.object({
    ...bidShape,
    /** The member who saved (any member edits the draft): the others are told. */
    savedByParticipantId: idSchema.optional(),
    savedAt: instantSchema,
  }),
});

export const bidSubmittedV1 = defineEvent({
  service: 'applications',
  aggregate: 'bid',
  name: 'submitted',
  version: 1,
  schema: z
    .object({
      ...bidShape,
      hostOrganizationId: idSchema.optional(),
      submissionNumber: submissionNumberSchema,
      requestedAmountKzt: kztSchema.positive(),
      durationMonths: projectMonthSchema,
      budgetLines: budgetLinesSchema.min(1),
      plannedBeneficiaries: z.int().nonnegative(),
      memberCount: z.int().min(1),
      submittedAt: instantSchema,
    })
    .refine((bid) => sum(bid.budgetLines.map((line) => line.amountKzt)) === bid.requestedAmountKzt, {
      message: 'Budget lines add up to the requested amount',
      path: ['budgetLines'],
    }),
});

/** The automatic rules of the technical check (docs/architecture.md, "The grant cycle", step 5a). */
export const bidCheckReasonCodes = [
  'budget-exceeds-ceiling',
  'budget-lines-do-not-add-up',
  'duration-out-of-range',
  'team-size-out-of-range',
  'member-age-out-of-range',
  'member-in-another-team',
  'member-consent-missing',
  'host-organization-not-confirmed',
  'commercial-activity',
  'required-section-missing',
  'outside-application-window',
  'region-not-in-round',
] as const;
export type BidCheckReasonCode = (typeof bidCheckReasonCodes)[number];

export const bidCheckFailedV1 = defineEvent({
  service: 'applications',
  aggregate: 'bid',
  name: 'check-failed',
  version: 1,
  schema: z.object({
    ...bidShape,
    submissionNumber: submissionNumberSchema,
    reasons: z
      .array(
        z.object({
          code: z.enum(bidCheckReasonCodes),
          /** The part of the bid at fault, e.g. 'budgetLines[2]', for the applicant's screen. */
          field: z.string().min(1).max(200).optional(),
        }),
      )
      .min(1),
    checkedAt: instantSchema,
  }),
});

export const bidCheckPassedV1 = defineEvent({
  service: 'applications',
  aggregate: 'bid',
  name: 'check-passed',
  version: 1,
  schema: z.object({ ...bidShape, submissionNumber: submissionNumberSchema, checkedAt: instantSchema }),
});

/** One reviewer's scores. Reviewers who declared a conflict of interest do not review, so there is no event. */
export const bidReviewedV1 = defineEvent({
  service: 'applications',
  aggregate: 'bid',
  name: 'reviewed',
  version: 1,
  schema: z
    .object({
      ...bidShape,
      reviewId: idSchema,
      reviewerId: idSchema,
      reviewerRole: reviewerRoleSchema,
      /** The reviewer's organization, for host-organization reviewers. */
      hostOrganizationId: idSchema.optional(),
      criteria: criterionScoresSchema,
      /** Weighted by the round's bidReviewCriteria, 0-100. */
      totalScore: percentScoreSchema,
      reviewedAt: instantSchema,
    })
    .refine(
      (review) => review.reviewerRole !== 'host-organization' || review.hostOrganizationId !== undefined,
      {
        message: 'A host-organization reviewer names the organization',
        path: ['hostOrganizationId'],
      },
    ),
});

export const bidQualifiedV1 = defineEvent({
  service: 'applications',
  aggregate: 'bid',
  name: 'qualified',
  version: 1,
  schema: z.object({
    ...bidShape,
    averageScore: percentScoreSchema,
    reviewCount: z.int().min(1),
    qualifiedAt: instantSchema,
  }),
});

export const bidNotQualifiedV1 = defineEvent({
  service: 'applications',
  aggregate: 'bid',
  name: 'not-qualified',
  version: 1,
  schema: z.object({
    ...bidShape,
    reason: z.enum(notQualifiedReasons),
    /** Absent when the bid was disqualified before it had scores. */
    averageScore: percentScoreSchema.optional(),
    reviewCount: z.int().nonnegative(),
    decidedAt: instantSchema,
  }),
});

/**
 * The lottery of one region: reproducible from the published seed and the hash of the candidate list
 * (docs/architecture.md, "The grant cycle", step 5c). Candidates are sorted so that anyone can rebuild the
 * list and check the hash.
 */
export const lotteryDrawnV1 = defineEvent({
  service: 'applications',
  aggregate: 'lottery',
  name: 'drawn',
  version: 1,
  schema: z
    .object({
      lotteryId: idSchema,
      roundId: idSchema,
      region: regionIdSchema,
      /** Names the drawing procedure, so a re-run uses the same one, e.g. 'sha256-rank-v1'. */
      algorithm: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/),
      seed: z.string().regex(/^[0-9a-f]{32,128}$/, { message: 'Expected 32-128 lowercase hex characters' }),
      candidateListHash: sha256HexSchema,
      /** The region's project quota for the round. */
      quota: z.int().nonnegative(),
      /** Qualified bids of the region, ascending by id. */
      candidateBidIds: uniqueIds(),
      /** In the order drawn. */
      winnerBidIds: uniqueIds(),
      drawnAt: instantSchema,
    })
    .refine((lottery) => isStrictlyAscending(lottery.candidateBidIds), {
      message: 'Candidates are sorted ascending',
      path: ['candidateBidIds'],
    })
    .refine((lottery) => lottery.winnerBidIds.every((id) => lottery.candidateBidIds.includes(id)), {
      message: 'Winners are candidates',
      path: ['winnerBidIds'],
    })
    .refine(
      (lottery) => lottery.winnerBidIds.length === Math.min(lottery.quota, lottery.candidateBidIds.length),
      {
        message: 'The lottery fills the quota, or takes every candidate when there are fewer',
        path: ['winnerBidIds'],
      },
    ),
});

/** Carries the team as awarded, so tracking can open the project from this event alone. */
export const bidAwardedV1 = defineEvent({
  service: 'applications',
  aggregate: 'bid',
  name: 'awarded',
  version: 1,
  schema: z
    .object({
      ...bidShape,
      lotteryId: idSchema,
      hostOrganizationId: idSchema.optional(),
      awardedAmountKzt: kztSchema.positive(),
      durationMonths: projectMonthSchema,
      leaderParticipantId: idSchema,
      memberParticipantIds: uniqueIds(1),
      awardedAt: instantSchema,
    })
    .refine(leaderIsMember, leaderMessage),
});

export const bidNotAwardedV1 = defineEvent({
  service: 'applications',
  aggregate: 'bid',
  name: 'not-awarded',
  version: 1,
  schema: z
    .object({
      ...bidShape,
      reason: z.enum(notAwardedReasons),
      /** The lottery the bid took part in, when it did. */
      lotteryId: idSchema.optional(),
      decidedAt: instantSchema,
    })
    .refine((bid) => bid.reason !== 'not-drawn-in-lottery' || bid.lotteryId !== undefined, {
      message: 'A bid not drawn names the lottery',
      path: ['lotteryId'],
    }),
});

export const bidWithdrawnV1 = defineEvent({
  service: 'applications',
  aggregate: 'bid',
  name: 'withdrawn',
  version: 1,
  schema: z.object({
    ...bidShape,
    reason: z.enum(withdrawalReasons),
    withdrawnAt: instantSchema,
  }),
});
