import { type IinCheck } from './iin';

/** The vocabularies of the applications service (packages/contracts), as the form offers them. */
export const EDUCATION_LEVELS = [
  'primary',
  'basic-secondary',
  'general-secondary',
  'technical-vocational',
  'post-secondary',
  'incomplete-higher',
  'higher',
  'postgraduate',
] as const;
export const VULNERABILITY_CATEGORIES = [
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
export const CONSENT_PURPOSES = [
  'programme-participation',
  'monitoring-evaluation',
  'follow-up-survey',
  'publicity',
] as const;

export interface Registration {
  readonly iin: string;
  /** The person confirmed the birth date and sex read from the IIN. */
  readonly confirmed: boolean;
  readonly fullName: string;
  readonly phone: string;
  readonly region: string;
  readonly settlement: '' | 'urban' | 'rural';
  readonly educationLevel: '' | (typeof EDUCATION_LEVELS)[number];
  readonly neet: boolean;
  readonly vulnerability: readonly (typeof VULNERABILITY_CATEGORIES)[number][];
  readonly consents: Record<(typeof CONSENT_PURPOSES)[number], boolean>;
}

export const emptyRegistration: Registration = {
  iin: '',
  confirmed: false,
  fullName: '',
  phone: '',
  region: '',
  settlement: '',
  educationLevel: '',
  neet: false,
  vulnerability: [],
  consents: {
    'programme-participation': false,
    'monitoring-evaluation': false,
    'follow-up-survey': false,
    publicity: false,
  },
};

export interface FieldProblem {
  /** A key of the locale files. */
  readonly key: string;
  readonly values?: Record<string, string | number>;
}

/** What the form can tell before sending, field by field (the service checks everything again). */
export function registrationProblems(form: Registration, iin: IinCheck): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  if (!iin.ok) {
    problems.iin =
      iin.problem === 'tooYoung' || iin.problem === 'tooOld'
        ? { key: 'register.ageOutside', values: { age: iin.age ?? '' } }
        : { key: `iin.${iin.problem}` };
  } else if (!form.confirmed) {
    problems.confirmed = { key: 'register.confirmRequired' };
  }
  if (form.fullName.trim().length < 2) problems.fullName = { key: 'validation.required' };
  const phoneDigits = form.phone.replace(/\D/g, '').length;
  if (!/^\+?[0-9 ()-]{10,20}$/.test(form.phone.trim()) || phoneDigits < 10 || phoneDigits > 15) {
    problems.phone = { key: form.phone.trim() === '' ? 'validation.required' : 'validation.invalid' };
  }
  if (!form.region) problems.region = { key: 'validation.required' };
  if (!form.settlement) problems.settlement = { key: 'validation.required' };
  if (!form.educationLevel) problems.educationLevel = { key: 'validation.required' };
  return problems;
}
