import { randomUUID } from 'node:crypto';
import { grievanceCategorySchema, grievanceChannelSchema, idSchema } from '@zhas/contracts';
import { kazakhstanDateOf, regionIdSchema } from '@zhas/kz';
import {
  idempotencyKeyHeader,
  paginatedResponse,
  paginationQuery,
  queryList,
  regionScope,
  requireRegion,
} from '@zhas/service-kit';
import { type Document, type Filter } from 'mongodb';
import { z } from 'zod';
import { type Tracking } from '../../shared/context';
import { load, requireVersion, saveChange } from '../../shared/persistence';
import { listPage } from '../../shared/lists';
import { type Decision } from '../projects/domain';
import { contextOf } from '../projects/routes';
import {
  answerGrievance,
  assignGrievance,
  grievanceOutcomes,
  type GrievanceState,
  grievanceStatuses,
  isOverdue,
  lodgeGrievance,
  type ResponseDays,
  resolveGrievance,
} from './domain';

const instant = z.iso.datetime();

const contactSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'a phone number')
      .optional(),
    email: z.email().max(254).optional(),
  })
  .meta({ description: 'Optional: how to reach the person. Seen by coordinators only; never published.' });

export const grievanceView = z.object({
  grievanceId: idSchema,
  version: z.int(),
  category: grievanceCategorySchema,
  channel: grievanceChannelSchema,
  region: z.string(),
  roundId: idSchema.optional(),
  projectId: idSchema.optional(),
  description: z.string(),
  contact: contactSchema.optional(),
  status: z.enum(grievanceStatuses),
  lodgedAt: instant,
  responseDueOn: z.iso.date(),
  overdue: z.boolean().meta({ description: 'Not resolved, and the due date has passed (Kazakhstan time).' }),
  assigneeId: idSchema.optional(),
  assignedAt: instant.optional(),
  answer: z.string().optional(),
  answeredAt: instant.optional(),
  outcome: z.enum(grievanceOutcomes).optional(),
  resolvedAt: instant.optional(),
});

export function declareGrievanceRoutes(tracking: Tracking): void {
  const { api, config } = tracking.deps;
  const days: ResponseDays = {
    byCategory: config.GRIEVANCE_RESPONSE_DAYS,
    fallback: config.GRIEVANCE_RESPONSE_DAYS_DEFAULT,
  };
  const grievance = api.schema('Grievance', grievanceView);
  const view = (state: GrievanceState, version: number) => ({
    ...state,
    version,
    overdue: isOverdue(state, tracking.deps.now()),
  });
  const grievanceParams = z.object({ grievanceId: idSchema });

  api.route({
    method: 'post',
    path: '/grievances',
    summary: 'Lodge a grievance',
    description:
      'Anyone may lodge one, with or without an account and with or without contact details. The answer is due ' +
      "within the category's days.",
    tags: ['grievances'],
    auth: 'public',
    headers: idempotencyKeyHeader,
    body: z.object({
      category: grievanceCategorySchema,
      channel: grievanceChannelSchema.default('portal'),
      region: regionIdSchema,
      roundId: idSchema.optional(),
      projectId: idSchema.optional(),
      description: z.string().trim().min(1).max(4000),
      contact: contactSchema.optional(),
    }),
    responses: {
      201: {
        description: 'The reference of the grievance and when the answer is due',
        schema: z.object({
          grievanceId: idSchema,
          status: z.enum(grievanceStatuses),
          responseDueOn: z.iso.date(),
        }),
      },
    },
    handler: ({ headers, body, requestId }) =>
      // Callers are anonymous; the key itself (a UUID from the form) keeps retries apart.
      tracking.deps.idempotent(
        { scope: 'grievance-lodge', key: headers['Idempotency-Key'], payload: body },
        async () => {
          const now = tracking.deps.now();
          const { state, events } = lodgeGrievance(`grv-${randomUUID()}`, body, days, now);
          const saved = await tracking.grievances.create(
            state.grievanceId,
            state,
            events,
            contextOf(requestId, now),
          );
          tracking.deps.logger.info(
            { grievanceId: saved.id, category: state.category, region: state.region },
            'grievance lodged',
          );
          return {
            status: 201 as const,
            body: {
              grievanceId: saved.id,
              status: saved.state.status,
              responseDueOn: saved.state.responseDueOn,
            },
          };
        },
      ),
  });

  api.route({
    method: 'get',
    path: '/grievances',
    summary: 'List grievances',
    tags: ['grievances'],
    auth: { roles: ['coordinator'] },
    query: paginationQuery.extend({
      status: queryList(z.enum(grievanceStatuses)).optional(),
      region: queryList(z.string().min(1).max(64)).optional(),
      category: queryList(grievanceCategorySchema).optional(),
      roundId: idSchema.optional(),
      overdue: z.stringbool().optional(),
    }),
    responses: { 200: { description: 'A page of grievances', schema: paginatedResponse(grievance) } },
    handler: async ({ query, principal }) => {
      const regions = regionScope(principal, query.region);
      const today = kazakhstanDateOf(tracking.deps.now());
      const filters: Filter<Document>[] = [
        query.status === undefined ? {} : { status: { $in: query.status } },
        regions === undefined ? {} : { region: { $in: [...regions] } },
        query.category === undefined ? {} : { category: { $in: query.category } },
        query.roundId === undefined ? {} : { roundId: query.roundId },
        query.overdue === undefined
          ? {}
          : query.overdue
            ? { status: { $ne: 'resolved' }, responseDueOn: { $lt: today } }
            : { $or: [{ status: 'resolved' }, { responseDueOn: { $gte: today } }] },
      ];
      const found = await listPage(tracking.grievances.collection, { $and: filters }, query);
      const items = found.items.map((doc) => view(doc as unknown as GrievanceState, Number(doc.version)));
      return { status: 200, body: { items, nextCursor: found.nextCursor } };
    },
  });

  const loadGrievance = async (
    principalRegions: Parameters<typeof requireRegion>[0],
    grievanceId: string,
  ) => {
    const current = await load(tracking.grievances, 'Grievance', grievanceId);
    requireRegion(principalRegions, current.state.region);
    return current;
  };

  api.route({
    method: 'get',
    path: '/grievances/{grievanceId}',
    summary: 'Get a grievance, with its contact details',
    tags: ['grievances'],
    auth: { roles: ['coordinator'] },
    params: grievanceParams,
    responses: { 200: { description: 'The grievance', schema: grievance } },
    handler: async ({ params, principal }) => {
      const current = await loadGrievance(principal, params.grievanceId);
      return { status: 200, body: view(current.state, current.version) };
    },
  });

  /** Applies a coordinator's decision to the grievance at the version they edited. */
  const change = async (
    principal: Parameters<typeof requireRegion>[0],
    grievanceId: string,
    version: number,
    requestId: string,
    decide: (state: GrievanceState, now: Date) => Decision<GrievanceState>,
  ) => {
    const now = tracking.deps.now();
    const current = await loadGrievance(principal, grievanceId);
    requireVersion(current, version);
    const { state, events } = decide(current.state, now);
    const saved = await saveChange(tracking.grievances, current, state, events, contextOf(requestId, now));
    return { status: 200 as const, body: view(saved.state, saved.version) };
  };
  const version = z.int().min(1);
  const answered = { 200: { description: 'The grievance', schema: grievance } };

  api.route({
    method: 'post',
    path: '/grievances/{grievanceId}/assign',
    summary: 'Assign a grievance to a staff member',
    tags: ['grievances'],
    auth: { roles: ['coordinator'] },
    params: grievanceParams,
    body: z.object({ version, assigneeId: idSchema }),
    responses: answered,
    handler: ({ params, body, principal, requestId }) =>
      change(principal, params.grievanceId, body.version, requestId, (state, now) =>
        assignGrievance(state, body.assigneeId, now),
      ),
  });

  api.route({
    method: 'post',
    path: '/grievances/{grievanceId}/answer',
    summary: 'Answer a grievance',
    description: 'The answer is kept here (free text): it is not published.',
    tags: ['grievances'],
    auth: { roles: ['coordinator'] },
    params: grievanceParams,
    body: z.object({ version, answer: z.string().trim().min(1).max(4000) }),
    responses: answered,
    handler: ({ params, body, principal, requestId }) =>
      change(principal, params.grievanceId, body.version, requestId, (state, now) =>
        answerGrievance(state, body.answer, now),
      ),
  });

  api.route({
    method: 'post',
    path: '/grievances/{grievanceId}/resolve',
    summary: 'Resolve a grievance',
    description: 'Needs an answer first, unless the grievance was withdrawn or referred elsewhere.',
    tags: ['grievances'],
    auth: { roles: ['coordinator'] },
    params: grievanceParams,
    body: z.object({ version, outcome: z.enum(grievanceOutcomes) }),
    responses: answered,
    handler: ({ params, body, principal, requestId }) =>
      change(principal, params.grievanceId, body.version, requestId, (state, now) =>
        resolveGrievance(state, body.outcome, now),
      ),
  });
}
