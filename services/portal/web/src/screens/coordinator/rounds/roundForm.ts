import type { components } from '../../../api/generated/competitions';

/*
 * The round's editor as text fields, and back to what the service takes. Pure: no rule is decided here (a value
 * that is not a number is sent as typed, and the service names the field); the service checks everything.
 */

type Round = components['schemas']['Round'];
type RoundDraft = components['schemas']['RoundDraft'];
type Rules = NonNullable<Round['rules']>;

export interface QuotaRow {
  readonly region: string;
  readonly seats: string;
  readonly projectQuota: string;
}

export interface RoundForm {
  readonly year: string;
  readonly titleKk: string;
  readonly titleRu: string;
  readonly titleEn: string;
  readonly hostOpensAt: string;
  readonly hostClosesAt: string;
  readonly youthOpensAt: string;
  readonly youthClosesAt: string;
  readonly grantCeilingKzt: string;
  readonly projectDurationMonths: string;
  readonly ageMin: string;
  readonly ageMax: string;
  readonly teamMin: string;
  readonly teamMax: string;
  readonly qualifyingScore: string;
  readonly tranchePercentages: string;
  readonly stipendGraduate: string;
  readonly stipendOther: string;
  readonly minYearsRegistered: string;
  readonly minYearsYouthExperience: string;
  readonly blindReview: boolean;
  readonly quotas: readonly QuotaRow[];
}

/** Kazakhstan's time: UTC+5 all year since 2024; windows are entered and read in it. */
const KZ_OFFSET_MS = 5 * 3_600_000;

/** `2027-02-01T09:00:00.000Z` -> `2027-02-01T14:00` (the value of a datetime-local field). */
export function toLocalInput(instant: string | undefined): string {
  if (!instant) return '';
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? '' : new Date(ms + KZ_OFFSET_MS).toISOString().slice(0, 16);
}

/** The reverse; an unreadable value is sent as typed, for the service to name the field. */
export function fromLocalInput(value: string): string {
  const ms = Date.parse(`${value}:00.000Z`);
  return Number.isNaN(ms) ? value : new Date(ms - KZ_OFFSET_MS).toISOString();
}

const text = (value: number | undefined) => (value === undefined ? '' : String(value));

export function formOf(round: Round): RoundForm {
  const rules: Partial<Rules> = round.rules ?? {};
  const quotaOf = (region: string) => rules.regionQuotas?.find((quota) => quota.region === region);
  const regions = round.regions ?? rules.regionQuotas?.map((quota) => quota.region) ?? [];
  return {
    year: text(round.year),
    titleKk: round.title?.kk ?? '',
    titleRu: round.title?.ru ?? '',
    titleEn: round.title?.en ?? '',
    hostOpensAt: toLocalInput(round.hostApplicationWindow?.opensAt),
    hostClosesAt: toLocalInput(round.hostApplicationWindow?.closesAt),
    youthOpensAt: toLocalInput(round.youthApplicationWindow?.opensAt),
    youthClosesAt: toLocalInput(round.youthApplicationWindow?.closesAt),
    grantCeilingKzt: text(rules.grantCeilingKzt),
    projectDurationMonths: text(rules.projectDurationMonths),
    ageMin: text(rules.ageRange?.min),
    ageMax: text(rules.ageRange?.max),
    teamMin: text(rules.teamSize?.min),
    teamMax: text(rules.teamSize?.max),
    qualifyingScore: text(rules.qualifyingScore),
    tranchePercentages: (rules.tranchePercentages ?? []).join(', '),
    stipendGraduate: text(rules.stipendMonthlyKzt?.graduate),
    stipendOther: text(rules.stipendMonthlyKzt?.other),
    minYearsRegistered: text(rules.hostEligibility?.minYearsRegistered),
    minYearsYouthExperience: text(rules.hostEligibility?.minYearsYouthExperience),
    blindReview: rules.blindReview ?? false,
    quotas: regions.map((region) => ({
      region,
      seats: text(quotaOf(region)?.hostOrganizationSeats),
      projectQuota: text(quotaOf(region)?.projectQuota),
    })),
  };
}

/** A number as typed; left as text when it is not one (the service then names the field). */
function number(value: string): number {
  const trimmed = value.trim().replace(/\s/g, '');
  return trimmed !== '' && Number.isFinite(Number(trimmed))
    ? Number(trimmed)
    : (trimmed as unknown as number);
}

const filled = (value: string) => value.trim() !== '';

/**
 * What the editor sends: the whole content as far as it is filled in (an edit of a draft, or a new version of a
 * published round, which the service takes only whole). Rules the editor does not show (criteria, education levels)
 * are kept as they are.
 */
export function bodyOf(form: RoundForm, round: Round): RoundDraft {
  const rules: Partial<Rules> = { ...round.rules };
  if (filled(form.grantCeilingKzt)) rules.grantCeilingKzt = number(form.grantCeilingKzt);
  if (filled(form.projectDurationMonths)) rules.projectDurationMonths = number(form.projectDurationMonths);
  if (filled(form.ageMin) || filled(form.ageMax))
    rules.ageRange = { min: number(form.ageMin), max: number(form.ageMax) };
  if (filled(form.teamMin) || filled(form.teamMax))
    rules.teamSize = { min: number(form.teamMin), max: number(form.teamMax) };
  if (filled(form.qualifyingScore)) rules.qualifyingScore = number(form.qualifyingScore);
  if (filled(form.tranchePercentages))
    rules.tranchePercentages = form.tranchePercentages
      .split(/[,;\s]+/)
      .filter(filled)
      .map(number);
  if (filled(form.stipendGraduate) || filled(form.stipendOther))
    rules.stipendMonthlyKzt = { graduate: number(form.stipendGraduate), other: number(form.stipendOther) };
  if (filled(form.minYearsRegistered) || filled(form.minYearsYouthExperience))
    rules.hostEligibility = {
      minYearsRegistered: number(form.minYearsRegistered),
      minYearsYouthExperience: number(form.minYearsYouthExperience),
    };
  rules.blindReview = form.blindReview;
  if (form.quotas.length > 0)
    rules.regionQuotas = form.quotas.map((quota) => ({
      region: quota.region,
      hostOrganizationSeats: number(quota.seats),
      projectQuota: number(quota.projectQuota),
    }));
  const window = (opensAt: string, closesAt: string) =>
    filled(opensAt) || filled(closesAt)
      ? { opensAt: fromLocalInput(opensAt), closesAt: fromLocalInput(closesAt) }
      : undefined;
  const hostApplicationWindow = window(form.hostOpensAt, form.hostClosesAt);
  const youthApplicationWindow = window(form.youthOpensAt, form.youthClosesAt);
  return {
    ...(filled(form.year) ? { year: number(form.year) } : {}),
    ...(filled(form.titleKk) || filled(form.titleRu) || filled(form.titleEn)
      ? { title: { kk: form.titleKk, ru: form.titleRu, en: form.titleEn } }
      : {}),
    ...(round.regions ? { regions: round.regions as NonNullable<RoundDraft['regions']> } : {}),
    ...(hostApplicationWindow ? { hostApplicationWindow } : {}),
    ...(youthApplicationWindow ? { youthApplicationWindow } : {}),
    rules: rules,
  };
}

/**
 * The label key of a field the service names (`body.rules.regionQuotas.1.projectQuota`): indices dropped, dots
 * as underscores (`rules_regionQuotas_projectQuota`), and the index, which says which region a quota is of.
 */
export function fieldKey(field: string): { key: string; index?: number } {
  const path = field.replace(/^(body|query|params)\./, '').split('.');
  const index = path.find((part) => /^\d+$/.test(part));
  const key = path.filter((part) => !/^\d+$/.test(part)).join('_');
  return index === undefined ? { key } : { key, index: Number(index) };
}

/** The id of the editor's input for a field the service names, so that a problem links to it. */
export function inputId(field: string): string {
  return `field-${field.replace(/^(body|query|params)\./, '')}`;
}
