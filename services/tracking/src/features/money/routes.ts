import { idSchema, kztSchema } from '@zhas/contracts';
import {
  type Api,
  changeHandler,
  created,
  idempotencyKeyHeader,
  itemsOf,
  listFilters,
  ok,
  once,
  pageHandler,
  paginatedResponse,
  paginationQuery,
  queryList,
  readHandler,
  versioned as view,
} from '@zhas/service-kit';
import { z } from 'zod';
import { type Tracking } from '../../shared/context';
import * as commands from './commands';
import { recoveryReasons, stipendStatuses } from './domain';
import { isoDate, memberStipendMonthView, recoveryView, stipendView, trancheView } from './views';

const projectParams = z.object({ projectId: idSchema });
const COORDINATOR = { roles: ['coordinator'] } as const;
const tags = ['money'];

export function declareRoutes(api: Api, tracking: Tracking): void {
  const tranche = api.schema('Tranche', trancheView);
  const stipend = api.schema('Stipend', stipendView);
  const recovery = api.schema('Recovery', recoveryView);

  api.route({
    method: 'get',
    path: '/projects/{projectId}/tranches',
    summary: "List a project's tranches",
    tags,
    auth: { roles: ['coordinator', 'viewer', 'host_org', 'applicant'] },
    params: projectParams,
    responses: {
      200: { description: 'The tranches in payment order', schema: z.object({ items: z.array(tranche) }) },
    },
    handler: readHandler(tracking, 'projectId', commands.tranches, itemsOf),
  });

  api.route({
    method: 'post',
    path: '/tranches/{trancheId}/disburse',
    summary: 'Record the disbursement of a tranche',
    description:
      'Once per tranche, only when payable, never beyond the grant. A retried call with the same Idempotency-Key ' +
      'gets the first answer; another key gets 409 /problems/tranche-already-disbursed.',
    tags,
    auth: COORDINATOR,
    params: z.object({ trancheId: idSchema }),
    headers: idempotencyKeyHeader,
    body: z.object({ disbursedOn: isoDate }),
    responses: { 200: { description: 'The disbursed tranche', schema: tranche } },
    handler: (request) =>
      once(
        tracking.deps,
        'tranche-disburse',
        request,
        changeHandler(tracking, 'trancheId', commands.disburse, ok),
      ),
  });

  api.route({
    method: 'get',
    path: '/stipends',
    summary: 'List stipends',
    description: 'For payment runs: e.g. `?status=payable`.',
    tags,
    auth: { roles: ['coordinator', 'viewer'] },
    query: paginationQuery.extend({
      projectId: idSchema.optional(),
      ...listFilters.round,
      ...listFilters.region,
      ...listFilters.status(stipendStatuses),
    }),
    responses: { 200: { description: 'A page of stipends', schema: paginatedResponse(stipend) } },
    handler: pageHandler(tracking, commands.listStipends, view),
  });

  api.route({
    method: 'get',
    path: '/projects/{projectId}/stipends',
    summary: "List a project's stipends",
    description:
      'Every stipend earned in the project, by month and member; `?status=payable` for a payment run project by ' +
      'project (read by id: cheaper than filtering the whole list on the embedded database).',
    tags,
    // Not the members themselves: a teammate's rate says which education category they are in.
    auth: { roles: ['coordinator', 'viewer', 'host_org'] },
    params: projectParams,
    query: z.object({ status: queryList(z.enum(stipendStatuses)).optional() }),
    responses: {
      200: { description: 'The stipends by month and member', schema: z.object({ items: z.array(stipend) }) },
    },
    handler: async ({ params, query, principal }) =>
      itemsOf(await commands.stipendsOf(tracking, principal, params.projectId, query.status)),
  });

  api.route({
    method: 'get',
    path: '/projects/{projectId}/my-stipends',
    summary: "The calling member's stipends in a project",
    description:
      'One row per reported month: earned, paid, or why not (`withheld` with the conditions the accepted report ' +
      "shows as missed; `pending` until the month's report is accepted). Only the member's own.",
    tags,
    auth: { roles: ['applicant'] },
    params: projectParams,
    responses: {
      200: {
        description: "The member's months",
        schema: z.object({ items: z.array(api.schema('MemberStipendMonth', memberStipendMonthView)) }),
      },
    },
    handler: readHandler(tracking, 'projectId', commands.myStipends, itemsOf),
  });

  api.route({
    method: 'post',
    path: '/stipends/{stipendId}/pay',
    summary: 'Record the payment of a stipend',
    description:
      'Once per stipend: a retried call with the same Idempotency-Key gets the first answer; another key gets ' +
      '409 /problems/stipend-already-paid.',
    tags,
    auth: COORDINATOR,
    params: z.object({ stipendId: idSchema }),
    headers: idempotencyKeyHeader,
    body: z.object({ paidOn: isoDate }),
    responses: { 200: { description: 'The paid stipend', schema: stipend } },
    handler: (request) =>
      once(tracking.deps, 'stipend-pay', request, changeHandler(tracking, 'stipendId', commands.pay, ok)),
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/recoveries',
    summary: 'Open a funds recovery',
    description:
      'After misuse or an ineligible expense: at most what was disbursed and is not already claimed.',
    tags,
    auth: COORDINATOR,
    params: projectParams,
    headers: idempotencyKeyHeader,
    body: z.object({ reason: z.enum(recoveryReasons), amountKzt: kztSchema.positive() }),
    responses: { 201: { description: 'The recovery', schema: recovery } },
    handler: (request) =>
      once(
        tracking.deps,
        'recovery-open',
        request,
        changeHandler(tracking, 'projectId', commands.openRecovery, created),
      ),
  });

  api.route({
    method: 'get',
    path: '/projects/{projectId}/recoveries',
    summary: "List a project's recoveries",
    tags,
    auth: { roles: ['coordinator', 'viewer'] },
    params: projectParams,
    responses: { 200: { description: 'The recoveries', schema: z.object({ items: z.array(recovery) }) } },
    handler: readHandler(tracking, 'projectId', commands.recoveries, (found) => itemsOf(found.map(view))),
  });

  api.route({
    method: 'post',
    path: '/recoveries/{recoveryId}/settle',
    summary: 'Settle a funds recovery',
    description:
      'Recovered and written-off amounts add up to the amount claimed; the outcome follows from them.',
    tags,
    auth: COORDINATOR,
    params: z.object({ recoveryId: idSchema }),
    body: z.object({
      version: z.int().min(1),
      recoveredAmountKzt: kztSchema,
      writtenOffAmountKzt: kztSchema,
    }),
    responses: { 200: { description: 'The settled recovery', schema: recovery } },
    handler: changeHandler(tracking, 'recoveryId', commands.settleRecovery, ok),
  });
}
