import { randomUUID } from 'node:crypto';
import { idSchema, kztSchema } from '@zhas/contracts';
import { type ChangeContext, ConcurrencyConflict } from '@zhas/messaging';
import {
  hasRole,
  idempotencyKeyHeader,
  paginatedResponse,
  paginationQuery,
  problems,
  queryList,
  regionScope,
  requireRegion,
} from '@zhas/service-kit';
import { type Document, type Filter } from 'mongodb';
import { z } from 'zod';
import { type Tracking } from '../../shared/context';
import { createOnce, load, requireVersion, saveChange } from '../../shared/persistence';
import { listPage } from '../../shared/lists';
import { type ProjectState, requireCoordinatorOf } from '../projects/domain';
import { contextOf, loadProject, readableProject } from '../projects/routes';
import { type ReportState, unlocksLaterTranches } from '../reports/domain';
import {
  disbursedTotal,
  disburseTranche,
  earnStipend,
  makeTranchePayable,
  missingStipendConditions,
  openRecovery,
  payStipend,
  recoveryReasons,
  type RecoveryState,
  type StipendState,
  setStipendRate,
  settleRecovery,
  stipendStatuses,
  type TrancheState,
} from './domain';

const isoDate = z.iso.date();
const instant = z.iso.datetime();

export const trancheView = z.object({
  trancheId: idSchema,
  version: z.int(),
  projectId: idSchema,
  trancheNumber: z.int(),
  amountKzt: z.int(),
  payeeParticipantId: idSchema,
  status: z.enum(['scheduled', 'payable', 'disbursed']),
  basis: z.enum(['agreement-signed', 'mid-term-report-accepted']).optional(),
  payableAt: instant.optional(),
  disbursedOn: isoDate.optional(),
  disbursedAt: instant.optional(),
});

export const stipendView = z.object({
  stipendId: idSchema,
  version: z.int(),
  projectId: idSchema,
  roundId: idSchema,
  region: z.string(),
  participantId: idSchema,
  projectMonth: z.int(),
  status: z.enum(stipendStatuses),
  rateCategory: z.enum(['graduate', 'other']).optional(),
  amountKzt: z.int().optional(),
  payableAt: instant.optional(),
  paidOn: isoDate.optional(),
  paidAt: instant.optional(),
});

export const recoveryView = z.object({
  recoveryId: idSchema,
  version: z.int(),
  projectId: idSchema,
  reason: z.enum(recoveryReasons),
  amountKzt: z.int(),
  status: z.enum(['open', 'settled']),
  openedAt: instant,
  outcome: z.enum(['recovered', 'partially-recovered', 'written-off']).optional(),
  recoveredAmountKzt: z.int().optional(),
  writtenOffAmountKzt: z.int().optional(),
  settledAt: instant.optional(),
});

const withVersion = <S>(aggregate: { state: S; version: number }) => ({
  ...aggregate.state,
  version: aggregate.version,
});

async function projectTranches(tracking: Tracking, projectId: string) {
  const docs = await tracking.tranches.collection.find({ projectId }).sort({ trancheNumber: 1 }).toArray();
  return docs as unknown as (TrancheState & { version: number })[];
}

/**
 * What an accepted report causes: each member who met the month's conditions earns the month's stipend, and the
 * mid-term report makes the later tranches payable. Every step is create-once or a no-op when already done, so
 * accepting again (a retry after a crash) completes what a first attempt left undone.
 */
export async function applyAcceptedReport(
  tracking: Tracking,
  project: ProjectState,
  report: ReportState,
  context: ChangeContext,
): Promise<void> {
  if (report.status !== 'accepted') return;
  const levels = await tracking.reference.educationLevels(
    report.members.map((member) => member.participantId),
  );
  for (const month of report.members) {
    // Listed members were in the project when the report was submitted.
    if (missingStipendConditions(true, month, true).length > 0) continue;
    const earned = earnStipend(
      project,
      report.projectMonth,
      month.participantId,
      levels.get(month.participantId),
      context.now,
    );
    await createOnce(tracking.stipends, earned.state.stipendId, earned.state, earned.events, context);
  }
  if (!unlocksLaterTranches(report, project.durationMonths)) return;
  for (const tranche of await projectTranches(tracking, project.projectId)) {
    if (tranche.trancheNumber === 1) continue;
    const current = await tracking.tranches.get(tranche.trancheId);
    if (!current) continue;
    const decided = makeTranchePayable(current.state, 'mid-term-report-accepted', context.now);
    if (decided.events.length > 0)
      await tracking.tranches.update(current.id, current.version, decided.state, decided.events, context);
  }
}

/** A participant's education level arrived: stipends waiting for it get their amount. */
export async function settleWaitingStipends(
  tracking: Tracking,
  participantId: string,
  correlationId: string,
  causationId: string,
): Promise<void> {
  const waiting = await tracking.stipends.collection
    .find({ participantId, status: 'awaiting-education-level' })
    .toArray();
  if (waiting.length === 0) return;
  const educationLevel = await tracking.reference.educationLevelOf(participantId);
  for (const doc of waiting) {
    const stipend = await tracking.stipends.get(String(doc._id));
    const project = stipend && (await tracking.projects.get(stipend.state.projectId));
    if (!stipend || !project) continue;
    const now = tracking.deps.now();
    const decided = setStipendRate(stipend.state, project.state, educationLevel, now);
    if (decided.state === stipend.state) continue;
    try {
      await tracking.stipends.update(stipend.id, stipend.version, decided.state, decided.events, {
        correlationId,
        causationId,
        now,
      });
    } catch (error) {
      // Someone else settled it meanwhile (a redelivery handled twice): nothing left to do.
      if (!(error instanceof ConcurrencyConflict)) throw error;
    }
  }
}

export function declareMoneyRoutes(tracking: Tracking): void {
  const { api } = tracking.deps;
  const tranche = api.schema('Tranche', trancheView);
  const stipend = api.schema('Stipend', stipendView);
  const recovery = api.schema('Recovery', recoveryView);

  api.route({
    method: 'get',
    path: '/projects/{projectId}/tranches',
    summary: "List a project's tranches",
    tags: ['money'],
    auth: { roles: ['coordinator', 'viewer', 'host_org', 'applicant'] },
    params: z.object({ projectId: idSchema }),
    responses: {
      200: { description: 'The tranches in payment order', schema: z.object({ items: z.array(tranche) }) },
    },
    handler: async ({ params, principal }) => {
      await readableProject(tracking, principal, params.projectId);
      return { status: 200, body: { items: await projectTranches(tracking, params.projectId) } };
    },
  });

  api.route({
    method: 'post',
    path: '/tranches/{trancheId}/disburse',
    summary: 'Record the disbursement of a tranche',
    description:
      'Once per tranche, only when payable, never beyond the grant. A retried call with the same Idempotency-Key ' +
      'gets the first answer; another key gets 409 /problems/tranche-already-disbursed.',
    tags: ['money'],
    auth: { roles: ['coordinator'] },
    params: z.object({ trancheId: idSchema }),
    headers: idempotencyKeyHeader,
    body: z.object({ disbursedOn: isoDate }),
    responses: { 200: { description: 'The disbursed tranche', schema: tranche } },
    handler: ({ params, headers, body, principal, requestId }) =>
      tracking.deps.idempotent(
        {
          scope: `tranche-disburse:${principal.subject}`,
          key: headers['Idempotency-Key'],
          payload: { params, body },
        },
        async () => {
          const now = tracking.deps.now();
          const current = await load(tracking.tranches, 'Tranche', params.trancheId);
          const project = await loadProject(tracking, current.state.projectId);
          requireCoordinatorOf(principal, project.state);
          const all = (await projectTranches(tracking, project.id)).map(({ version: _v, ...state }) => state);
          const { state, events } = disburseTranche(project.state, current.state, all, body.disbursedOn, now);
          const saved = await saveChange(
            tracking.tranches,
            current,
            state,
            events,
            contextOf(requestId, now),
          );
          return { status: 200 as const, body: withVersion(saved) };
        },
      ),
  });

  api.route({
    method: 'get',
    path: '/stipends',
    summary: 'List stipends',
    description: 'For payment runs: e.g. `?status=payable`.',
    tags: ['money'],
    auth: { roles: ['coordinator', 'viewer'] },
    query: paginationQuery.extend({
      projectId: idSchema.optional(),
      roundId: idSchema.optional(),
      region: queryList(z.string().min(1).max(64)).optional(),
      status: queryList(z.enum(stipendStatuses)).optional(),
    }),
    responses: { 200: { description: 'A page of stipends', schema: paginatedResponse(stipend) } },
    handler: async ({ query, principal }) => {
      const regions = regionScope(principal, query.region);
      const filter: Filter<Document> = {
        ...(query.projectId === undefined ? {} : { projectId: query.projectId }),
        ...(query.roundId === undefined ? {} : { roundId: query.roundId }),
        ...(regions === undefined ? {} : { region: { $in: [...regions] } }),
        ...(query.status === undefined ? {} : { status: { $in: query.status } }),
      };
      const found = await listPage(tracking.stipends.collection, filter, query);
      const items = found.items as unknown as (StipendState & { version: number })[];
      return { status: 200, body: { items, nextCursor: found.nextCursor } };
    },
  });

  api.route({
    method: 'post',
    path: '/stipends/{stipendId}/pay',
    summary: 'Record the payment of a stipend',
    description:
      'Once per stipend: a retried call with the same Idempotency-Key gets the first answer; another key gets ' +
      '409 /problems/stipend-already-paid.',
    tags: ['money'],
    auth: { roles: ['coordinator'] },
    params: z.object({ stipendId: idSchema }),
    headers: idempotencyKeyHeader,
    body: z.object({ paidOn: isoDate }),
    responses: { 200: { description: 'The paid stipend', schema: stipend } },
    handler: ({ params, headers, body, principal, requestId }) =>
      tracking.deps.idempotent(
        {
          scope: `stipend-pay:${principal.subject}`,
          key: headers['Idempotency-Key'],
          payload: { params, body },
        },
        async () => {
          const now = tracking.deps.now();
          const current = await load(tracking.stipends, 'Stipend', params.stipendId);
          requireCoordinatorOf(principal, current.state);
          const { state, events } = payStipend(current.state, body.paidOn, now);
          const saved = await saveChange(
            tracking.stipends,
            current,
            state,
            events,
            contextOf(requestId, now),
          );
          return { status: 200 as const, body: withVersion(saved) };
        },
      ),
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/recoveries',
    summary: 'Open a funds recovery',
    description:
      'After misuse or an ineligible expense: at most what was disbursed and is not already claimed.',
    tags: ['money'],
    auth: { roles: ['coordinator'] },
    params: z.object({ projectId: idSchema }),
    headers: idempotencyKeyHeader,
    body: z.object({ reason: z.enum(recoveryReasons), amountKzt: kztSchema.positive() }),
    responses: { 201: { description: 'The recovery', schema: recovery } },
    handler: ({ params, headers, body, principal, requestId }) =>
      tracking.deps.idempotent(
        {
          scope: `recovery-open:${principal.subject}`,
          key: headers['Idempotency-Key'],
          payload: { params, body },
        },
        async () => {
          const now = tracking.deps.now();
          const project = await loadProject(tracking, params.projectId);
          requireCoordinatorOf(principal, project.state);
          const disbursed = disbursedTotal(await projectTranches(tracking, project.id));
          const claimed = (
            (await tracking.recoveries.collection
              .find({ projectId: project.id })
              .toArray()) as unknown as RecoveryState[]
          ).reduce((total, other) => total + other.amountKzt, 0);
          const { state, events } = openRecovery(
            project.state,
            `rcv-${randomUUID()}`,
            body,
            disbursed,
            claimed,
            now,
          );
          const saved = await tracking.recoveries.create(
            state.recoveryId,
            state,
            events,
            contextOf(requestId, now),
          );
          return { status: 201 as const, body: withVersion(saved) };
        },
      ),
  });

  api.route({
    method: 'get',
    path: '/projects/{projectId}/recoveries',
    summary: "List a project's recoveries",
    tags: ['money'],
    auth: { roles: ['coordinator', 'viewer'] },
    params: z.object({ projectId: idSchema }),
    responses: { 200: { description: 'The recoveries', schema: z.object({ items: z.array(recovery) }) } },
    handler: async ({ params, principal }) => {
      const project = await loadProject(tracking, params.projectId);
      requireRegion(principal, project.state.region);
      const items = await tracking.recoveries.collection
        .find({ projectId: project.id })
        .sort({ _id: 1 })
        .toArray();
      return { status: 200, body: { items: items as never } };
    },
  });

  api.route({
    method: 'post',
    path: '/recoveries/{recoveryId}/settle',
    summary: 'Settle a funds recovery',
    description:
      'Recovered and written-off amounts add up to the amount claimed; the outcome follows from them.',
    tags: ['money'],
    auth: { roles: ['coordinator'] },
    params: z.object({ recoveryId: idSchema }),
    body: z.object({
      version: z.int().min(1),
      recoveredAmountKzt: kztSchema,
      writtenOffAmountKzt: kztSchema,
    }),
    responses: { 200: { description: 'The settled recovery', schema: recovery } },
    handler: async ({ params, body, principal, requestId }) => {
      const now = tracking.deps.now();
      const current = await load(tracking.recoveries, 'Recovery', params.recoveryId);
      if (!hasRole(principal, 'coordinator')) throw problems.forbidden('Coordinators settle recoveries.');
      requireRegion(principal, current.state.region);
      requireVersion(current, body.version);
      const { state, events } = settleRecovery(
        current.state,
        { recoveredAmountKzt: body.recoveredAmountKzt, writtenOffAmountKzt: body.writtenOffAmountKzt },
        now,
      );
      const saved = await saveChange(tracking.recoveries, current, state, events, contextOf(requestId, now));
      return { status: 200, body: withVersion(saved) };
    },
  });
}
