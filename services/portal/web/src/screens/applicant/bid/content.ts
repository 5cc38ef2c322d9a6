import { type components } from '../../../api/generated/applications';

/** A bid as the applications service answers it, and the part the team writes. */
export type Bid = components['schemas']['Bid'];
export type BidContent = Bid['content'];
export type BudgetLine = BidContent['budgetLines'][number];
export type BudgetCategory = BudgetLine['category'];
export type BidField = keyof BidContent;

export const BUDGET_CATEGORIES: readonly BudgetCategory[] = [
  'equipment',
  'materials',
  'rent',
  'transport',
  'services',
  'events',
  'communication',
  'other',
];

/**
 * The form's steps, each with the fields it edits: a check reason naming a field (`budgetLines`, `activities`)
 * leads the person to the step where it is fixed.
 */
export const STEPS = [
  { id: 'project', fields: ['title', 'problem', 'goal'] },
  { id: 'beneficiaries', fields: ['beneficiaries', 'plannedBeneficiaries'] },
  { id: 'activities', fields: ['durationMonths', 'activities'] },
  { id: 'budget', fields: ['budgetLines', 'requestedAmountKzt'] },
  { id: 'declaration', fields: ['nonCommercialDeclared'] },
] as const satisfies readonly { id: string; fields: readonly BidField[] }[];

export type StepId = (typeof STEPS)[number]['id'];

/** The step where a field is edited (a check reason's field: `budgetLines`, `members[0]`, `team`...). */
export function stepOfField(field: string | null): StepId | undefined {
  if (field === null) return undefined;
  const name = field.replace(/[.[].*$/, '');
  return STEPS.find((step) => (step.fields as readonly string[]).includes(name))?.id;
}

/** Two values of a field are the same (contents are plain JSON). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
