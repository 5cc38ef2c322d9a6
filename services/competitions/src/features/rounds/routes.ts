import { randomUUID } from 'node:crypto';
import { roundRulesSchema } from '@zhas/contracts';
import { type Aggregate, type AggregateStore } from '@zhas/messaging';
import {
  hasRole,
  idempotencyKeyHeader,
  type Principal,
  paginatedResponse,
  paginationQuery,
  problems,
  queryList,
  requireNational,
  requireRole,
  type ServiceDependencies,
} from '@zhas/service-kit';
import { type Document, type Filter } from 'mongodb';
import { z } from 'zod';
import { type Config } from '../../config';
import { guarded, requireVersion, unwrap } from '../../shared/http';
import { afterPosition, pageOf, readCursor } from '../../shared/pagination';
import {
  closeRound,
  createRoundDraft,
  editRoundDraft,
  publishRound,
  reviseRound,
  roundDraftSchema,
  roundOutcomes,
  type RoundState,
  roundStatuses,
  windowSchema,
} from './domain';

export type RoundStore = AggregateStore<RoundState>;

const roundId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'Expected a round id');
const roundParams = z.object({ roundId });
const versionField = z.int().min(1).meta({ description: 'The version of the round the change was made on.' });

/** A round as the API shows it: a draft's fields as saved so far, or the content in force. */
export const roundViewSchema = z.object({
  roundId: z.string(),
  version: z.int(),
  status: z.enum(roundStatuses),
  rulesVersion: z.int().meta({ description: '0 for a draft, 1 when published, one more per revision.' }),
  year: z.int().optional(),
  title: z.object({ kk: z.string(), ru: z.string(), en: z.string() }).optional(),
  regions: z.array(z.string()).optional(),
  hostApplicationWindow: windowSchema.optional(),
  youthApplicationWindow: windowSchema.optional(),
  rules: z.object(roundRulesSchema.shape).partial().optional(),
  publishedAt: z.string().optional(),
  revisedAt: z.string().optional(),
  closedAt: z.string().optional(),
  outcome: z.enum(roundOutcomes).optional(),
  previousVersions: z.array(z.object({ rulesVersion: z.int(), effectiveFrom: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RoundView = z.infer<typeof roundViewSchema>;

export function roundView(round: Aggregate<RoundState>): RoundView {
  const { state } = round;
  const shown = state.content ?? state.draft;
  return {
    roundId: round.id,
    version: round.version,
    status: state.status,
    rulesVersion: state.rulesVersion,
    ...shown,
    regions: shown.regions ? [...shown.regions] : undefined,
    ...(state.publishedAt ? { publishedAt: state.publishedAt } : {}),
    ...(state.revisedAt ? { revisedAt: state.revisedAt } : {}),
    ...(state.closedAt ? { closedAt: state.closedAt } : {}),
    ...(state.outcome ? { outcome: state.outcome } : {}),
    previousVersions: state.previousVersions.map(({ rulesVersion, effectiveFrom }) => ({
      rulesVersion,
      effectiveFrom,
    })),
    createdAt: round.createdAt.toISOString(),
    updatedAt: round.updatedAt.toISOString(),
  };
}

/** Drafts are the coordinators' working copies: nobody else learns that they exist. */
export async function loadRound(rounds: RoundStore, principal: Principal | undefined, id: string) {
  const round = await rounds.get(id);
  if (!round || (round.state.status === 'draft' && !(principal && hasRole(principal, 'coordinator'))))
    throw problems.notFound('Round', id);
  return round;
}

export function declareRoundRoutes(deps: ServiceDependencies<Config>, rounds: RoundStore): void {
  const { api } = deps;
  const round = api.schema('Round', roundViewSchema);
  const roundDraft = api.schema('RoundDraft', roundDraftSchema);
  const tags = ['rounds'];

  api.route({
    method: 'post',
    path: '/rounds',
    summary: 'Create a round draft',
    description: 'Every field may be left out and filled in later; the whole is checked on publishing.',
    tags,
    auth: { roles: ['coordinator'] },
    headers: idempotencyKeyHeader,
    body: roundDraft,
    responses: { 201: { description: 'The draft', schema: round } },
    handler: ({ body, headers, principal, requestId }) =>
      deps.idempotent(
        { scope: `round-create:${principal.subject}`, key: headers['Idempotency-Key'], payload: body },
        async () => {
          requireRole(principal, 'coordinator');
          requireNational(principal);
          const now = deps.now();
          const created = await guarded(() =>
            rounds.create(`rnd-${randomUUID()}`, createRoundDraft(body, principal.subject), [], {
              correlationId: requestId,
              now,
            }),
          );
          return { status: 201 as const, body: roundView(created) };
        },
      ),
  });

  api.route({
    method: 'patch',
    path: '/rounds/{roundId}',
    summary: 'Edit a round draft',
    description:
      'Replaces the fields given (rules field by field). Send the `version` you edited: a stale one is a 409. ' +
      'A published round is frozen (409 /problems/round-frozen): use POST /rounds/{roundId}/revisions.',
    tags,
    auth: { roles: ['coordinator'] },
    params: roundParams,
    body: roundDraftSchema.extend({ version: versionField }),
    responses: { 200: { description: 'The draft', schema: round } },
    handler: async ({ params, body, principal, requestId }) => {
      requireRole(principal, 'coordinator');
      requireNational(principal);
      const current = await loadRound(rounds, principal, params.roundId);
      requireVersion(body.version, current.version);
      const { version, ...patch } = body;
      const next = unwrap(editRoundDraft(current.state, patch));
      const saved = await guarded(() =>
        rounds.update(current.id, version, next, [], { correlationId: requestId, now: deps.now() }),
      );
      return { status: 200, body: roundView(saved) };
    },
  });

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/publish',
    summary: 'Publish a round',
    description:
      'Checks the whole round (422 /problems/round-invalid naming every failing field), freezes it and publishes ' +
      '`competitions.round.published.v1`.',
    tags,
    auth: { roles: ['coordinator'] },
    params: roundParams,
    headers: idempotencyKeyHeader,
    body: z.object({ version: versionField }),
    responses: {
      200: { description: 'The published round', schema: round },
      422: { description: 'The round is incomplete or its rules do not hold together' },
    },
    handler: ({ params, headers, body, principal, requestId }) =>
      deps.idempotent(
        {
          scope: `round-publish:${principal.subject}`,
          key: headers['Idempotency-Key'],
          payload: { params, body },
        },
        async () => {
          requireRole(principal, 'coordinator');
          requireNational(principal);
          const current = await loadRound(rounds, principal, params.roundId);
          requireVersion(body.version, current.version);
          const now = deps.now();
          const change = unwrap(publishRound(current.state, current.id, now));
          const saved = await guarded(() =>
            rounds.update(current.id, current.version, change.state, change.events, {
              correlationId: requestId,
              now,
            }),
          );
          return { status: 200 as const, body: roundView(saved) };
        },
      ),
  });

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/revisions',
    summary: 'Publish a new version of a published round',
    description:
      'The whole content again; it is checked like a publication, gets the next rules version and is published as ' +
      '`competitions.round.rules-revised.v1`. The previous version is kept.',
    tags,
    auth: { roles: ['coordinator'] },
    params: roundParams,
    headers: idempotencyKeyHeader,
    body: roundDraftSchema.extend({ version: versionField }),
    responses: {
      200: { description: 'The revised round', schema: round },
      422: { description: 'The new content is incomplete or its rules do not hold together' },
    },
    handler: ({ params, headers, body, principal, requestId }) =>
      deps.idempotent(
        {
          scope: `round-revise:${principal.subject}`,
          key: headers['Idempotency-Key'],
          payload: { params, body },
        },
        async () => {
          requireRole(principal, 'coordinator');
          requireNational(principal);
          const current = await loadRound(rounds, principal, params.roundId);
          requireVersion(body.version, current.version);
          const { version, ...content } = body;
          const now = deps.now();
          const change = unwrap(reviseRound(current.state, current.id, content, now));
          const saved = await guarded(() =>
            rounds.update(current.id, version, change.state, change.events, {
              correlationId: requestId,
              now,
            }),
          );
          return { status: 200 as const, body: roundView(saved) };
        },
      ),
  });

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/close',
    summary: 'Close a round',
    description:
      'Completed or cancelled; publishes `competitions.round.closed.v1`. Nothing more happens in it.',
    tags,
    auth: { roles: ['coordinator'] },
    params: roundParams,
    headers: idempotencyKeyHeader,
    body: z.object({ version: versionField, outcome: z.enum(roundOutcomes) }),
    responses: { 200: { description: 'The closed round', schema: round } },
    handler: ({ params, headers, body, principal, requestId }) =>
      deps.idempotent(
        {
          scope: `round-close:${principal.subject}`,
          key: headers['Idempotency-Key'],
          payload: { params, body },
        },
        async () => {
          requireRole(principal, 'coordinator');
          requireNational(principal);
          const current = await loadRound(rounds, principal, params.roundId);
          requireVersion(body.version, current.version);
          const now = deps.now();
          const change = unwrap(closeRound(current.state, current.id, body.outcome, now));
          const saved = await guarded(() =>
            rounds.update(current.id, body.version, change.state, change.events, {
              correlationId: requestId,
              now,
            }),
          );
          return { status: 200 as const, body: roundView(saved) };
        },
      ),
  });

  api.route({
    method: 'get',
    path: '/rounds/{roundId}',
    summary: 'Get a round',
    description: 'Drafts are visible to coordinators only.',
    tags,
    auth: 'authenticated',
    params: roundParams,
    responses: { 200: { description: 'The round', schema: round } },
    handler: async ({ params, principal }) => ({
      status: 200,
      body: roundView(await loadRound(rounds, principal, params.roundId)),
    }),
  });

  api.route({
    method: 'get',
    path: '/rounds',
    summary: 'List rounds',
    description: 'Newest first. Drafts are listed for coordinators only.',
    tags,
    auth: 'authenticated',
    query: paginationQuery.extend({
      status: queryList(z.enum(roundStatuses)).optional(),
      year: z.coerce.number().int().min(2017).max(2100).optional(),
      region: queryList(z.string().min(1).max(64)).optional(),
    }),
    responses: { 200: { description: 'A page of rounds', schema: paginatedResponse(round) } },
    handler: async ({ query, principal }) => {
      const visible = hasRole(principal, 'coordinator') ? [...roundStatuses] : ['published', 'closed'];
      const statuses = query.status ? query.status.filter((status) => visible.includes(status)) : visible;
      const filter: Filter<Document> = {
        status: { $in: statuses },
        ...(query.year === undefined
          ? {}
          : { $and: [{ $or: [{ 'content.year': query.year }, { 'draft.year': query.year }] }] }),
        ...(query.region ? { 'content.regions': { $in: query.region } } : {}),
        ...afterPosition(readCursor(query.cursor), -1),
      };
      const found = await pageOf(
        (limit) => rounds.collection.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray(),
        query.limit,
      );
      const items = found.items.map((doc) =>
        roundView({
          id: String(doc._id),
          version: doc.version as number,
          state: doc as unknown as RoundState,
          createdAt: doc.createdAt as Date,
          updatedAt: doc.updatedAt as Date,
        }),
      );
      return { status: 200, body: { items, nextCursor: found.nextCursor } };
    },
  });
}
