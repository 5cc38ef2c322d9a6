import { type components } from '../../../api/generated/tracking';

// The monthly report form's content and what it sends: the tracking service's report body, built from what the
// leader typed. Pure, so it is tested without a browser.

export type Report = components['schemas']['Report'];
export type Project = components['schemas']['Project'];

export const AGE_BANDS = ['0-13', '14-17', '18-24', '25-29', '30-34', '35-59', '60+'] as const;
export const SEXES = ['female', 'male'] as const;
export const EXPENSE_CATEGORIES = [
  'equipment',
  'materials',
  'rent',
  'transport',
  'services',
  'events',
  'communication',
  'other',
] as const;

export type AgeBand = (typeof AGE_BANDS)[number];
export type Sex = (typeof SEXES)[number];
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

export interface MemberMonthForm {
  participantId: string;
  mentorSessionAttended: boolean;
  trainingCompleted: boolean;
  surveyCompleted: boolean;
}

/** What the form holds: numbers as typed (empty means 0), one line per activity. */
export interface ReportForm {
  activitiesHeld: string;
  activities: string;
  beneficiaries: Record<`${Sex}:${AgeBand}`, string>;
  expenses: Record<ExpenseCategory, string>;
  commercialIncomeKzt: string;
  members: MemberMonthForm[];
}

const blankBeneficiaries = () =>
  Object.fromEntries(
    SEXES.flatMap((sex) => AGE_BANDS.map((band) => [`${sex}:${band}`, ''])),
  ) as ReportForm['beneficiaries'];

/** An empty form for the project's members still in it; or, for a returned report, what was sent (to correct). */
export function initialForm(project: Pick<Project, 'members'>, previous?: Report): ReportForm {
  const active = project.members.filter((member) => member.active).map((member) => member.participantId);
  const beneficiaries = blankBeneficiaries();
  for (const group of previous?.beneficiaries ?? [])
    beneficiaries[`${group.sex}:${group.ageBand}`] = String(group.count);
  const expenses = Object.fromEntries(EXPENSE_CATEGORIES.map((category) => [category, ''])) as Record<
    ExpenseCategory,
    string
  >;
  for (const line of previous?.expenses ?? []) expenses[line.category] = String(line.amountKzt);
  const sent = new Map(previous?.members.map((member) => [member.participantId, member]));
  return {
    activitiesHeld: previous ? String(previous.activitiesHeld) : '',
    activities: previous?.activities.join('\n') ?? '',
    beneficiaries,
    expenses,
    commercialIncomeKzt:
      previous && previous.commercialIncomeKzt > 0 ? String(previous.commercialIncomeKzt) : '',
    members: active.map((participantId) => ({
      participantId,
      mentorSessionAttended: sent.get(participantId)?.mentorSessionAttended ?? false,
      trainingCompleted: sent.get(participantId)?.trainingCompleted ?? false,
      surveyCompleted: sent.get(participantId)?.surveyCompleted ?? false,
    })),
  };
}

/**
 * A number field as the service takes it: empty is 0, digits with spaces are read, anything else is sent as it is
 * (NaN), so the service names the field in its answer instead of the form guessing.
 */
export function wholeNumber(typed: string): number {
  const trimmed = typed.replace(/[\s\u00a0]/g, '');
  if (trimmed === '') return 0;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export type ReportBody = {
  activitiesHeld: number;
  activities: string[];
  beneficiaries: { sex: Sex; ageBand: AgeBand; count: number }[];
  expenses: { category: ExpenseCategory; amountKzt: number }[];
  commercialIncomeKzt: number;
  members: MemberMonthForm[];
};

/** The request body: groups and expense lines only where something was typed. */
export function reportBody(form: ReportForm): ReportBody {
  return {
    activitiesHeld: wholeNumber(form.activitiesHeld),
    activities: form.activities
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    beneficiaries: SEXES.flatMap((sex) =>
      AGE_BANDS.flatMap((ageBand) => {
        const typed = form.beneficiaries[`${sex}:${ageBand}`];
        return typed.trim() === '' ? [] : [{ sex, ageBand, count: wholeNumber(typed) }];
      }),
    ),
    expenses: EXPENSE_CATEGORIES.flatMap((category) => {
      const typed = form.expenses[category];
      return typed.trim() === '' ? [] : [{ category, amountKzt: wholeNumber(typed) }];
    }),
    commercialIncomeKzt: wholeNumber(form.commercialIncomeKzt),
    members: form.members,
  };
}

/** The totals shown under the form while typing (the service decides). */
export function totals(form: ReportForm): { beneficiaries: number; expensesKzt: number } {
  const body = reportBody(form);
  const sum = (values: number[]) =>
    values.reduce((total, value) => total + (Number.isFinite(value) ? value : 0), 0);
  return {
    beneficiaries: sum(body.beneficiaries.map((group) => group.count)),
    expensesKzt: sum(body.expenses.map((line) => line.amountKzt)),
  };
}

export type MonthState = 'due' | 'submitted' | 'returned' | 'accepted' | 'later';

/**
 * Each month of the project with its report's state: the first month without a report is the one due; a returned
 * report is due again; later months wait.
 */
export function reportMonths(
  durationMonths: number,
  reports: readonly Pick<Report, 'projectMonth' | 'status'>[],
): { month: number; state: MonthState }[] {
  const byMonth = new Map(reports.map((report) => [report.projectMonth, report.status]));
  let dueGiven = false;
  return Array.from({ length: durationMonths }, (_, index) => {
    const month = index + 1;
    const status = byMonth.get(month);
    if (status) return { month, state: status };
    if (dueGiven) return { month, state: 'later' as const };
    dueGiven = true;
    return { month, state: 'due' as const };
  });
}

/** Which report the form opens first: a returned one (to correct), else the month due. */
export function monthToReport(months: readonly { month: number; state: MonthState }[]): number | undefined {
  return (
    months.find((entry) => entry.state === 'returned')?.month ??
    months.find((entry) => entry.state === 'due')?.month
  );
}

/** The kind of a month's report, as the service decides it: mid-term at ceil(duration/2), final at the end. */
export function reportKind(month: number, durationMonths: number): 'monthly' | 'mid-term' | 'final' {
  if (month === durationMonths) return 'final';
  if (month === Math.ceil(durationMonths / 2)) return 'mid-term';
  return 'monthly';
}
