import { grievanceCategorySchema, idSchema } from '@zhas/contracts';
import { type Aggregate } from '@zhas/messaging';
import {
  type Api,
  shown,
  changeHandler,
  idempotencyKeyHeader,
  listFilters,
  pageHandler,
  paginatedResponse,
  paginationQuery,
  queryBoolean,
  queryList,
  readHandler,
  versioned,
} from '@zhas/service-kit';
import { z } from 'zod';
import { type Tracking } from '../../shared/context';
import * as commands from './commands';
import { grievanceStatusView, grievanceView, lodgeBody, lodgedView } from './schemas';
import { rotateMentorKeys } from '../mentors/store';
import { rotateGrievanceKeys } from './store';
import { grievanceOutcomes, type GrievanceState, grievanceStatuses, isOverdue } from './domain';

export function declareRoutes(api: Api, tracking: Tracking): void {
  const grievance = api.schema('Grievance', grievanceView);
  const view = (saved: Aggregate<GrievanceState>) => ({
    ...versioned(saved),
    overdue: isOverdue(saved.state, tracking.deps.now()),
  });
  const ok = (saved: Aggregate<GrievanceState>) => ({ status: 200 as const, body: view(saved) });
  const grievanceParams = z.object({ grievanceId: idSchema });
  const version = z.int().min(1);
  const answered = { 200: { description: 'The grievance', schema: grievance } };
  const COORDINATOR = { roles: ['coordinator'] } as const;
  const tags = ['grievances'];

  api.route({
    method: 'post',
    path: '/grievances',
    summary: 'Lodge a grievance',
    description:
      'Anyone may lodge one, with or without an account and with or without contact details. The answer is due ' +
      "within the category's days.",
    tags,
    auth: 'public',
    headers: idempotencyKeyHeader,
    body: lodgeBody,
    responses: {
      201: {
        description:
          'The reference of the grievance, the tracking code that opens its status, and when the answer is due',
        schema: lodgedView,
      },
    },
    handler: ({ headers, body, requestId }) =>
      // Callers are anonymous; the key itself (a UUID from the form) keeps retries apart.
      tracking.deps.idempotent(
        { scope: 'grievance-lodge', key: headers['Idempotency-Key'], payload: body },
        async () => {
          const { trackingCode, grievance } = await commands.lodge(tracking, body, requestId);
          const { grievanceId, status, responseDueOn } = grievance.state;
          return { status: 201 as const, body: { grievanceId, trackingCode, status, responseDueOn } };
        },
      ),
  });

  api.route({
    method: 'get',
    path: '/grievances/status/{trackingCode}',
    summary: 'The status of a grievance, by its tracking code',
    description:
      'For whoever holds the code, with or without an account: status, due date, the answer and the outcome. ' +
      'Not the description nor the contact. Case and dashes do not matter; an unknown code is 404. Limited per ' +
      'address like submissions, so codes cannot be guessed in bulk.',
    tags,
    auth: 'public',
    rateLimit: 'submission',
    params: z.object({ trackingCode: z.string().trim().min(1).max(40) }),
    responses: {
      200: {
        description: 'Where the grievance stands',
        schema: api.schema('GrievanceStatus', grievanceStatusView),
      },
    },
    handler: async ({ params }) => shown(await commands.statusByCode(tracking, params.trackingCode)),
  });

  api.route({
    method: 'get',
    path: '/grievances',
    summary: 'List grievances',
    tags,
    auth: COORDINATOR,
    query: paginationQuery.extend({
      ...listFilters.status(grievanceStatuses),
      ...listFilters.region,
      category: queryList(grievanceCategorySchema).optional(),
      ...listFilters.round,
      overdue: queryBoolean.optional(),
    }),
    responses: { 200: { description: 'A page of grievances', schema: paginatedResponse(grievance) } },
    handler: pageHandler(tracking, commands.listGrievances, view),
  });

  api.route({
    method: 'get',
    path: '/grievances/{grievanceId}',
    summary: 'Get a grievance, with its contact details',
    tags,
    auth: COORDINATOR,
    params: grievanceParams,
    responses: { 200: { description: 'The grievance', schema: grievance } },
    handler: readHandler(tracking, 'grievanceId', commands.readGrievance, ok),
  });

  api.route({
    method: 'post',
    path: '/grievances/{grievanceId}/assign',
    summary: 'Assign a grievance to a staff member',
    tags,
    auth: COORDINATOR,
    params: grievanceParams,
    body: z.object({ version, assigneeId: idSchema }),
    responses: answered,
    handler: changeHandler(tracking, 'grievanceId', commands.assign, ok),
  });

  api.route({
    method: 'post',
    path: '/grievances/{grievanceId}/answer',
    summary: 'Answer a grievance',
    description: 'The answer is kept here (free text): it is not published.',
    tags,
    auth: COORDINATOR,
    params: grievanceParams,
    body: z.object({ version, answer: z.string().trim().min(1).max(4000) }),
    responses: answered,
    handler: changeHandler(tracking, 'grievanceId', commands.answer, ok),
  });

  api.route({
    method: 'post',
    path: '/grievances/{grievanceId}/resolve',
    summary: 'Resolve a grievance',
    description: 'Needs an answer first, unless the grievance was withdrawn or referred elsewhere.',
    tags,
    auth: COORDINATOR,
    params: grievanceParams,
    body: z.object({ version, outcome: z.enum(grievanceOutcomes) }),
    responses: answered,
    handler: changeHandler(tracking, 'grievanceId', commands.resolve, ok),
  });

  api.route({
    method: 'post',
    path: '/admin/personal-data/rotate-keys',
    summary:
      "Re-wrap every grievance contact's and mentor profile's data key under the current key-encryption key",
    description:
      "After a new key is put first in PERSONAL_DATA_KEYS: wraps each sealed contact's and mentor's data key under " +
      'it (and seals those an older version wrote readable). When it reports nothing left to change, the old key ' +
      'can be removed.',
    tags,
    auth: { roles: ['admin'] },
    responses: {
      200: {
        description: 'How many records changed',
        schema: z.object({ rewrapped: z.number().int(), sealed: z.number().int() }),
      },
    },
    handler: async (_context) => {
      const grievances = await rotateGrievanceKeys(tracking, tracking.vault);
      const mentors = await rotateMentorKeys(tracking.mentors.store, tracking.vault);
      return {
        status: 200,
        body: {
          rewrapped: grievances.rewrapped + mentors.rewrapped,
          sealed: grievances.sealed + mentors.sealed,
        },
      };
    },
  });
}
