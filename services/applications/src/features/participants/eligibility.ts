import { type BidCheckReasonCode, type Consents } from '@zhas/contracts';
import { ageOn, kazakhstanDateOf } from '@zhas/kz';
import { type RoundCopy } from '../rounds/store';

// Whether a person may take part in a round (docs/architecture.md, "The grant cycle", step 3). Pure: the
// caller loads the facts.

/** What eligibility needs to know about a person; nothing that identifies them. */
export interface PersonFacts {
  readonly participantId: string;
  readonly birthDate: string;
  readonly region: string;
  readonly consents: Consents;
}

/** The reasons a person may not be in a team of a round, as the technical check names them. */
export const eligibilityFailureCodes = [
  'member-age-out-of-range',
  'region-not-in-round',
  'member-in-another-team',
  'member-consent-missing',
] as const satisfies readonly BidCheckReasonCode[];

export interface EligibilityFailure {
  readonly code: (typeof eligibilityFailureCodes)[number];
  readonly detail: string;
}

/** The day ages are counted on: the first day of the youth window, as a date in Kazakhstan. */
export function ageReferenceDate(round: Pick<RoundCopy, 'youthApplicationWindow'>): string {
  return kazakhstanDateOf(new Date(round.youthApplicationWindow.opensAt));
}

/**
 * The reasons a person is not eligible for a team in the round, empty when they are: age on the first day of the
 * youth window within the round's range, region among the round's targets, consent to processing for the
 * programme, and no active team of the round other than `teamId` (`activeTeamId` is their current one, if any).
 */
export function eligibilityFailures(
  person: PersonFacts,
  round: Pick<RoundCopy, 'youthApplicationWindow' | 'regions' | 'rules'>,
  membership: { readonly activeTeamId: string | undefined; readonly teamId: string | undefined },
): EligibilityFailure[] {
  const failures: EligibilityFailure[] = [];
  const onDate = ageReferenceDate(round);
  const age = ageOn(person.birthDate, onDate);
  const { min, max } = round.rules.ageRange;
  if (age < min || age > max) {
    failures.push({
      code: 'member-age-out-of-range',
      detail: `Aged ${age} on ${onDate}; the round takes ${min} to ${max}.`,
    });
  }
  if (!round.regions.includes(person.region)) {
    failures.push({
      code: 'region-not-in-round',
      detail: `The round's regions are ${round.regions.join(', ')}.`,
    });
  }
  if (!person.consents['programme-participation']) {
    failures.push({
      code: 'member-consent-missing',
      detail: 'Consent to data processing for programme participation is needed to apply.',
    });
  }
  if (membership.activeTeamId !== undefined && membership.activeTeamId !== membership.teamId) {
    failures.push({
      code: 'member-in-another-team',
      detail: 'A person is in at most one active team per round.',
    });
  }
  return failures;
}
