import { z } from 'zod';
import { defineEvent } from '../define-event';
import {
  criterionCodeSchema,
  idSchema,
  instantSchema,
  kztSchema,
  localizedTextSchema,
  percentScoreSchema,
  projectMonthSchema,
  regionIdSchema,
} from '../primitives';
import { applicantKindSchema, educationLevelSchema } from '../vocabulary';
import { criterionScoresSchema, isNotBefore, sum } from './common';

// Events of the competitions service: rounds with their rules, and the competition among host organizations.
// Organizations are named by id only: their BIN may be an individual entrepreneur's IIN, and their names are
// served by the competitions API.

const windowSchema = z
  .object({ opensAt: instantSchema, closesAt: instantSchema })
  .refine((window) => isNotBefore(window.closesAt, window.opensAt), {
    message: 'A window closes after it opens',
    path: ['closesAt'],
  });

/** Weighted criteria of a rubric; weights are percentages adding up to 100. */
const weightedCriteriaSchema = z
  .array(z.object({ code: criterionCodeSchema, weightPercent: z.int().min(1).max(100) }))
  .min(1)
  .refine((criteria) => new Set(criteria.map((criterion) => criterion.code)).size === criteria.length, {
    message: 'Each criterion appears once',
  })
  .refine((criteria) => sum(criteria.map((criterion) => criterion.weightPercent)) === 100, {
    message: 'Weights add up to 100',
  });

/**
 * A round's rules: every number the cycle uses, since they change from year to year (docs/architecture.md,
 * "The grant cycle").
 */
export const roundRulesSchema = z
  .object({
    applicantKind: applicantKindSchema,
    ageRange: z
      .object({ min: z.int().min(10).max(60), max: z.int().min(10).max(60) })
      .refine((range) => range.min <= range.max, { message: 'min <= max', path: ['max'] }),
    teamSize: z
      .object({ min: z.int().min(1).max(20), max: z.int().min(1).max(20) })
      .refine((size) => size.min <= size.max, { message: 'min <= max', path: ['max'] }),
    grantCeilingKzt: kztSchema.positive(),
    projectDurationMonths: projectMonthSchema,
    stipendMonthlyKzt: z.object({ graduate: kztSchema, other: kztSchema }),
    /** Education levels that earn the graduate stipend rate. */
    graduateEducationLevels: z.array(educationLevelSchema),
    /** Share of the grant in each tranche, in payment order, e.g. [50, 50]. */
    tranchePercentages: z
      .array(z.int().min(1).max(100))
      .min(1)
      .refine((shares) => sum(shares) === 100, { message: 'Tranche shares add up to 100' }),
    hostEligibility: z.object({
      minYearsRegistered: z.int().nonnegative(),
      minYearsYouthExperience: z.int().nonnegative(),
    }),
    hostOrganizationCriteria: weightedCriteriaSchema,
    bidReviewCriteria: weightedCriteriaSchema,
    /** Average review score (0-100) a bid needs to enter the lottery. */
    qualifyingScore: percentScoreSchema,
    /**
     * Reviewers score without seeing who is in the team (names hidden; the bid's content and region stay). Absent:
     * not blind.
     */
    blindReview: z.boolean().optional(),
    regionQuotas: z
      .array(
        z.object({
          region: regionIdSchema,
          hostOrganizationSeats: z.int().nonnegative(),
          /** Bids the lottery awards in the region. */
          projectQuota: z.int().nonnegative(),
        }),
      )
      .min(1)
      .refine((quotas) => new Set(quotas.map((quota) => quota.region)).size === quotas.length, {
        message: 'Each region appears once',
      }),
  })
  .refine((rules) => rules.applicantKind === 'team' || rules.teamSize.max === 1, {
    message: 'Individual applicants apply alone: teamSize.max is 1',
    path: ['teamSize'],
  });
export type RoundRules = z.infer<typeof roundRulesSchema>;

/** The full content of a round as published; a revision republishes all of it, so consumers simply replace. */
const roundContentShape = {
  roundId: idSchema,
  year: z.int().min(2017).max(2100),
  title: localizedTextSchema,
  regions: z
    .array(regionIdSchema)
    .min(1)
    .refine((regions) => new Set(regions).size === regions.length, { message: 'Regions must be unique' }),
  hostApplicationWindow: windowSchema,
  youthApplicationWindow: windowSchema,
  rules: roundRulesSchema,
};

function quotasCoverRegions(round: { regions: string[]; rules: RoundRules }): boolean {
  const quotaRegions = new Set(round.rules.regionQuotas.map((quota) => quota.region));
  return (
    quotaRegions.size === round.regions.length && round.regions.every((region) => quotaRegions.has(region))
  );
}
const quotasMessage = {
  message: 'rules.regionQuotas has one entry per round region',
  path: ['rules', 'regionQuotas'],
};

export const roundPublishedV1 = defineEvent({
  service: 'competitions',
  aggregate: 'round',
  name: 'published',
  version: 1,
  schema: z
    .object({ ...roundContentShape, rulesVersion: z.literal(1), publishedAt: instantSchema })
    .refine(quotasCoverRegions, quotasMessage),
});

/** A published round's rules changed: a new rules version, effective from revisedAt. */
export const roundRulesRevisedV1 = defineEvent({
  service: 'competitions',
  aggregate: 'round',
  name: 'rules-revised',
  version: 1,
  schema: z
    .object({ ...roundContentShape, rulesVersion: z.int().min(2), revisedAt: instantSchema })
    .refine(quotasCoverRegions, quotasMessage),
});

export const roundOutcomes = ['completed', 'cancelled'] as const;
export type RoundOutcome = (typeof roundOutcomes)[number];

/** The round is over: completed after its last project, or cancelled. Nothing more happens in it. */
export const roundClosedV1 = defineEvent({
  service: 'competitions',
  aggregate: 'round',
  name: 'closed',
  version: 1,
  schema: z.object({
    roundId: idSchema,
    outcome: z.enum(roundOutcomes),
    closedAt: instantSchema,
  }),
});

/** Every host-application event names the application, the organization, the round and the region. */
const hostApplicationShape = {
  hostApplicationId: idSchema,
  hostOrganizationId: idSchema,
  roundId: idSchema,
  region: regionIdSchema,
};

export const hostApplicationSubmittedV1 = defineEvent({
  service: 'competitions',
  aggregate: 'host-application',
  name: 'submitted',
  version: 1,
  schema: z.object({ ...hostApplicationShape, submittedAt: instantSchema }),
});

export const hostApplicationWithdrawnV1 = defineEvent({
  service: 'competitions',
  aggregate: 'host-application',
  name: 'withdrawn',
  version: 1,
  schema: z.object({ ...hostApplicationShape, withdrawnAt: instantSchema }),
});

/**
 * The eligibility conditions of docs/architecture.md, "The grant cycle", as reasons an application fails
 * them.
 */
export const hostIneligibilityReasons = [
  'registered-too-recently',
  'insufficient-youth-experience',
  'tax-debt',
  'no-bank-account',
  'unreliable-supplier',
  'not-operating-in-region',
  'incomplete-documents',
] as const;

/** The documents a host organization lists with its application (their numbers and dates stay in the service). */
export const hostDocumentKinds = [
  'state-registration',
  'charter',
  'tax-clearance',
  'bank-reference',
  'youth-experience',
  'other',
] as const;
export type HostDocumentKind = (typeof hostDocumentKinds)[number];
export type HostIneligibilityReason = (typeof hostIneligibilityReasons)[number];

export const hostApplicationEligibilityDecidedV1 = defineEvent({
  service: 'competitions',
  aggregate: 'host-application',
  name: 'eligibility-decided',
  version: 1,
  schema: z.discriminatedUnion('decision', [
    z.object({
      ...hostApplicationShape,
      decision: z.literal('eligible'),
      /** True when a coordinator reviewed the decision (confirmed or changed the automatic one). */
      reviewed: z.boolean().optional(),
      decidedAt: instantSchema,
    }),
    z.object({
      ...hostApplicationShape,
      decision: z.literal('ineligible'),
      reviewed: z.boolean().optional(),
      reasons: z
        .array(z.enum(hostIneligibilityReasons))
        .min(1)
        .refine((reasons) => new Set(reasons).size === reasons.length, { message: 'Reasons must be unique' }),
      decidedAt: instantSchema,
    }),
  ]),
});

/** The committee's scores, averaged over the members who did not abstain for a conflict of interest. */
export const hostApplicationScoredV1 = defineEvent({
  service: 'competitions',
  aggregate: 'host-application',
  name: 'scored',
  version: 1,
  schema: z.object({
    ...hostApplicationShape,
    criteria: criterionScoresSchema,
    /** Weighted by the round's hostOrganizationCriteria, 0-100. */
    totalScore: percentScoreSchema,
    scorerCount: z.int().min(1),
    abstentionCount: z.int().nonnegative(),
    scoredAt: instantSchema,
  }),
});

export const hostApplicationSelectedV1 = defineEvent({
  service: 'competitions',
  aggregate: 'host-application',
  name: 'selected',
  version: 1,
  schema: z.object({
    ...hostApplicationShape,
    /** 1 for the best score in the region. */
    rank: z.int().min(1),
    totalScore: percentScoreSchema,
    selectedAt: instantSchema,
  }),
});

export const hostRejectionReasons = ['ineligible', 'below-cutoff', 'seats-filled', 'disqualified'] as const;
export type HostRejectionReason = (typeof hostRejectionReasons)[number];

export const hostApplicationRejectedV1 = defineEvent({
  service: 'competitions',
  aggregate: 'host-application',
  name: 'rejected',
  version: 1,
  schema: z.object({
    ...hostApplicationShape,
    reason: z.enum(hostRejectionReasons),
    rejectedAt: instantSchema,
  }),
});
