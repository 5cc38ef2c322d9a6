import {
  type AgeBand,
  ageBandOf,
  type Consents,
  type EducationLevel,
  type Settlement,
  type Sex,
  type VulnerabilityCategory,
  participantProfileUpdatedV1,
  participantRegisteredV2,
} from '@zhas/contracts';
import { ageOn, parseIin } from '@zhas/kz';
import { type NewEvent } from '@zhas/messaging';
import { type Principal, requireParticipant } from '@zhas/service-kit';
import { ruleViolation } from '../../shared/problems';
import { utcDateOf } from '../../shared/ids';

/** The attributes indicators are disaggregated by; a participant may change them. */
export type ProfileAttributes = {
  readonly region: string;
  readonly settlement: Settlement;
  readonly educationLevel: EducationLevel;
  readonly neet: boolean;
  readonly vulnerability: readonly VulnerabilityCategory[];
  readonly consents: Consents;
};

export type Registration = ProfileAttributes & {
  readonly iin: string;
  readonly fullName: string;
  readonly phone: string;
};

/**
 * A participant as this service keeps them. The IIN, name and phone are personal data: they never leave the
 * service except to the person and coordinators (GET /participants/{id}).
 */
export type ParticipantState = ProfileAttributes & {
  readonly participantId: string;
  /** The token subject that registered: a retried registration of the same person returns the same id. */
  readonly subject: string;
  readonly iin: string;
  /** HMAC of the IIN, under a unique index: one record per person. */
  readonly iinDigest: string;
  readonly fullName: string;
  readonly phone: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly registeredAt: string;
};

export interface Decision<S> {
  readonly state: S;
  readonly events: NewEvent[];
}

/** The age band at a date; registration is for the programme's ages only (14-34 over all rounds). */
function bandAt(birthDate: string, onDate: string): AgeBand {
  const band = ageBandOf(ageOn(birthDate, onDate));
  if (band === undefined) {
    throw ruleViolation(
      '/problems/age-outside-programme',
      'The programme is for people aged 14 to 34 on the day they register.',
    );
  }
  return band;
}

/** Registers a person: birth date and sex come from the IIN, never from the form. */
export function register(
  registration: Registration,
  ids: { readonly participantId: string; readonly subject: string; readonly iinDigest: string },
  now: Date,
): Decision<ParticipantState> {
  const parsed = parseIin(registration.iin, { today: utcDateOf(now) });
  if (!parsed.ok) {
    // The route's schema checks the IIN already; this keeps the rule true for every caller.
    throw ruleViolation('/problems/invalid-iin', parsed.message, { reason: parsed.reason });
  }
  // The band of the age on the UTC date of registration: the event's schema checks the band against that year.
  const ageBand = bandAt(parsed.birthDate, utcDateOf(now));
  const registeredAt = now.toISOString();
  const state: ParticipantState = {
    participantId: ids.participantId,
    subject: ids.subject,
    iin: parsed.iin,
    iinDigest: ids.iinDigest,
    fullName: registration.fullName,
    phone: registration.phone,
    birthDate: parsed.birthDate,
    sex: parsed.sex,
    region: registration.region,
    settlement: registration.settlement,
    educationLevel: registration.educationLevel,
    neet: registration.neet,
    vulnerability: [...registration.vulnerability],
    consents: { ...registration.consents },
    registeredAt,
  };
  return {
    state,
    events: [
      {
        definition: participantRegisteredV2,
        data: {
          participantId: state.participantId,
          sex: state.sex,
          birthYear: Number(state.birthDate.slice(0, 4)),
          ageBand,
          region: state.region,
          settlement: state.settlement,
          educationLevel: state.educationLevel,
          neet: state.neet,
          vulnerability: [...state.vulnerability],
          consents: { ...state.consents },
          registeredAt,
        },
      },
    ],
  };
}

/** Changes the indicator attributes and consents; the event carries all of them so consumers replace. */
export function updateProfile(
  principal: Principal,
  participant: ParticipantState,
  profile: ProfileAttributes,
  now: Date,
): Decision<ParticipantState> {
  requireParticipant(principal, participant.participantId, participant.region);
  // A coordinator moves a participant only into a region they also cover.
  requireParticipant(principal, participant.participantId, profile.region);
  const state: ParticipantState = {
    ...participant,
    ...profile,
    vulnerability: [...profile.vulnerability],
    consents: { ...profile.consents },
  };
  return {
    state,
    events: [
      {
        definition: participantProfileUpdatedV1,
        data: {
          participantId: state.participantId,
          region: state.region,
          settlement: state.settlement,
          educationLevel: state.educationLevel,
          neet: state.neet,
          vulnerability: [...state.vulnerability],
          consents: { ...state.consents },
          updatedAt: now.toISOString(),
        },
      },
    ],
  };
}

/** What the person and coordinators see: their record, personal data included. */
export function participantView(principal: Principal, participant: ParticipantState) {
  requireParticipant(principal, participant.participantId, participant.region);
  const { subject: _subject, iinDigest: _iinDigest, ...view } = participant;
  return view;
}
