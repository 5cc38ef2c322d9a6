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
import { type Actor, type Decision, type Refusal, change, forbidden, noChange, refuse } from '@zhas/domain';
import { ageOn, type Language, parseIin } from '@zhas/kz';
import { type ApplicationsError } from '../../shared/errors';
import { utcDateOf } from '../../shared/ids';
import { canChangeProfile, canExportOrErase, canRegister, canSeeParticipant } from './policy';

/** The attributes indicators are disaggregated by; a participant may change them. */
export type ProfileAttributes = {
  readonly region: string;
  readonly settlement: Settlement;
  readonly educationLevel: EducationLevel;
  readonly neet: boolean;
  readonly vulnerability: readonly VulnerabilityCategory[];
  readonly consents: Consents;
};

/** A copy of the profile attributes alone, as the record keeps them and the events carry them. */
function profileOf(profile: ProfileAttributes): ProfileAttributes {
  return {
    region: profile.region,
    settlement: profile.settlement,
    educationLevel: profile.educationLevel,
    neet: profile.neet,
    vulnerability: [...profile.vulnerability],
    consents: { ...profile.consents },
  };
}

export type Registration = ProfileAttributes & {
  readonly iin: string;
  readonly fullName: string;
  readonly phone: string;
  /** Optional: messages go by SMS to the phone, and by e-mail when there is an address. */
  readonly email?: string | undefined;
  /** The language the person wants to be written to in (their messages, until they choose another). */
  readonly contactLanguage?: Language | undefined;
};

/**
 * A participant as this service keeps them. The IIN, name, phone and e-mail are personal data: they never leave
 * the service except to the person and coordinators (GET /participants/{id}), and to the person's own messages;
 * they are stored sealed (store.ts). After an erasure they are empty and `erasedAt` says when: the record stays
 * (teams, bids and the anonymous statistics refer to its id) but says nothing about who the person was.
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
  readonly email?: string;
  readonly contactLanguage?: Language;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly registeredAt: string;
  readonly erasedAt?: string;
};

/** The fields that are sealed at rest and emptied by an erasure (the e-mail, when given, with them). */
export const PERSONAL_FIELDS = ['iin', 'fullName', 'phone'] as const;

type ParticipantDecision = Decision<ParticipantState, ApplicationsError>;

/**
 * Registers a person: birth date and sex come from the IIN, never from the form. An account registers once; one
 * IIN is one person (the store's unique index on its digest says so, see commands.ts).
 */
export function register(
  actor: Actor,
  registration: Registration,
  ids: { readonly participantId: string; readonly iinDigest: string },
  now: Date,
): ParticipantDecision {
  if (!canRegister(actor)) return forbidden('This action needs one of the roles: applicant.');
  if (actor.participantId !== undefined) {
    return refuse('already-registered', 'This account is registered already.', {
      participantId: actor.participantId,
    });
  }
  const parsed = parseIin(registration.iin, { today: utcDateOf(now) });
  if (!parsed.ok) {
    // The route's schema checks the IIN already; this keeps the rule true for every caller.
    return refuse('invalid-iin', parsed.message, { reason: parsed.reason });
  }
  // The band of the age on the UTC date of registration: the event's schema checks the band against that year.
  const ageBand: AgeBand | undefined = ageBandOf(ageOn(parsed.birthDate, utcDateOf(now)));
  if (ageBand === undefined) {
    return refuse(
      'age-outside-programme',
      'The programme is for people aged 14 to 34 on the day they register.',
    );
  }
  const registeredAt = now.toISOString();
  const state: ParticipantState = {
    participantId: ids.participantId,
    subject: actor.subject,
    iin: parsed.iin,
    iinDigest: ids.iinDigest,
    fullName: registration.fullName,
    phone: registration.phone,
    ...(registration.email === undefined ? {} : { email: registration.email }),
    ...(registration.contactLanguage === undefined ? {} : { contactLanguage: registration.contactLanguage }),
    birthDate: parsed.birthDate,
    sex: parsed.sex,
    ...profileOf(registration),
    registeredAt,
  };
  return change(state, [
    {
      definition: participantRegisteredV2,
      data: {
        participantId: state.participantId,
        sex: state.sex,
        birthYear: Number(state.birthDate.slice(0, 4)),
        ageBand,
        ...profileOf(state),
        registeredAt,
      },
    },
  ]);
}

/** Changes the indicator attributes and consents; the event carries all of them so consumers replace. */
export function updateProfile(
  actor: Actor,
  participant: ParticipantState,
  profile: ProfileAttributes,
  now: Date,
): ParticipantDecision {
  if (!canChangeProfile(actor, participant, profile.region)) return forbidden(OWN_RECORD_ONLY);
  const state: ParticipantState = { ...participant, ...profileOf(profile) };
  return change(state, [
    {
      definition: participantProfileUpdatedV1,
      data: {
        participantId: state.participantId,
        ...profileOf(state),
        updatedAt: now.toISOString(),
      },
    },
  ]);
}

/**
 * Erases the person's personal data at their request (or an admin's): the IIN, name and phone are emptied and the
 * IIN's digest released, so nothing held identifies them; their events never carried personal data and stay valid.
 */
export function erasePersonalData(
  actor: Actor,
  participant: ParticipantState,
  now: Date,
): ParticipantDecision {
  if (!canExportOrErase(actor, participant)) return forbidden(OWN_RECORD_ONLY);
  if (participant.erasedAt !== undefined) return noChange;
  const { email: _email, ...kept } = participant;
  return change({
    ...kept,
    iin: '',
    fullName: '',
    phone: '',
    iinDigest: `erased:${participant.participantId}`,
    erasedAt: now.toISOString(),
  });
}

const OWN_RECORD_ONLY = 'You may act only for your own participant record.';

/** Whether the actor may read the record, personal data included (undefined: yes). */
export function refuseRead(
  actor: Actor,
  participant: ParticipantState,
): Refusal<ApplicationsError> | undefined {
  return canSeeParticipant(actor, participant) ? undefined : forbidden(OWN_RECORD_ONLY);
}

/** What the person and coordinators see: the record without the store's own fields. */
export function participantView(participant: ParticipantState) {
  const { subject: _subject, iinDigest: _iinDigest, ...view } = participant;
  return view;
}

/** Whether the actor may have the person's export (undefined: yes). */
export function refuseExport(
  actor: Actor,
  participant: ParticipantState,
): Refusal<ApplicationsError> | undefined {
  return canExportOrErase(actor, participant) ? undefined : forbidden(OWN_RECORD_ONLY);
}
