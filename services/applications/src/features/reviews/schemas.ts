import { idSchema, regionIdSchema } from '@zhas/contracts';
import { z } from 'zod';
import { bidView } from '../bids/schemas';

// Request and response schemas of the review endpoints (and the OpenAPI document).

const criterionCode = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'A kebab-case criterion code');
export const regionParams = z.object({ roundId: idSchema, region: regionIdSchema });
const translatedText = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

export const reviewSheetView = z.object({
  bidId: z.string(),
  registrationNumber: z.string(),
  roundId: z.string(),
  region: z.string(),
  status: z.string(),
  submittedAt: z.string().nullable(),
  content: bidView.shape.content,
  blind: z.boolean().meta({ description: "The round reviews blind: the team's names are not given." }),
  team: z.object({ members: z.array(z.object({ name: z.string(), leader: z.boolean() })) }).nullable(),
  criteria: z.array(z.object({ code: z.string(), weightPercent: z.number() })),
  dueAt: z.string().nullable(),
  draft: z
    .object({
      criteria: z.array(z.object({ code: z.string(), score: z.number().nullable(), comment: z.string() })),
      savedAt: z.string(),
    })
    .nullable(),
  review: z
    .object({
      criteria: z.array(z.object({ code: z.string(), score: z.number(), comment: z.string() })),
      totalScore: z.number(),
      reviewedAt: z.string(),
    })
    .nullable(),
  version: z.number().int(),
});

/** A reviewer's score of one criterion, 0-100, with an optional comment (kept in this service). */
const criterionScore = z.object({
  code: criterionCode,
  score: z.number().min(0).max(100),
  comment: z.string().trim().max(2000).default(''),
});

/** The scores so far: a criterion may be left unscored (null). */
export const draftRubricBody = z.object({
  criteria: z.array(criterionScore.extend({ score: criterionScore.shape.score.nullable() })).max(20),
});

/** The review: a score for every criterion. */
export const rubricBody = z.object({ criteria: z.array(criterionScore).min(1).max(20) });

/** A bid in the caller's review queue. */
export const reviewQueueItem = z.object({
  bidId: z.string(),
  registrationNumber: z.string(),
  roundId: z.string(),
  region: z.string(),
  title: z.string(),
  requestedAmountKzt: z.number().nullable(),
  submittedAt: z.string().nullable(),
  draftSavedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
});

/** The caller's review work per round and region. */
export const reviewQueueSummaryView = z.object({
  items: z.array(
    z.object({
      roundId: z.string(),
      roundYear: z.number().int().nullable(),
      roundTitle: translatedText.nullable(),
      region: z.string(),
      assigned: z.number().int(),
      awaiting: z.number().int(),
      dueAt: z.string().nullable(),
    }),
  ),
});

/** What an assignment run did. */
export const reviewAssignmentsView = z.object({
  bidsInReview: z.number().int(),
  assignmentsAdded: z.number().int(),
  bidsShortOfReviewers: z
    .number()
    .int()
    .meta({ description: 'Bids whose pool has too few reviewers (more must join).' }),
});

/** A region's reviewers and their work. */
export const reviewerProgressView = z.object({
  roundId: z.string(),
  region: z.string(),
  reviewersPerBid: z.number().int().nullable(),
  dueAt: z.string().nullable(),
  items: z.array(
    z.object({
      reviewerId: z.string(),
      name: z.string(),
      kind: z.enum(['committee', 'host-organization']),
      hostOrganizationId: z.string().nullable(),
      assigned: z.number().int(),
      awaiting: z.number().int(),
      scored: z.number().int(),
      conflicts: z.number().int(),
    }),
  ),
});

/** What deciding the ready bids of a region did. */
export const readyBidsDecidedView = z.object({
  qualified: z.number().int(),
  notQualified: z.number().int(),
  stillInReview: z.number().int(),
});
