import { type BudgetCategory, budgetCategorySchema } from '@zhas/contracts';
import { z } from 'zod';

// What a team writes in its bid (docs/architecture.md, "The grant cycle", step 4). Free text stays in this
// service: events carry only amounts, budget lines by category, duration and counts.

const text = (max: number) => z.string().trim().max(max).default('');

export const budgetLineSchema = z.object({
  category: budgetCategorySchema,
  amountKzt: z.int().nonnegative().max(1_000_000_000),
  note: text(500),
});

export const activitySchema = z.object({
  month: z.int().min(1).max(12),
  description: z.string().trim().min(1).max(1000),
});

/** A draft may be incomplete; the submission checks completeness. */
export const bidContentSchema = z.object({
  title: text(200),
  problem: text(4000),
  goal: text(2000),
  beneficiaries: text(2000).meta({ description: 'Who benefits, and how they are reached.' }),
  plannedBeneficiaries: z.int().nonnegative().max(1_000_000).nullable().default(null),
  activities: z.array(activitySchema).max(50).default([]),
  budgetLines: z
    .array(budgetLineSchema)
    .max(20)
    .default([])
    .refine((lines) => new Set(lines.map((line) => line.category)).size === lines.length, {
      message: 'Each budget category appears at most once',
    }),
  requestedAmountKzt: z.int().positive().max(1_000_000_000).nullable().default(null),
  durationMonths: z.int().min(1).max(12).nullable().default(null),
  nonCommercialDeclared: z
    .boolean()
    .default(false)
    .meta({ description: 'The team declares the project earns no commercial income.' }),
});

export type BidContent = {
  readonly title: string;
  readonly problem: string;
  readonly goal: string;
  readonly beneficiaries: string;
  readonly plannedBeneficiaries: number | null;
  readonly activities: readonly { readonly month: number; readonly description: string }[];
  readonly budgetLines: readonly {
    readonly category: BudgetCategory;
    readonly amountKzt: number;
    readonly note: string;
  }[];
  readonly requestedAmountKzt: number | null;
  readonly durationMonths: number | null;
  readonly nonCommercialDeclared: boolean;
};

export const emptyContent: BidContent = bidContentSchema.parse({});
