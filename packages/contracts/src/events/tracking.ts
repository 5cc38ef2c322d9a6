import { z } from 'zod';
import { defineEvent } from '../define-event';
import {
  criterionCodeSchema,
  idSchema,
  instantSchema,
  isoDateSchema,
  kztSchema,
  percentScoreSchema,
  projectMonthSchema,
  regionIdSchema,
  uniqueIds,
} from '../primitives';
import {
  budgetLinesSchema,
  exitStatusSchema,
  grievanceCategorySchema,
  grievanceChannelSchema,
  mentorExpertiseSchema,
  reportKindSchema,
  surveyWaveSchema,
} from '../vocabulary';
import { isNotBefore, sum } from './common';

// Events of the tracking service: an awarded bid becomes a project with an agreement, tranches, monthly reports,
// stipends, surveys, exits, recoveries and a completion; grievances are tracked here too. Every project event
// carries the round and region, the disaggregations reporting needs without a join.

const projectShape = {
  projectId: idSchema,
  roundId: idSchema,
  region: regionIdSchema,
};

/** Tracking took over an awarded bid. */
export const projectOpenedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'project',
  name: 'opened',
  version: 1,
  schema: z
    .object({
      ...projectShape,
      bidId: idSchema,
      teamId: idSchema,
      hostOrganizationId: idSchema.optional(),
      leaderParticipantId: idSchema,
      memberParticipantIds: uniqueIds(1),
      grantAmountKzt: kztSchema.positive(),
      durationMonths: projectMonthSchema,
      openedAt: instantSchema,
    })
    .refine((project) => project.memberParticipantIds.includes(project.leaderParticipantId), {
      message: 'The leader is one of the members',
      path: ['leaderParticipantId'],
    }),
});

export const agreementSignedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'agreement',
  name: 'signed',
  version: 1,
  schema: z
    .object({
      agreementId: idSchema,
      ...projectShape,
      bidId: idSchema,
      grantAmountKzt: kztSchema.positive(),
      /** Tranche amounts in payment order, numbered from 1. */
      tranches: z.array(z.object({ trancheNumber: z.int().min(1), amountKzt: kztSchema.positive() })).min(1),
      signedOn: isoDateSchema,
      startsOn: isoDateSchema,
      endsOn: isoDateSchema,
      signedAt: instantSchema,
    })
    .refine(
      (agreement) => agreement.tranches.every((tranche, index) => tranche.trancheNumber === index + 1),
      {
        message: 'Tranches are numbered 1, 2, ... in order',
        path: ['tranches'],
      },
    )
    .refine(
      (agreement) => sum(agreement.tranches.map((tranche) => tranche.amountKzt)) === agreement.grantAmountKzt,
      {
        message: 'Tranches add up to the grant',
        path: ['tranches'],
      },
    )
    .refine((agreement) => agreement.startsOn <= agreement.endsOn, {
      message: 'The project ends after it starts',
      path: ['endsOn'],
    }),
});

const trancheShape = {
  trancheId: idSchema,
  ...projectShape,
  trancheNumber: z.int().min(1),
  amountKzt: kztSchema.positive(),
  /** Tranches are paid to the team leader. */
  payeeParticipantId: idSchema,
};

export const tranchePayableV1 = defineEvent({
  service: 'tracking',
  aggregate: 'tranche',
  name: 'payable',
  version: 1,
  schema: z.object({
    ...trancheShape,
    /** Tranche 1 follows the agreement, tranche 2 an accepted mid-term report. */
    basis: z.enum(['agreement-signed', 'mid-term-report-accepted']),
    payableAt: instantSchema,
  }),
});

export const trancheDisbursedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'tranche',
  name: 'disbursed',
  version: 1,
  schema: z.object({ ...trancheShape, disbursedOn: isoDateSchema, disbursedAt: instantSchema }),
});

const reportShape = {
  reportId: idSchema,
  ...projectShape,
  kind: reportKindSchema,
  projectMonth: projectMonthSchema,
};

/** What a team reports for a month (docs/architecture.md, "The grant cycle", step 6). */
export const reportSubmittedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'report',
  name: 'submitted',
  version: 1,
  schema: z.object({
    ...reportShape,
    /** 1 for the first submission, then one more after each return. */
    submissionNumber: z.int().min(1),
    activitiesHeld: z.int().nonnegative(),
    beneficiariesReached: z.int().nonnegative(),
    expenses: budgetLinesSchema,
    /** Must be 0: projects are non-commercial; reported so that a breach is visible, not hidden. */
    commercialIncomeKzt: kztSchema,
    /** What each active member did this month: the conditions of the monthly stipend. */
    members: z
      .array(
        z.object({
          participantId: idSchema,
          mentorSessionAttended: z.boolean(),
          trainingCompleted: z.boolean(),
          surveyCompleted: z.boolean(),
        }),
      )
      .min(1)
      .refine((members) => new Set(members.map((member) => member.participantId)).size === members.length, {
        message: 'Each member appears once',
      }),
    submittedAt: instantSchema,
  }),
});

export const reportAcceptedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'report',
  name: 'accepted',
  version: 1,
  schema: z.object({ ...reportShape, acceptedAt: instantSchema }),
});

export const reportReturnReasons = [
  'activities-incomplete',
  'expenses-unsupported',
  'expenses-exceed-budget-line',
  'beneficiary-data-missing',
  'surveys-missing',
  'commercial-income',
  'other',
] as const;
export type ReportReturnReason = (typeof reportReturnReasons)[number];

/** Sent back to the team for corrections; it will be submitted again. */
export const reportReturnedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'report',
  name: 'returned',
  version: 1,
  schema: z.object({
    ...reportShape,
    reasons: z
      .array(z.enum(reportReturnReasons))
      .min(1)
      .refine((reasons) => new Set(reasons).size === reasons.length, { message: 'Reasons must be unique' }),
    returnedAt: instantSchema,
  }),
});

const stipendShape = {
  stipendId: idSchema,
  ...projectShape,
  participantId: idSchema,
  projectMonth: projectMonthSchema,
  amountKzt: kztSchema.positive(),
};

/** The month's report, mentor session, training and survey are done: the member's stipend is due. */
export const stipendPayableV1 = defineEvent({
  service: 'tracking',
  aggregate: 'stipend',
  name: 'payable',
  version: 1,
  schema: z.object({
    ...stipendShape,
    /** Which of the round's rates applies. */
    rateCategory: z.enum(['graduate', 'other']),
    payableAt: instantSchema,
  }),
});

export const stipendPaidV1 = defineEvent({
  service: 'tracking',
  aggregate: 'stipend',
  name: 'paid',
  version: 1,
  schema: z.object({ ...stipendShape, paidOn: isoDateSchema, paidAt: instantSchema }),
});

/** A member's life-skills survey: baseline, endline or follow-up. */
export const surveyRecordedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'survey',
  name: 'recorded',
  version: 1,
  schema: z.object({
    surveyId: idSchema,
    ...projectShape,
    participantId: idSchema,
    wave: surveyWaveSchema,
    /** The questionnaire and its version, e.g. 'life-skills-2019': scores compare only within one. */
    instrument: criterionCodeSchema,
    lifeSkillsScore: percentScoreSchema,
    recordedAt: instantSchema,
  }),
});

export const memberExitReasons = [
  'project-completed',
  'project-terminated',
  'left-voluntarily',
  'found-employment',
  'started-studies',
  'relocated',
  'health',
  'removed',
  'other',
] as const;
export type MemberExitReason = (typeof memberExitReasons)[number];

/** A member left the project (early, or at its end), with their status at exit. Members are not replaced. */
export const projectMemberExitedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'project',
  name: 'member-exited',
  version: 1,
  schema: z.object({
    ...projectShape,
    participantId: idSchema,
    reason: z.enum(memberExitReasons),
    exitStatus: exitStatusSchema,
    exitedOn: isoDateSchema,
    exitedAt: instantSchema,
  }),
});

/** A member's status 6-12 months after the project (docs/architecture.md, "The grant cycle", step 7). */
export const projectFollowUpRecordedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'project',
  name: 'follow-up-recorded',
  version: 1,
  schema: z.object({
    ...projectShape,
    participantId: idSchema,
    monthsAfterCompletion: z.int().min(1).max(36),
    status: exitStatusSchema,
    recordedAt: instantSchema,
  }),
});

export const projectCompletedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'project',
  name: 'completed',
  version: 1,
  schema: z.object({
    ...projectShape,
    bidId: idSchema,
    completedOn: isoDateSchema,
    disbursedKzt: kztSchema,
    spentKzt: kztSchema,
    beneficiariesReached: z.int().nonnegative(),
    /** Members still in the project at its end. */
    membersCompleted: z.int().nonnegative(),
    completedAt: instantSchema,
  }),
});

export const projectTerminatedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'project',
  name: 'terminated',
  version: 1,
  schema: z.object({
    ...projectShape,
    reason: z.enum([
      'misuse-of-funds',
      'commercial-activity',
      'team-dissolved',
      'non-reporting',
      'team-request',
    ]),
    terminatedOn: isoDateSchema,
    terminatedAt: instantSchema,
  }),
});

const recoveryShape = { recoveryId: idSchema, ...projectShape };

/** Funds to be returned after misuse or an ineligible expense. */
export const recoveryOpenedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'recovery',
  name: 'opened',
  version: 1,
  schema: z.object({
    ...recoveryShape,
    reason: z.enum([
      'misuse-of-funds',
      'ineligible-expense',
      'commercial-income',
      'unspent-funds',
      'overpayment',
    ]),
    amountKzt: kztSchema.positive(),
    openedAt: instantSchema,
  }),
});

export const recoverySettledV1 = defineEvent({
  service: 'tracking',
  aggregate: 'recovery',
  name: 'settled',
  version: 1,
  schema: z
    .object({
      ...recoveryShape,
      outcome: z.enum(['recovered', 'partially-recovered', 'written-off']),
      recoveredAmountKzt: kztSchema,
      writtenOffAmountKzt: kztSchema,
      settledAt: instantSchema,
    })
    .refine(
      (recovery) =>
        (recovery.outcome === 'recovered' &&
          recovery.writtenOffAmountKzt === 0 &&
          recovery.recoveredAmountKzt > 0) ||
        (recovery.outcome === 'written-off' &&
          recovery.recoveredAmountKzt === 0 &&
          recovery.writtenOffAmountKzt > 0) ||
        (recovery.outcome === 'partially-recovered' &&
          recovery.recoveredAmountKzt > 0 &&
          recovery.writtenOffAmountKzt > 0),
      { message: 'The amounts agree with the outcome', path: ['outcome'] },
    ),
});

/** A grievance, without anything that identifies who lodged it: contact details stay in the service. */
export const grievanceLodgedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'grievance',
  name: 'lodged',
  version: 1,
  schema: z.object({
    grievanceId: idSchema,
    category: grievanceCategorySchema,
    channel: grievanceChannelSchema,
    region: regionIdSchema,
    roundId: idSchema.optional(),
    projectId: idSchema.optional(),
    anonymous: z.boolean(),
    lodgedAt: instantSchema,
    /** The date by which an answer is owed. */
    responseDueOn: isoDateSchema,
  }),
});

export const grievanceAssignedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'grievance',
  name: 'assigned',
  version: 1,
  schema: z.object({
    grievanceId: idSchema,
    category: grievanceCategorySchema,
    region: regionIdSchema,
    /** The staff account handling it: an id, never a name. */
    assigneeId: idSchema,
    responseDueOn: isoDateSchema,
    assignedAt: instantSchema,
  }),
});

/** Carries both instants, so resolution time (an indicator) needs no other event. */
export const grievanceResolvedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'grievance',
  name: 'resolved',
  version: 1,
  schema: z
    .object({
      grievanceId: idSchema,
      category: grievanceCategorySchema,
      region: regionIdSchema,
      roundId: idSchema.optional(),
      outcome: z.enum(['upheld', 'partially-upheld', 'not-upheld', 'withdrawn', 'referred']),
      lodgedAt: instantSchema,
      resolvedAt: instantSchema,
      responseDueOn: isoDateSchema,
      /** Answered by the due date in Kazakhstan time, as the service decided it. */
      withinDeadline: z.boolean(),
    })
    .refine((grievance) => isNotBefore(grievance.resolvedAt, grievance.lodgedAt), {
      message: 'Resolved after it was lodged',
      path: ['resolvedAt'],
    }),
});

// Mentors: a registry of people who accompany awarded teams. Events name a mentor by id, with the attributes an
// indicator may count (regions, expertise, capacity); the mentor's name, phone and e-mail stay in the service.

const mentorProfileShape = {
  mentorId: idSchema,
  regions: z
    .array(regionIdSchema)
    .min(1)
    .refine((regions) => new Set(regions).size === regions.length, { message: 'Regions must be unique' }),
  expertise: z
    .array(mentorExpertiseSchema)
    .min(1)
    .refine((areas) => new Set(areas).size === areas.length, { message: 'Areas must be unique' }),
  /** How many projects the mentor can accompany at once. */
  capacity: z.int().min(1).max(50),
};

export const mentorRegisteredV1 = defineEvent({
  service: 'tracking',
  aggregate: 'mentor',
  name: 'registered',
  version: 1,
  schema: z.object({ ...mentorProfileShape, registeredAt: instantSchema }),
});

export const mentorProfileUpdatedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'mentor',
  name: 'profile-updated',
  version: 1,
  schema: z.object({ ...mentorProfileShape, updatedAt: instantSchema }),
});

/** A coordinator gave the mentor an awarded project to accompany, the conflict rule checked. */
export const mentorAssignedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'mentor',
  name: 'assigned',
  version: 1,
  schema: z.object({ mentorId: idSchema, ...projectShape, assignedAt: instantSchema }),
});

/** The mentor no longer accompanies the project: a conflict of interest came to light, or a coordinator decided. */
export const mentorUnassignedV1 = defineEvent({
  service: 'tracking',
  aggregate: 'mentor',
  name: 'unassigned',
  version: 1,
  schema: z.object({
    mentorId: idSchema,
    ...projectShape,
    reason: z.enum(['conflict-of-interest', 'coordinator-decision']),
    unassignedAt: instantSchema,
  }),
});
