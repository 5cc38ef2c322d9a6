import {
  type GrievanceCategory,
  type GrievanceChannel,
  grievanceAssignedV1,
  grievanceLodgedV1,
  grievanceResolvedV1,
} from '@zhas/contracts';
import { createHash, randomInt } from 'node:crypto';
import { kazakhstanDateOf } from '@zhas/kz';
import { type Actor, type Decision, type Refusal, change, forbidden, refuse } from '@zhas/domain';
import { addDays } from '../../shared/dates';
import { type TrackingError } from '../../shared/errors';
import { canHandleGrievance } from './policy';

export type GrievanceDecision = Decision<GrievanceState, TrackingError>;

// The feedback and resolution mechanism (docs/architecture.md, "The grant cycle", step 8). Anyone may lodge a
// grievance; contact details are personal data: they stay in this document, shown to coordinators only, never
// in events or logs.

export const grievanceOutcomes = [
  'upheld',
  'partially-upheld',
  'not-upheld',
  'withdrawn',
  'referred',
] as const;
export type GrievanceOutcome = (typeof grievanceOutcomes)[number];
export const grievanceStatuses = ['lodged', 'assigned', 'answered', 'resolved'] as const;
export type GrievanceStatus = (typeof grievanceStatuses)[number];

export type GrievanceContact = { name?: string; phone?: string; email?: string };

export type GrievanceState = {
  grievanceId: string;
  category: GrievanceCategory;
  channel: GrievanceChannel;
  region: string;
  roundId?: string;
  projectId?: string;
  description: string;
  contact?: GrievanceContact;
  status: GrievanceStatus;
  lodgedAt: string;
  responseDueOn: string;
  assigneeId?: string;
  assignedAt?: string;
  answer?: string;
  answeredAt?: string;
  outcome?: GrievanceOutcome;
  resolvedAt?: string;
};

// ----- Tracking codes -----
// The person who lodged a grievance follows it with a tracking code, without an account. The grievance's id is a
// digest of the code, so the code is stored nowhere: staff and events see the id, and no one can go back from the
// id to the code that opens the status page.

/** Crockford's base32: no I, L, O or U, so a code read over the phone is not mistyped. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 12;

/** A new tracking code, e.g. `7KQ2-M9XD-4TRB` (60 random bits). */
export function newTrackingCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return [0, 4, 8].map((start) => chars.slice(start, start + 4).join('')).join('-');
}

/**
 * The code as typed, in its canonical form (upper case, no separators, the letters people confuse with digits
 * read as those digits), or undefined when it cannot be a code.
 */
export function normalizeTrackingCode(typed: string): string | undefined {
  const canonical = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (canonical.length !== CODE_LENGTH) return undefined;
  return [...canonical].every((char) => CODE_ALPHABET.includes(char)) ? canonical : undefined;
}

/** The id of the grievance a tracking code opens (undefined: not a code). */
export function grievanceIdOfCode(typed: string): string | undefined {
  const canonical = normalizeTrackingCode(typed);
  if (canonical === undefined) return undefined;
  return `grv-${createHash('sha256').update(`grievance-code:${canonical}`).digest('hex').slice(0, 40)}`;
}

/** What the status page shows to whoever holds the code: no description, no contact, no staff names. */
export function publicStatusOf(grievance: GrievanceState, now: Date) {
  return {
    category: grievance.category,
    status: grievance.status,
    lodgedAt: grievance.lodgedAt,
    responseDueOn: grievance.responseDueOn,
    overdue: isOverdue(grievance, now),
    ...(grievance.answer === undefined ? {} : { answer: grievance.answer, answeredAt: grievance.answeredAt }),
    ...(grievance.outcome === undefined
      ? {}
      : { outcome: grievance.outcome, resolvedAt: grievance.resolvedAt }),
  };
}

export interface ResponseDays {
  readonly byCategory: Partial<Record<GrievanceCategory, number>>;
  readonly fallback: number;
}

/** The date by which an answer is owed: the lodging date in Kazakhstan plus the category's days. */
export function responseDueOn(category: GrievanceCategory, lodgedAt: Date, days: ResponseDays): string {
  return addDays(kazakhstanDateOf(lodgedAt), days.byCategory[category] ?? days.fallback);
}

/** Overdue: not resolved, and the due date has passed in Kazakhstan. */
export function isOverdue(grievance: Pick<GrievanceState, 'status' | 'responseDueOn'>, now: Date): boolean {
  return grievance.status !== 'resolved' && kazakhstanDateOf(now) > grievance.responseDueOn;
}

export interface LodgeInput {
  readonly category: GrievanceCategory;
  readonly channel: GrievanceChannel;
  readonly region: string;
  readonly roundId?: string;
  readonly projectId?: string;
  readonly description: string;
  readonly contact?: GrievanceContact;
}

const hasContact = (contact: GrievanceContact | undefined): contact is GrievanceContact =>
  contact !== undefined && Boolean(contact.name || contact.phone || contact.email);

export function lodgeGrievance(
  grievanceId: string,
  input: LodgeInput,
  days: ResponseDays,
  now: Date,
): GrievanceDecision {
  const lodgedAt = now.toISOString();
  const due = responseDueOn(input.category, now, days);
  const { contact, ...rest } = input;
  const state: GrievanceState = {
    grievanceId,
    ...rest,
    ...(hasContact(contact) ? { contact } : {}),
    status: 'lodged',
    lodgedAt,
    responseDueOn: due,
  };
  return change(state, [
    {
      definition: grievanceLodgedV1,
      data: {
        grievanceId,
        category: input.category,
        channel: input.channel,
        region: input.region,
        ...(input.roundId === undefined ? {} : { roundId: input.roundId }),
        ...(input.projectId === undefined ? {} : { projectId: input.projectId }),
        anonymous: !hasContact(contact),
        lodgedAt,
        responseDueOn: due,
      },
    },
  ]);
}

function refuseIfResolved(grievance: GrievanceState): Refusal<TrackingError> | undefined {
  if (grievance.status !== 'resolved') return undefined;
  return refuse('grievance-resolved', 'This grievance is already resolved.');
}

export function assignGrievance(grievance: GrievanceState, assigneeId: string, now: Date): GrievanceDecision {
  const resolved = refuseIfResolved(grievance);
  if (resolved) return resolved;
  const assignedAt = now.toISOString();
  return change(
    {
      ...grievance,
      assigneeId,
      assignedAt,
      status: grievance.status === 'answered' ? 'answered' : 'assigned',
    },
    [
      {
        definition: grievanceAssignedV1,
        data: {
          grievanceId: grievance.grievanceId,
          category: grievance.category,
          region: grievance.region,
          assigneeId,
          responseDueOn: grievance.responseDueOn,
          assignedAt,
        },
      },
    ],
  );
}

/** The answer to the person who lodged it: free text, so it stays here (no event). */
export function answerGrievance(grievance: GrievanceState, answer: string, now: Date): GrievanceDecision {
  const resolved = refuseIfResolved(grievance);
  if (resolved) return resolved;
  if (grievance.assigneeId === undefined)
    return refuse('grievance-unassigned', 'Assign the grievance before answering it.');
  return change({ ...grievance, answer, answeredAt: now.toISOString(), status: 'answered' });
}

export function resolveGrievance(
  grievance: GrievanceState,
  outcome: GrievanceOutcome,
  now: Date,
): GrievanceDecision {
  const resolved = refuseIfResolved(grievance);
  if (resolved) return resolved;
  if (grievance.answer === undefined && outcome !== 'withdrawn' && outcome !== 'referred')
    return refuse('grievance-unanswered', 'Answer the grievance before resolving it.');
  const resolvedAt = now.toISOString();
  return change({ ...grievance, status: 'resolved', outcome, resolvedAt }, [
    {
      definition: grievanceResolvedV1,
      data: {
        grievanceId: grievance.grievanceId,
        category: grievance.category,
        region: grievance.region,
        ...(grievance.roundId === undefined ? {} : { roundId: grievance.roundId }),
        outcome,
        lodgedAt: grievance.lodgedAt,
        resolvedAt,
        responseDueOn: grievance.responseDueOn,
        withinDeadline: kazakhstanDateOf(now) <= grievance.responseDueOn,
      },
    },
  ]);
}

/** Whether the actor may read and handle the grievance (undefined: yes). */
export function refuseHandler(actor: Actor, grievance: GrievanceState): Refusal<TrackingError> | undefined {
  if (canHandleGrievance(actor, grievance)) return undefined;
  return forbidden(`Your access does not cover region ${grievance.region}.`);
}
