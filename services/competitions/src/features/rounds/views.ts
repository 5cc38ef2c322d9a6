import { roundRulesSchema, roundOutcomes } from '@zhas/contracts';
import { type Aggregate } from '@zhas/messaging';
import { z } from 'zod';
import { type RoundState, roundStatuses, windowSchema } from './domain';

/** A round as the API shows it: a draft's fields as saved so far, or the content in force. */
export const roundViewSchema = z.object({
  roundId: z.string(),
  version: z.int(),
  status: z.enum(roundStatuses),
  rulesVersion: z.int().meta({ description: '0 for a draft, 1 when published, one more per revision.' }),
  year: z.int().optional(),
  title: z.object({ kk: z.string(), ru: z.string(), en: z.string() }).optional(),
  regions: z.array(z.string()).optional(),
  hostApplicationWindow: windowSchema.optional(),
  youthApplicationWindow: windowSchema.optional(),
  rules: z.object(roundRulesSchema.shape).partial().optional(),
  publishedAt: z.string().optional(),
  revisedAt: z.string().optional(),
  closedAt: z.string().optional(),
  outcome: z.enum(roundOutcomes).optional(),
  previousVersions: z.array(z.object({ rulesVersion: z.int(), effectiveFrom: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RoundView = z.infer<typeof roundViewSchema>;

export function roundView(round: Aggregate<RoundState>): RoundView {
  const { state } = round;
  const shown = state.content ?? state.draft;
  return {
    roundId: round.id,
    version: round.version,
    status: state.status,
    rulesVersion: state.rulesVersion,
    ...shown,
    regions: shown.regions ? [...shown.regions] : undefined,
    ...(state.publishedAt ? { publishedAt: state.publishedAt } : {}),
    ...(state.revisedAt ? { revisedAt: state.revisedAt } : {}),
    ...(state.closedAt ? { closedAt: state.closedAt } : {}),
    ...(state.outcome ? { outcome: state.outcome } : {}),
    previousVersions: state.previousVersions.map(({ rulesVersion, effectiveFrom }) => ({
      rulesVersion,
      effectiveFrom,
    })),
    createdAt: round.createdAt.toISOString(),
    updatedAt: round.updatedAt.toISOString(),
  };
}

/** The whole-round checks' answer: every failing field, and whether the draft may be published now. */
export const roundCheckSchema = z.object({
  valid: z.boolean(),
  errors: z.array(z.object({ field: z.string(), message: z.string(), code: z.string().optional() })),
  version: z.number().int(),
});
