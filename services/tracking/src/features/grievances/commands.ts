import { type Actor, Refused, notFound, regionScope, unlessRefused } from '@zhas/domain';
import { kazakhstanDateOf } from '@zhas/kz';
import { type Aggregate, handleCommand, handleRequest } from '@zhas/messaging';
import { type PaginationQuery } from '@zhas/service-kit';
import { type GrievanceCategory } from '@zhas/contracts';
import { type Tracking, commandOptions } from '../../shared/context';
import * as domain from './domain';
import { findGrievances } from './store';
import { type GrievanceOutcome, type GrievanceState, type GrievanceStatus, type LodgeInput } from './domain';

type Grievance = Aggregate<GrievanceState>;

function responseDays(tracking: Tracking): domain.ResponseDays {
  const { config } = tracking.deps;
  return { byCategory: config.GRIEVANCE_RESPONSE_DAYS, fallback: config.GRIEVANCE_RESPONSE_DAYS_DEFAULT };
}

/**
 * Anyone lodges a grievance, with or without an account or contact details, and gets the tracking code that opens
 * its status (the grievance's id is derived from it; the code itself is kept nowhere).
 */
export async function lodge(
  tracking: Tracking,
  input: LodgeInput,
  requestId: string,
): Promise<{ trackingCode: string; grievance: Grievance }> {
  const trackingCode = domain.newTrackingCode();
  const grievanceId = domain.grievanceIdOfCode(trackingCode)!;
  const { aggregate } = await handleCommand(
    tracking.grievances,
    grievanceId,
    (_none, now) => domain.lodgeGrievance(grievanceId, input, responseDays(tracking), now),
    { ...commandOptions(tracking, requestId), create: true, expectedVersion: 0 },
  );
  tracking.deps.logger.info(
    { grievanceId, category: aggregate.state.category, region: aggregate.state.region },
    'grievance lodged',
  );
  return { trackingCode, grievance: aggregate };
}

/** The status of the grievance a tracking code opens, for whoever holds the code. */
export async function statusByCode(tracking: Tracking, trackingCode: string) {
  const grievanceId = domain.grievanceIdOfCode(trackingCode);
  const found = grievanceId === undefined ? undefined : await tracking.grievances.get(grievanceId);
  if (!found) throw new Refused(notFound('Grievance'));
  return domain.publicStatusOf(found.state, tracking.deps.now());
}

export async function readGrievance(
  tracking: Tracking,
  actor: Actor,
  grievanceId: string,
): Promise<Grievance> {
  const found = await tracking.grievances.get(grievanceId);
  if (!found) throw new Refused(notFound('Grievance', grievanceId));
  unlessRefused(domain.refuseHandler(actor, found.state));
  return found;
}

/**
 * A coordinator's decision on the grievance at the version they edited: the commands below differ only in what
 * they decide.
 */
function coordinatorDecision<Input extends { readonly version: number }>(
  action: string,
  decide: (grievance: GrievanceState, input: Input, now: Date) => domain.GrievanceDecision,
) {
  return async (
    tracking: Tracking,
    actor: Actor,
    grievanceId: string,
    input: Input,
    requestId: string,
  ): Promise<Grievance> => {
    await readGrievance(tracking, actor, grievanceId);
    return handleRequest(
      tracking.deps,
      tracking.grievances,
      grievanceId,
      { actor, action, requestId, expectedVersion: input.version },
      (grievance, now) => domain.refuseHandler(actor, grievance) ?? decide(grievance, input, now),
    );
  };
}

export const assign = coordinatorDecision(
  'grievance.assigned',
  (grievance, input: { version: number; assigneeId: string }, now) =>
    domain.assignGrievance(grievance, input.assigneeId, now),
);

export const answer = coordinatorDecision(
  'grievance.answered',
  (grievance, input: { version: number; answer: string }, now) =>
    domain.answerGrievance(grievance, input.answer, now),
);

export const resolve = coordinatorDecision(
  'grievance.resolved',
  (grievance, input: { version: number; outcome: GrievanceOutcome }, now) =>
    domain.resolveGrievance(grievance, input.outcome, now),
);

/** Coordinators list the grievances of their regions, overdue ones or not. */
export async function listGrievances(
  tracking: Tracking,
  actor: Actor,
  query: PaginationQuery & {
    status?: readonly GrievanceStatus[];
    region?: readonly string[];
    category?: readonly GrievanceCategory[];
    roundId?: string;
    overdue?: boolean;
  },
) {
  const today = kazakhstanDateOf(tracking.deps.now());
  return findGrievances(tracking, { ...query, region: regionScope(actor, query.region) }, today, query);
}
