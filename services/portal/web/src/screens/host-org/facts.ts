import type { paths } from '../../api/generated/competitions';
import { type Facts } from './queries';

/** A region id as the service takes it (the form holds one of the round's regions). */
export type RegionId =
  paths['/rounds/{roundId}/host-applications']['post']['requestBody']['content']['application/json']['region'];

/** The kinds of document an organization lists (the service's list). */
export const DOCUMENT_KINDS = [
  'state-registration',
  'charter',
  'tax-clearance',
  'bank-reference',
  'youth-experience',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The application form as it is being filled in: numbers may still be empty. */
export interface FactsForm {
  readonly region: string;
  readonly youthExperienceYears: number | '';
  readonly capacityTeams: number | '';
  readonly hasTaxDebt: boolean;
  readonly hasBankAccount: boolean;
  readonly onUnreliableSupplierList: boolean;
  readonly operatesInRegion: boolean;
  readonly documents: readonly { readonly kind: DocumentKind; readonly reference: string }[];
}

export function formOf(region: string, facts: Facts | undefined): FactsForm {
  return {
    region,
    youthExperienceYears: facts?.youthExperienceYears ?? '',
    capacityTeams: facts?.capacityTeams ?? '',
    hasTaxDebt: facts?.hasTaxDebt ?? false,
    hasBankAccount: facts?.hasBankAccount ?? false,
    onUnreliableSupplierList: facts?.onUnreliableSupplierList ?? false,
    operatesInRegion: facts?.operatesInRegion ?? false,
    documents: (facts?.documents ?? []).map((document) => ({ ...document })),
  };
}

/**
 * The facts as the service takes them: what is filled in (an empty number is left out, so a draft may be saved
 * half done; the service names what is missing at submission), documents without a reference left out.
 */
export function factsOf(form: FactsForm): Facts {
  return {
    ...(form.youthExperienceYears === '' ? {} : { youthExperienceYears: form.youthExperienceYears }),
    ...(form.capacityTeams === '' ? {} : { capacityTeams: form.capacityTeams }),
    hasTaxDebt: form.hasTaxDebt,
    hasBankAccount: form.hasBankAccount,
    onUnreliableSupplierList: form.onUnreliableSupplierList,
    operatesInRegion: form.operatesInRegion,
    documents: form.documents
      .filter((document) => document.reference.trim() !== '')
      .map((document) => ({ kind: document.kind, reference: document.reference.trim() })),
  };
}

/** Whether the form holds what is stored: nothing the service would take differently. */
export function unchanged(form: FactsForm, region: string, facts: Facts | undefined): boolean {
  return (
    form.region === region && JSON.stringify(factsOf(form)) === JSON.stringify(factsOf(formOf(region, facts)))
  );
}
