import { idSchema, roundOutcomes } from '@zhas/contracts';
import { type Aggregate } from '@zhas/messaging';
import {
  actHandler,
  type Api,
  shown,
  changeHandler,
  idempotencyKeyHeader,
  listFilters,
  once,
  pageHandler,
  paginatedResponse,
  paginationQuery,
  readHandler,
} from '@zhas/service-kit';
import { z } from 'zod';
import { type CompetitionsContext } from '../../shared/context';
import * as commands from './commands';
import { roundDraftSchema, type RoundState, roundStatuses } from './domain';
import { roundCheckSchema, roundView, roundViewSchema } from './views';

const roundParams = z.object({ roundId: idSchema });
const versionField = z.int().min(1).meta({ description: 'The version of the round the change was made on.' });
const COORDINATOR = { roles: ['coordinator'] } as const;
const tags = ['rounds'];

export function declareRoutes(api: Api, app: CompetitionsContext): void {
  const round = api.schema('Round', roundViewSchema);
  const roundDraft = api.schema('RoundDraft', roundDraftSchema);
  const ok = (saved: Aggregate<RoundState>) => ({ status: 200 as const, body: roundView(saved) });
  const created = (saved: Aggregate<RoundState>) => ({ status: 201 as const, body: roundView(saved) });

  api.route({
    method: 'post',
    path: '/rounds',
    summary: 'Create a round draft',
    description: 'Every field may be left out and filled in later; the whole is checked on publishing.',
    tags,
    auth: COORDINATOR,
    headers: idempotencyKeyHeader,
    body: roundDraft,
    responses: { 201: { description: 'The draft', schema: round } },
    handler: (request) =>
      once(app, 'round-create', request, async ({ body, principal, requestId }) =>
        created(await commands.createRound(app, principal, body, requestId)),
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
    auth: COORDINATOR,
    params: roundParams,
    body: roundDraftSchema.extend({ version: versionField }),
    responses: { 200: { description: 'The draft', schema: round } },
    handler: changeHandler(app, 'roundId', commands.editRound, ok),
  });

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/copies',
    summary: "Start a new round's draft from this one",
    description:
      'The same regions and rules, the next year, its windows moved a year later and the year in its titles ' +
      'moved on; edit it, check it and publish it like any draft. The source round does not change.',
    tags,
    auth: COORDINATOR,
    params: roundParams,
    headers: idempotencyKeyHeader,
    responses: { 201: { description: 'The new draft', schema: round } },
    handler: (request) =>
      once(app, 'round-copy', request, actHandler(app, 'roundId', commands.copyRound, created)),
  });

  api.route({
    method: 'get',
    path: '/rounds/{roundId}/check',
    summary: 'Check a draft as publishing would, without publishing',
    description: 'Every failing field of the whole-round checks; `valid` when it may be published now.',
    tags,
    auth: COORDINATOR,
    params: roundParams,
    responses: { 200: { description: 'The result', schema: roundCheckSchema } },
    handler: readHandler(app, 'roundId', commands.checkRound, shown),
  });

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/publish',
    summary: 'Publish a round',
    description:
      'Checks the whole round (422 /problems/round-invalid naming every failing field), freezes it and publishes ' +
      '`competitions.round.published.v1`.',
    tags,
    auth: COORDINATOR,
    params: roundParams,
    headers: idempotencyKeyHeader,
    body: z.object({ version: versionField }),
    responses: {
      200: { description: 'The published round', schema: round },
      422: { description: 'The round is incomplete or its rules do not hold together' },
    },
    handler: (request) =>
      once(app, 'round-publish', request, changeHandler(app, 'roundId', commands.publishRound, ok)),
  });

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/revisions',
    summary: 'Publish a new version of a published round',
    description:
      'The whole content again; it is checked like a publication, gets the next rules version and is published as ' +
      '`competitions.round.rules-revised.v1`. The previous version is kept.',
    tags,
    auth: COORDINATOR,
    params: roundParams,
    headers: idempotencyKeyHeader,
    body: roundDraftSchema.extend({ version: versionField }),
    responses: {
      200: { description: 'The revised round', schema: round },
      422: { description: 'The new content is incomplete or its rules do not hold together' },
    },
    handler: (request) =>
      once(app, 'round-revise', request, changeHandler(app, 'roundId', commands.reviseRound, ok)),
  });

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/close',
    summary: 'Close a round',
    description:
      'Completed or cancelled; publishes `competitions.round.closed.v1`. Nothing more happens in it.',
    tags,
    auth: COORDINATOR,
    params: roundParams,
    headers: idempotencyKeyHeader,
    body: z.object({ version: versionField, outcome: z.enum(roundOutcomes) }),
    responses: { 200: { description: 'The closed round', schema: round } },
    handler: (request) =>
      once(app, 'round-close', request, changeHandler(app, 'roundId', commands.closeRound, ok)),
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
    handler: readHandler(app, 'roundId', commands.readRound, ok),
  });

  api.route({
    method: 'get',
    path: '/rounds',
    summary: 'List rounds',
    description: 'Newest first. Drafts are listed for coordinators only.',
    tags,
    auth: 'authenticated',
    query: paginationQuery.extend({
      ...listFilters.status(roundStatuses),
      year: z.coerce.number().int().min(2017).max(2100).optional(),
      ...listFilters.region,
    }),
    responses: { 200: { description: 'A page of rounds', schema: paginatedResponse(round) } },
    handler: pageHandler(app, commands.listRounds, roundView),
  });
}
