import type { components } from '../../api/generated/tracking';

/** A mentor as the tracking service answers (its OpenAPI document's schema). */
export type Mentor = components['schemas']['Mentor'];

/** The areas a mentor may know (the tracking service's vocabulary, packages/contracts), as the form offers them. */
export const EXPERTISE_AREAS = [
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
export type ExpertiseArea = (typeof EXPERTISE_AREAS)[number];

export const MAX_CAPACITY = 50;

/** The profile form as typed: the capacity and the host organizations are text until sent. */
export interface ProfileForm {
  readonly fullName: string;
  readonly phone: string;
  readonly email: string;
  readonly regions: readonly string[];
  readonly expertise: readonly ExpertiseArea[];
  readonly capacity: string;
  /** Host organizations the mentor works for, one id per line or separated by commas. */
  readonly employers: string;
}

export const emptyProfile: ProfileForm = {
  fullName: '',
  phone: '',
  email: '',
  regions: [],
  expertise: [],
  capacity: '3',
  employers: '',
};

export function formOf(mentor: Mentor): ProfileForm {
  return {
    fullName: mentor.fullName,
    phone: mentor.phone,
    email: mentor.email,
    regions: mentor.regions,
    expertise: mentor.expertise,
    capacity: String(mentor.capacity),
    employers: mentor.employerHostOrganizationIds.join('\n'),
  };
}

const employerIds = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((id) => id.trim())
    .filter(Boolean);

/** What the service takes (PUT /mentors/me). */
export function profileBody(form: ProfileForm) {
  return {
    fullName: form.fullName.trim(),
    phone: form.phone.trim(),
    email: form.email.trim(),
    regions: [...form.regions],
    expertise: [...form.expertise],
    capacity: Number(form.capacity),
    employerHostOrganizationIds: employerIds(form.employers),
  };
}

/** A problem of a field: a key under `mentors.validation`. */
export type FieldProblem = 'required' | 'invalid' | 'capacity' | 'employers';

/** What the form can tell before sending, field by field (the service checks everything again). */
export function profileProblems(form: ProfileForm): Partial<Record<keyof ProfileForm, FieldProblem>> {
  const problems: Partial<Record<keyof ProfileForm, FieldProblem>> = {};
  if (form.fullName.trim().length < 2) problems.fullName = 'required';
  if (form.phone.trim() === '') problems.phone = 'required';
  else if (!/^\+?[0-9 ()-]{7,20}$/.test(form.phone.trim())) problems.phone = 'invalid';
  if (form.email.trim() === '') problems.email = 'required';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) problems.email = 'invalid';
  if (form.regions.length === 0) problems.regions = 'required';
  if (form.expertise.length === 0) problems.expertise = 'required';
  const capacity = Number(form.capacity);
  if (!/^\d+$/.test(form.capacity.trim()) || capacity < 1 || capacity > MAX_CAPACITY) {
    problems.capacity = 'capacity';
  }
  const employers = employerIds(form.employers);
  if (employers.length > 10 || employers.some((id) => !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(id))) {
    problems.employers = 'employers';
  }
  return problems;
}

/** The service's field names (`employerHostOrganizationIds.0`) as the form's. */
export function formFieldOf(serviceField: string): keyof ProfileForm | undefined {
  const head = serviceField.split('.')[0] ?? '';
  if (head === 'employerHostOrganizationIds') return 'employers';
  return (['fullName', 'phone', 'email', 'regions', 'expertise', 'capacity'] as const).find(
    (field) => field === head,
  );
}

export const CONFLICT_REASONS = ['relative-of-member', 'works-for-host-organization', 'other'] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

/** A project's id from what a person types: the project's code as the lists show it (its bid), or its id. */
export const projectIdOf = (code: string) => {
  const trimmed = code.trim();
  return trimmed.startsWith('prj-') ? trimmed : `prj-${trimmed}`;
};
