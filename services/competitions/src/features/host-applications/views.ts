import { hostIneligibilityReasons, hostRejectionReasons } from '@zhas/contracts';
import { regionIdSchema } from '@zhas/kz';
import { type Aggregate } from '@zhas/messaging';
import { type Actor as Principal, hasRole } from '@zhas/domain';
import { z } from 'zod';
import { organizationIdSchema } from '../organizations/routes';
import { draftFactsSchema, type HostApplicationState, hostApplicationStatuses } from './domain';

const criterionScores = z.array(
  z.object({ code: z.string(), score: z.number(), comment: z.string().optional() }),
);

export const hostApplicationViewSchema = z.object({
  hostApplicationId: z.string(),
  version: z.int(),
  roundId: z.string(),
  region: z.string(),
  hostOrganizationId: z.string(),
  status: z.enum(hostApplicationStatuses),
  facts: draftFactsSchema,
  submittedAt: z.string().optional(),
  rulesVersion: z.int().optional(),
  eligibility: z
    .object({
      decision: z.enum(['eligible', 'ineligible']),
      reasons: z.array(z.enum(hostIneligibilityReasons)),
      decidedAt: z.string(),
      review: z
        .object({
          automaticReasons: z.array(z.enum(hostIneligibilityReasons)),
          note: z.string(),
          reviewedAt: z.string(),
        })
        .optional()
        .meta({ description: "A coordinator's review of the automatic decision." }),
    })
    .optional(),
  result: z
    .object({
      criteria: criterionScores,
      totalScore: z.number(),
      scorerCount: z.int(),
      abstentionCount: z.int(),
    })
    .optional()
    .meta({ description: "The committee's score; shown to the organization once the selection is decided." }),
  scores: z
    .array(z.object({ memberId: z.string(), criteria: criterionScores, scoredAt: z.string() }))
    .optional()
    .meta({ description: "Each member's scores: coordinators only." }),
  conflictCount: z.int().optional(),
  myScore: z
    .object({ criteria: criterionScores, scoredAt: z.string() })
    .optional()
    .meta({ description: "The calling committee member's own scores." }),
  myConflictDeclared: z.boolean().optional(),
  myDraft: z
    .object({
      criteria: z.array(z.object({ code: z.string(), score: z.number().nullable(), comment: z.string() })),
      savedAt: z.string(),
    })
    .optional()
    .meta({ description: "The calling committee member's unsubmitted scores." }),
  outcome: z
    .object({
      rank: z.int().optional(),
      reason: z.enum(hostRejectionReasons).optional(),
      totalScore: z.number().optional(),
      decidedAt: z.string(),
    })
    .optional(),
  withdrawnAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HostApplicationView = z.infer<typeof hostApplicationViewSchema>;

/** A 200 answer with the application as the actor may see it. */
export const applicationAnswer = (saved: Aggregate<HostApplicationState>, actor: Principal) => ({
  status: 200 as const,
  body: hostApplicationView(saved, actor),
});

/** A 201 answer with the application just started, as the actor may see it. */
export const applicationStarted = (saved: Aggregate<HostApplicationState>, actor: Principal) => ({
  status: 201 as const,
  body: hostApplicationView(saved, actor),
});

/** What each role may see of an application (the route layer has checked that it may see it at all). */
export function hostApplicationView(application: Aggregate<HostApplicationState>, principal: Principal) {
  const { state } = application;
  const coordinating = hasRole(principal, 'coordinator');
  const committee = hasRole(principal, 'committee');
  const showResult = coordinating || committee || hasRole(principal, 'viewer') || state.outcome !== undefined;
  const mine = state.scores.find((score) => score.memberId === principal.subject);
  const myDraft = state.scoreDrafts?.find((draft) => draft.memberId === principal.subject);
  return {
    hostApplicationId: application.id,
    version: application.version,
    roundId: state.roundId,
    region: state.region,
    hostOrganizationId: state.hostOrganizationId,
    status: state.status,
    facts: state.facts,
    ...(state.submittedAt ? { submittedAt: state.submittedAt } : {}),
    ...(state.rulesVersion ? { rulesVersion: state.rulesVersion } : {}),
    ...(state.eligibility
      ? {
          eligibility: {
            decision:
              state.eligibility.reasons.length === 0 ? ('eligible' as const) : ('ineligible' as const),
            reasons: [...state.eligibility.reasons],
            decidedAt: state.eligibility.decidedAt,
            ...(state.eligibility.review ? { review: state.eligibility.review } : {}),
          },
        }
      : {}),
    ...(showResult && state.result ? { result: state.result } : {}),
    ...(coordinating ? { scores: [...state.scores], conflictCount: state.conflicts.length } : {}),
    ...(committee && mine ? { myScore: { criteria: mine.criteria, scoredAt: mine.scoredAt } } : {}),
    ...(committee && myDraft ? { myDraft: { criteria: myDraft.criteria, savedAt: myDraft.savedAt } } : {}),
    ...(committee
      ? { myConflictDeclared: state.conflicts.some((conflict) => conflict.memberId === principal.subject) }
      : {}),
    ...(state.outcome ? { outcome: state.outcome } : {}),
    ...(state.withdrawnAt ? { withdrawnAt: state.withdrawnAt } : {}),
    createdAt: application.createdAt.toISOString(),
    updatedAt: application.updatedAt.toISOString(),
  };
}

// What the routes take.

export const applicationParams = z.object({
  hostApplicationId: z.string().regex(/^ha\.[A-Za-z0-9_.:-]{1,120}$/, 'Expected a host application id'),
});
export const versionField = z
  .int()
  .min(1)
  .meta({ description: 'The version of the application the change was made on.' });
export const versionBody = z.object({ version: versionField });
export const startBody = z.object({
  hostOrganizationId: organizationIdSchema,
  region: regionIdSchema,
  facts: draftFactsSchema.default({}),
});
export const editBody = versionBody.extend({
  region: regionIdSchema.optional(),
  facts: draftFactsSchema.optional(),
});
export const scoresBody = z.object({
  scores: z
    .array(
      z.object({
        code: z.string().min(1).max(64),
        score: z.number().min(0).max(100),
        comment: z.string().trim().max(2000).optional(),
      }),
    )
    .min(1)
    .max(50),
});
/** A committee member's scores so far: any criteria, a score or none yet, and comments. */
export const scoreDraftBody = z.object({
  criteria: z
    .array(
      z.object({
        code: z.string().min(1).max(64),
        score: z.number().min(0).max(100).nullable(),
        comment: z.string().trim().max(2000).default(''),
      }),
    )
    .max(50),
});
export const eligibilityReviewBody = z.object({
  version: versionField,
  decision: z.enum(['eligible', 'ineligible']),
  reasons: z.array(z.enum(hostIneligibilityReasons)).max(hostIneligibilityReasons.length).default([]),
  note: z.string().trim().min(1).max(2000),
});
