import {
  type GrievanceCategory,
  type GrievanceChannel,
  grievanceAssignedV1,
  grievanceLodgedV1,
  grievanceResolvedV1,
} from '@zhas/contracts';
import { kazakhstanDateOf } from '@zhas/kz';
import { problems } from '@zhas/service-kit';
import { addDays } from '../../shared/dates';
import { type Decision } from '../projects/domain';

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
): Decision<GrievanceState> {
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
  return {
    state,
    events: [
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
    ],
  };
}

function requireOpen(grievance: GrievanceState): void {
  if (grievance.status === 'resolved')
    throw problems.conflict('/problems/grievance-resolved', 'This grievance is already resolved.');
}

export function assignGrievance(
  grievance: GrievanceState,
  assigneeId: string,
  now: Date,
): Decision<GrievanceState> {
  requireOpen(grievance);
  const assignedAt = now.toISOString();
  return {
    state: {
      ...grievance,
      assigneeId,
      assignedAt,
      status: grievance.status === 'answered' ? 'answered' : 'assigned',
    },
    events: [
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
  };
}

/** The answer to the person who lodged it: free text, so it stays here (no event). */
export function answerGrievance(
  grievance: GrievanceState,
  answer: string,
  now: Date,
): Decision<GrievanceState> {
  requireOpen(grievance);
  if (grievance.assigneeId === undefined)
    throw problems.conflict('/problems/grievance-unassigned', 'Assign the grievance before answering it.');
  return { state: { ...grievance, answer, answeredAt: now.toISOString(), status: 'answered' }, events: [] };
}

export function resolveGrievance(
  grievance: GrievanceState,
  outcome: GrievanceOutcome,
  now: Date,
): Decision<GrievanceState> {
  requireOpen(grievance);
  if (grievance.answer === undefined && outcome !== 'withdrawn' && outcome !== 'referred')
    throw problems.conflict('/problems/grievance-unanswered', 'Answer the grievance before resolving it.');
  const resolvedAt = now.toISOString();
  return {
    state: { ...grievance, status: 'resolved', outcome, resolvedAt },
    events: [
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
    ],
  };
}
