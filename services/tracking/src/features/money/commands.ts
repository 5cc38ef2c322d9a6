import { randomUUID } from 'node:crypto';
import { type Actor, Refused, forbidden, notFound, regionScope, unlessRefused } from '@zhas/domain';
import { type Aggregate, auditOf, handleCommand, handleRequest } from '@zhas/messaging';
import { type PaginationQuery } from '@zhas/service-kit';
import { type Tracking, commandOptions } from '../../shared/context';
import { projectReports, projectStipends, projectTranches } from '../projects/store';
import { loadProject, readProject } from '../projects/commands';
import { refuseManager, refuseOutsideRegion } from '../projects/domain';
import * as domain from './domain';
import { findStipends, recoveriesOf } from './store';
import {
  type RecoveryReason,
  type RecoveryState,
  type StipendState,
  type StipendStatus,
  type TrancheState,
} from './domain';

// Money commands state no version: each is refused the second time (a tranche disbursed, a stipend paid), so a
// command that lost a race is simply decided again.

export async function tranches(tracking: Tracking, actor: Actor, projectId: string) {
  const project = await readProject(tracking, actor, projectId);
  return projectTranches(tracking, project.state);
}

/** Once per tranche, only when payable, never beyond the grant. */
export async function disburse(
  tracking: Tracking,
  actor: Actor,
  trancheId: string,
  { disbursedOn }: { disbursedOn: string },
  requestId: string,
): Promise<Aggregate<TrancheState>> {
  const current = await tracking.tranches.get(trancheId);
  if (!current) throw new Refused(notFound('Tranche', trancheId));
  const project = await loadProject(tracking, current.state.projectId);
  unlessRefused(refuseManager(actor, project.state));
  return handleRequest(
    tracking.deps,
    tracking.tranches,
    trancheId,
    { actor, action: 'tranche.disbursed', requestId },
    async (tranche, now) => {
      const all = (await projectTranches(tracking, project.state)).map(({ version: _v, ...state }) => state);
      return domain.disburseTranche(project.state, tranche, all, disbursedOn, now);
    },
  );
}

/** For payment runs, e.g. the payable stipends of some regions. */
export async function listStipends(
  tracking: Tracking,
  actor: Actor,
  query: PaginationQuery & {
    projectId?: string;
    roundId?: string;
    region?: readonly string[];
    status?: readonly StipendStatus[];
  },
) {
  return findStipends(tracking, { ...query, region: regionScope(actor, query.region) }, query);
}

/** A project's stipends by month and member, read by their derived ids. */
export async function stipendsOf(
  tracking: Tracking,
  actor: Actor,
  projectId: string,
  status: readonly StipendStatus[] | undefined,
) {
  const project = await readProject(tracking, actor, projectId);
  return (await projectStipends(tracking, project.state)).filter(
    (stipend) => status === undefined || status.includes(stipend.status),
  );
}

/**
 * The calling member's own stipends, month by month, with why a month was withheld. Only their own: a teammate's
 * rate says which education category the teammate is in.
 */
export async function myStipends(tracking: Tracking, actor: Actor, projectId: string) {
  const project = await readProject(tracking, actor, projectId);
  const participantId = actor.participantId;
  if (participantId === undefined || !project.state.memberParticipantIds.includes(participantId))
    throw new Refused(forbidden('Only the members of the project see their stipends here.'));
  const [reports, stipends] = await Promise.all([
    projectReports(tracking, project.state),
    projectStipends(tracking, project.state),
  ]);
  return domain.memberStipendMonths(participantId, reports, stipends);
}

/** Once per stipend: a second payment is refused. */
export async function pay(
  tracking: Tracking,
  actor: Actor,
  stipendId: string,
  { paidOn }: { paidOn: string },
  requestId: string,
): Promise<Aggregate<StipendState>> {
  const current = await tracking.stipends.get(stipendId);
  if (!current) throw new Refused(notFound('Stipend', stipendId));
  unlessRefused(refuseManager(actor, current.state));
  return handleRequest(
    tracking.deps,
    tracking.stipends,
    stipendId,
    { actor, action: 'stipend.paid', requestId },
    (stipend, now) => domain.payStipend(stipend, paidOn, now),
  );
}

/** After misuse or an ineligible expense: at most what was disbursed and is not already claimed. */
export async function openRecovery(
  tracking: Tracking,
  actor: Actor,
  projectId: string,
  input: { reason: RecoveryReason; amountKzt: number },
  requestId: string,
): Promise<Aggregate<RecoveryState>> {
  const project = await loadProject(tracking, projectId);
  unlessRefused(refuseManager(actor, project.state));
  const disbursed = domain.disbursedTotal(await projectTranches(tracking, project.state));
  const claimed = (await recoveriesOf(tracking, project.id)).reduce(
    (total, other) => total + other.state.amountKzt,
    0,
  );
  const recoveryId = `rcv-${randomUUID()}`;
  const { aggregate } = await handleCommand(
    tracking.recoveries,
    recoveryId,
    (_none, now) => domain.openRecovery(project.state, recoveryId, input, disbursed, claimed, now),
    {
      ...commandOptions(tracking, requestId, { audit: auditOf(actor, 'recovery.opened') }),
      create: true,
      expectedVersion: 0,
    },
  );
  return aggregate;
}

export async function recoveries(tracking: Tracking, actor: Actor, projectId: string) {
  const project = await loadProject(tracking, projectId);
  unlessRefused(refuseOutsideRegion(actor, project.state));
  return recoveriesOf(tracking, project.id);
}

/** Recovered and written-off amounts add up to the amount claimed; settled at the version the coordinator saw. */
export async function settleRecovery(
  tracking: Tracking,
  actor: Actor,
  recoveryId: string,
  input: { version: number; recoveredAmountKzt: number; writtenOffAmountKzt: number },
  requestId: string,
): Promise<Aggregate<RecoveryState>> {
  const { version, ...amounts } = input;
  return handleRequest(
    tracking.deps,
    tracking.recoveries,
    recoveryId,
    { actor, action: 'recovery.settled', requestId, expectedVersion: version },
    (recovery, now) => refuseManager(actor, recovery) ?? domain.settleRecovery(recovery, amounts, now),
  );
}
