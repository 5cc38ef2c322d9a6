import { randomUUID } from 'node:crypto';
import { idSchema, kztSchema } from '@zhas/contracts';
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
import { load, requireVersion, saveChange } from '../../shared/persistence';
import { listPage } from '../../shared/lists';
import { requireCoordinatorOf } from '../projects/domain';
import { projectStipends, projectTranches } from '../projects/documents';
import { contextOf, loadProject, readableProject } from '../projects/routes';
import {
  disbursedTotal,
  disburseTranche,
  openRecovery,
  payStipend,
  recoveryReasons,
  type RecoveryState,
  type StipendState,
  settleRecovery,
  stipendStatuses,
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
      const project = await readableProject(tracking, principal, params.projectId);
      return { status: 200, body: { items: await projectTranches(tracking, project.state) } };
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
          const all = (await projectTranches(tracking, project.state)).map(
            ({ version: _v, ...state }) => state,
          );
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
    method: 'get',
    path: '/projects/{projectId}/stipends',
    summary: "List a project's stipends",
    description:
      'Every stipend earned in the project, by month and member; `?status=payable` for a payment run project by ' +
      'project (read by id: cheaper than filtering the whole list on the embedded database).',
    tags: ['money'],
    // Not the members themselves: a teammate's rate says which education category they are in.
    auth: { roles: ['coordinator', 'viewer', 'host_org'] },
    params: z.object({ projectId: idSchema }),
    query: z.object({ status: queryList(z.enum(stipendStatuses)).optional() }),
    responses: {
      200: { description: 'The stipends by month and member', schema: z.object({ items: z.array(stipend) }) },
    },
    handler: async ({ params, query, principal }) => {
      const project = await readableProject(tracking, principal, params.projectId);
      const items = (await projectStipends(tracking, project.state)).filter(
        (item) => query.status === undefined || query.status.includes(item.status),
      );
      return { status: 200, body: { items } };
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
          const disbursed = disbursedTotal(await projectTranches(tracking, project.state));
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
