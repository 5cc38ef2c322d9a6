import { z } from 'zod';

// Closed vocabularies used by several events. A consumer validates against these lists, so adding a value is a
// breaking change for it: it needs a new event version (see README).

/** Sex as recorded in the IIN: the only source the platform uses, and the one indicators disaggregate by. */
export const sexes = ['female', 'male'] as const;
export type Sex = (typeof sexes)[number];
export const sexSchema = z.enum(sexes);

/** Age bands of the results framework; they span both age rules (14-29 until 2021, 18-34 since 2022). */
export const ageBands = ['14-17', '18-24', '25-29', '30-34'] as const;
export type AgeBand = (typeof ageBands)[number];
export const ageBandSchema = z.enum(ageBands);

/** The age band of an age in full years, or undefined outside the programme's ages. */
export function ageBandOf(age: number): AgeBand | undefined {
  if (!Number.isInteger(age)) return undefined;
  if (age >= 14 && age <= 17) return '14-17';
  if (age >= 18 && age <= 24) return '18-24';
  if (age >= 25 && age <= 29) return '25-29';
  if (age >= 30 && age <= 34) return '30-34';
  return undefined;
}

export const settlements = ['urban', 'rural'] as const;
export type Settlement = (typeof settlements)[number];
export const settlementSchema = z.enum(settlements);

/** Highest education level reached (or in progress, for 'incomplete-higher'), following the Kazakh system. */
export const educationLevels = [
  'primary',
  'basic-secondary',
  'general-secondary',
  'technical-vocational',
  'post-secondary',
  'incomplete-higher',
  'higher',
  'postgraduate',
] as const;
export type EducationLevel = (typeof educationLevels)[number];
export const educationLevelSchema = z.enum(educationLevels);

export const vulnerabilityCategories = [
  'low-income',
  'disability',
  'orphan',
  'without-parental-care',
  'kandas',
  'unemployed',
  'large-family',
  'single-parent',
  'rural-youth',
] as const;
export type VulnerabilityCategory = (typeof vulnerabilityCategories)[number];
export const vulnerabilityCategorySchema = z.enum(vulnerabilityCategories);

/** Vulnerability categories of a participant: a set, possibly empty. */
export const vulnerabilitySchema = z
  .array(vulnerabilityCategorySchema)
  .refine((values) => new Set(values).size === values.length, { message: 'Categories must be unique' });

/**
 * Purposes of data processing a participant consents to, one by one. Named without "contact" on purpose: the
 * personal data scanner treats contact-like field names as personal data.
 */
export const consentPurposes = [
  'programme-participation',
  'monitoring-evaluation',
  'follow-up-survey',
  'publicity',
] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/** One boolean per purpose, all present: a missing purpose would be ambiguous between "no" and "not asked". */
export const consentsSchema = z.object({
  'programme-participation': z.boolean(),
  'monitoring-evaluation': z.boolean(),
  'follow-up-survey': z.boolean(),
  publicity: z.boolean(),
});
export type Consents = z.infer<typeof consentsSchema>;

/** A member's status when leaving a project and at follow-up: the outcome indicators count these. */
export const exitStatuses = ['employed', 'studying', 'own-business', 'neet'] as const;
export type ExitStatus = (typeof exitStatuses)[number];
export const exitStatusSchema = z.enum(exitStatuses);

export const grievanceCategories = [
  'selection-process',
  'payments',
  'host-organization-conduct',
  'project-implementation',
  'data-protection',
  'accessibility',
  'corruption',
  'other',
] as const;
export type GrievanceCategory = (typeof grievanceCategories)[number];
export const grievanceCategorySchema = z.enum(grievanceCategories);

export const grievanceChannels = ['portal', 'hotline', 'letter', 'in-person'] as const;
export type GrievanceChannel = (typeof grievanceChannels)[number];
export const grievanceChannelSchema = z.enum(grievanceChannels);

/** Budget lines of a bid and expense lines of a report share the categories, so spending compares to plan. */
export const budgetCategories = [
  'equipment',
  'materials',
  'rent',
  'transport',
  'services',
  'events',
  'communication',
  'other',
] as const;
export type BudgetCategory = (typeof budgetCategories)[number];
export const budgetCategorySchema = z.enum(budgetCategories);

/** Amounts by budget category, each category at most once. */
export const budgetLinesSchema = z
  .array(z.object({ category: budgetCategorySchema, amountKzt: z.int().nonnegative() }))
  .refine((lines) => new Set(lines.map((line) => line.category)).size === lines.length, {
    message: 'Each budget category appears at most once',
  });

/** Who reviews a bid: a reviewer from the host organization or a member of the selection committee. */
export const reviewerRoles = ['host-organization', 'committee'] as const;
export type ReviewerRole = (typeof reviewerRoles)[number];
export const reviewerRoleSchema = z.enum(reviewerRoles);

export const surveyWaves = ['baseline', 'endline', 'follow-up'] as const;
export type SurveyWave = (typeof surveyWaves)[number];
export const surveyWaveSchema = z.enum(surveyWaves);

/** Kinds of project report: one a month, the mid-term one unlocks tranche 2, the final one closes the project. */
export const reportKinds = ['monthly', 'mid-term', 'final'] as const;
export type ReportKind = (typeof reportKinds)[number];
export const reportKindSchema = z.enum(reportKinds);

/** Whether a round takes teams with a leader (2017-2021) or individual applicants (since 2022). */
export const applicantKinds = ['team', 'individual'] as const;
export type ApplicantKind = (typeof applicantKinds)[number];
export const applicantKindSchema = z.enum(applicantKinds);

/** What a mentor can help a team with: codes, so that registries and events carry no free text. */
export const mentorExpertiseAreas = [
  'project-management',
  'social-entrepreneurship',
  'finance-and-budgeting',
  'communication-and-media',
  'education',
  'health',
  'environment',
  'culture-and-sport',
  'digital-skills',
  'community-development',
  'inclusion-and-disability',
] as const;
export type MentorExpertise = (typeof mentorExpertiseAreas)[number];
export const mentorExpertiseSchema = z.enum(mentorExpertiseAreas);
