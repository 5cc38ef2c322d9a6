import { kazakhstanDateOf, regionIdSchema, registrationYears } from '@zhas/kz';
import { type Aggregate, type AggregateStore, ConcurrencyConflict } from '@zhas/messaging';
import {
  canAccessRegion,
  hasRole,
  idempotencyKeyHeader,
  paginatedResponse,
  paginationQuery,
  type Principal,
  problems,
  queryList,
  regionScope,
  requireRegion,
  requireRole,
  type ServiceDependencies,
} from '@zhas/service-kit';
import { type Collection, type Document, type Filter } from 'mongodb';
import { z } from 'zod';
import { type Config } from '../../config';
import { guarded, requireVersion, unwrap } from '../../shared/http';
import { afterPosition, pageOf, readCursor } from '../../shared/pagination';
import { canActForOrganization, type Organization, requireOrganization } from '../organizations/domain';
import { loadRound, type RoundStore } from '../rounds/routes';
import {
  declareConflict,
  draftFactsSchema,
  editHostApplication,
  hostApplicationIdOf,
  type HostApplicationState,
  hostApplicationStatuses,
  scoreHostApplication,
  startHostApplication,
  submitHostApplication,
  withdrawHostApplication,
} from './domain';
import { type HostSelection, selectionIdOf } from './selection';
import { hostApplicationView, hostApplicationViewSchema } from './views';

export type HostApplicationStore = AggregateStore<HostApplicationState>;

const applicationParams = z.object({
  hostApplicationId: z.string().regex(/^ha\.[A-Za-z0-9_.:-]{1,120}$/, 'Expected a host application id'),
});
const versionField = z
  .int()
  .min(1)
  .meta({ description: 'The version of the application the change was made on.' });

export interface HostApplicationDeps {
  readonly applications: HostApplicationStore;
  readonly rounds: RoundStore;
  readonly organizations: Collection<Organization>;
  readonly selections: Collection<HostSelection>;
}

export async function ensureHostApplicationIndexes(applications: HostApplicationStore): Promise<void> {
  await applications.collection.createIndex({ roundId: 1, region: 1, status: 1 });
  await applications.collection.createIndex({ hostOrganizationId: 1 });
  await applications.collection.createIndex({ createdAt: 1, _id: 1 });
}

export function declareHostApplicationRoutes(
  deps: ServiceDependencies<Config>,
  stores: HostApplicationDeps,
): void {
  const { api } = deps;
  const { applications, rounds, organizations, selections } = stores;
  const application = api.schema('HostApplication', hostApplicationViewSchema);
  const tags = ['host-applications'];

  async function organizationOf(id: string): Promise<Organization> {
    const found = await organizations.findOne({ _id: id });
    if (!found) throw problems.notFound('Organization', id);
    return found;
  }

  /** 404 for what the caller may not know exists (drafts, other regions), 403 for what it may see but not do. */
  async function loadApplication(principal: Principal, id: string): Promise<Aggregate<HostApplicationState>> {
    const found = await applications.get(id);
    if (!found) throw problems.notFound('Host application', id);
    const { state } = found;
    if (hasRole(principal, 'host_org') && !hasRole(principal, 'coordinator')) {
      const organization = await organizations.findOne({ _id: state.hostOrganizationId });
      if (organization && canActForOrganization(principal, organization, state.region)) return found;
    }
    const seesSubmitted =
      hasRole(principal, 'coordinator') ||
      (hasRole(principal, 'committee', 'viewer') && state.status !== 'draft');
    if (!seesSubmitted || !canAccessRegion(principal, state.region))
      throw problems.notFound('Host application', id);
    return found;
  }

  async function requireNoSelection(state: HostApplicationState): Promise<void> {
    const confirmed = await selections.findOne({ _id: selectionIdOf(state.roundId, state.region) });
    if (confirmed)
      throw problems.conflict(
        '/problems/selection-confirmed',
        `The selection in ${state.region} was confirmed at ${confirmed.confirmedAt}; the application is decided.`,
      );
  }

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/host-applications',
    summary: 'Start a host-organization application',
    description:
      'A draft in a region of a published round, for an organization registered with POST /organizations. ' +
      'One application per organization and round: a second one is a 409 naming the first.',
    tags,
    auth: { roles: ['host_org', 'coordinator'] },
    params: z.object({ roundId: z.string().min(1).max(64) }),
    body: z.object({
      hostOrganizationId: z.string().regex(/^org-[0-9a-f-]{36}$/, 'Expected an organization id org-<uuid>'),
      region: regionIdSchema,
      facts: draftFactsSchema.default({}),
    }),
    responses: {
      201: { description: 'The draft application', schema: application },
      422: { description: 'The round does not run in that region' },
    },
    handler: async ({ params, body, principal, requestId }) => {
      const organization = await organizationOf(body.hostOrganizationId);
      requireOrganization(principal, organization, body.region);
      const round = await loadRound(rounds, principal, params.roundId);
      const now = deps.now();
      const state = unwrap(
        startHostApplication({ roundId: round.id, ...body }, round.state, principal.subject, now),
      );
      const id = hostApplicationIdOf(round.id, organization._id);
      try {
        const created = await applications.create(id, state, [], { correlationId: requestId, now });
        return { status: 201, body: hostApplicationView(created, principal) };
      } catch (error) {
        if (error instanceof ConcurrencyConflict)
          throw problems.conflict(
            '/problems/application-exists',
            'This organization already has an application in this round.',
            { hostApplicationId: id },
          );
        throw error;
      }
    },
  });

  api.route({
    method: 'patch',
    path: '/host-applications/{hostApplicationId}',
    summary: 'Save a draft application',
    description: 'Replaces the facts given and, optionally, the region. Send the `version` you edited.',
    tags,
    auth: { roles: ['host_org', 'coordinator'] },
    params: applicationParams,
    body: z.object({
      version: versionField,
      region: regionIdSchema.optional(),
      facts: draftFactsSchema.optional(),
    }),
    responses: {
      200: { description: 'The draft', schema: application },
      422: { description: 'The round does not run in that region' },
    },
    handler: async ({ params, body, principal, requestId }) => {
      const current = await loadApplication(principal, params.hostApplicationId);
      requireOrganization(
        principal,
        await organizationOf(current.state.hostOrganizationId),
        current.state.region,
      );
      requireVersion(body.version, current.version);
      const round = await loadRound(rounds, principal, current.state.roundId);
      const next = unwrap(editHostApplication(current.state, body, round.state));
      const saved = await guarded(() =>
        applications.update(current.id, body.version, next, [], {
          correlationId: requestId,
          now: deps.now(),
        }),
      );
      return { status: 200, body: hostApplicationView(saved, principal) };
    },
  });

  api.route({
    method: 'post',
    path: '/host-applications/{hostApplicationId}/submit',
    summary: 'Submit an application',
    description:
      'Within the host-organization window only (409 /problems/outside-window with the `deadline`), with every ' +
      'fact (422 /problems/incomplete-application). Eligibility is decided at once, with a reason for each ' +
      'failed condition; publishes `submitted` and `eligibility-decided`.',
    tags,
    auth: { roles: ['host_org', 'coordinator'] },
    params: applicationParams,
    headers: idempotencyKeyHeader,
    body: z.object({ version: versionField }),
    responses: {
      200: { description: 'The submitted application with its eligibility', schema: application },
      422: { description: 'Facts are missing' },
    },
    handler: ({ params, headers, body, principal, requestId }) =>
      deps.idempotent(
        {
          scope: `host-application-submit:${principal.subject}`,
          key: headers['Idempotency-Key'],
          payload: { params, body },
        },
        async () => {
          const current = await loadApplication(principal, params.hostApplicationId);
          const organization = await organizationOf(current.state.hostOrganizationId);
          requireOrganization(principal, organization, current.state.region);
          requireVersion(body.version, current.version);
          const round = await loadRound(rounds, principal, current.state.roundId);
          const now = deps.now();
          const change = unwrap(
            submitHostApplication(
              current.state,
              current.id,
              round.state,
              yearsRegistered(organization, now),
              now,
            ),
          );
          const saved = await guarded(() =>
            applications.update(current.id, body.version, change.state, change.events, {
              correlationId: requestId,
              now,
            }),
          );
          return { status: 200 as const, body: hostApplicationView(saved, principal) };
        },
      ),
  });

  api.route({
    method: 'post',
    path: '/host-applications/{hostApplicationId}/withdraw',
    summary: 'Withdraw an application',
    description:
      'Before the selection in its region is confirmed; publishes `withdrawn` if it had been submitted.',
    tags,
    auth: { roles: ['host_org', 'coordinator'] },
    params: applicationParams,
    headers: idempotencyKeyHeader,
    body: z.object({ version: versionField }),
    responses: { 200: { description: 'The withdrawn application', schema: application } },
    handler: ({ params, headers, body, principal, requestId }) =>
      deps.idempotent(
        {
          scope: `host-application-withdraw:${principal.subject}`,
          key: headers['Idempotency-Key'],
          payload: { params, body },
        },
        async () => {
          const current = await loadApplication(principal, params.hostApplicationId);
          requireOrganization(
            principal,
            await organizationOf(current.state.hostOrganizationId),
            current.state.region,
          );
          requireVersion(body.version, current.version);
          await requireNoSelection(current.state);
          const now = deps.now();
          const change = unwrap(withdrawHostApplication(current.state, current.id, now));
          const saved = await guarded(() =>
            applications.update(current.id, body.version, change.state, change.events, {
              correlationId: requestId,
              now,
            }),
          );
          return { status: 200 as const, body: hostApplicationView(saved, principal) };
        },
      ),
  });

  api.route({
    method: 'put',
    path: '/host-applications/{hostApplicationId}/scores/me',
    summary: 'Score an application (committee member)',
    description:
      "The calling member's score of every criterion of the round's host-organization rubric (0-100); a new score " +
      'replaces theirs. Barred after declaring a conflict of interest (403). Publishes `scored` with the ' +
      "committee's current total.",
    tags,
    auth: { roles: ['committee'] },
    params: applicationParams,
    body: z.object({
      scores: z
        .array(z.object({ code: z.string().min(1).max(64), score: z.number().min(0).max(100) }))
        .min(1)
        .max(50),
    }),
    responses: { 200: { description: 'The application with the committee result', schema: application } },
    handler: async ({ params, body, principal, requestId }) => {
      requireRole(principal, 'committee');
      const current = await loadApplication(principal, params.hostApplicationId);
      requireRegion(principal, current.state.region);
      // Staff of the applying organization have a conflict of interest whether or not they declared it.
      if (principal.hostOrgId === current.state.hostOrganizationId)
        throw problems.forbidden('You work for this organization: you may not score its application.');
      await requireNoSelection(current.state);
      const round = await loadRound(rounds, principal, current.state.roundId);
      const criteria = round.state.content?.rules.hostOrganizationCriteria ?? [];
      const now = deps.now();
      const change = unwrap(
        scoreHostApplication(current.state, current.id, principal.subject, body.scores, criteria, now),
      );
      const saved = await guarded(() =>
        applications.update(current.id, current.version, change.state, change.events, {
          correlationId: requestId,
          now,
        }),
      );
      return { status: 200, body: hostApplicationView(saved, principal) };
    },
  });

  api.route({
    method: 'post',
    path: '/host-applications/{hostApplicationId}/conflicts',
    summary: 'Declare a conflict of interest (committee member)',
    description:
      'The calling member abstains: a score they gave is dropped and they may not score this application. ' +
      'Declaring again changes nothing.',
    tags,
    auth: { roles: ['committee'] },
    params: applicationParams,
    responses: { 200: { description: 'The application', schema: application } },
    handler: async ({ params, principal, requestId }) => {
      requireRole(principal, 'committee');
      const current = await loadApplication(principal, params.hostApplicationId);
      requireRegion(principal, current.state.region);
      await requireNoSelection(current.state);
      const round = await loadRound(rounds, principal, current.state.roundId);
      const criteria = round.state.content?.rules.hostOrganizationCriteria ?? [];
      const now = deps.now();
      const change = unwrap(declareConflict(current.state, current.id, principal.subject, criteria, now));
      if (change.state === current.state)
        return { status: 200, body: hostApplicationView(current, principal) };
      const saved = await guarded(() =>
        applications.update(current.id, current.version, change.state, change.events, {
          correlationId: requestId,
          now,
        }),
      );
      return { status: 200, body: hostApplicationView(saved, principal) };
    },
  });

  api.route({
    method: 'get',
    path: '/host-applications/{hostApplicationId}',
    summary: 'Get an application',
    description:
      'Organizations see their own; committee members and viewers the submitted ones in their regions; ' +
      "coordinators all, with each member's scores.",
    tags,
    auth: { roles: ['host_org', 'committee', 'coordinator', 'viewer'] },
    params: applicationParams,
    responses: { 200: { description: 'The application', schema: application } },
    handler: async ({ params, principal }) => ({
      status: 200,
      body: hostApplicationView(await loadApplication(principal, params.hostApplicationId), principal),
    }),
  });

  api.route({
    method: 'get',
    path: '/host-applications',
    summary: 'List applications',
    description:
      'Oldest first, filtered by round, region, status and organization, and always by what the caller may see ' +
      '(its own organization; submitted ones in its regions for committee members and viewers).',
    tags,
    auth: { roles: ['host_org', 'committee', 'coordinator', 'viewer'] },
    query: paginationQuery.extend({
      roundId: z.string().min(1).max(64).optional(),
      region: queryList(regionIdSchema).optional(),
      status: queryList(z.enum(hostApplicationStatuses)).optional(),
      hostOrganizationId: z.string().min(1).max(64).optional(),
    }),
    responses: { 200: { description: 'A page of applications', schema: paginatedResponse(application) } },
    handler: async ({ query, principal }) => {
      const filter: Filter<Document> = {
        ...(query.roundId ? { roundId: query.roundId } : {}),
        ...(query.status ? { status: { $in: query.status } } : {}),
        ...afterPosition(readCursor(query.cursor), 1),
      };
      const scope: Filter<Document>[] = [];
      if (hasRole(principal, 'coordinator', 'committee', 'viewer')) {
        const regions = regionScope(principal, query.region);
        if (regions) scope.push({ region: { $in: [...regions] } });
        if (!hasRole(principal, 'coordinator')) scope.push({ status: { $ne: 'draft' } });
        if (query.hostOrganizationId) scope.push({ hostOrganizationId: query.hostOrganizationId });
      } else {
        // host_org staff: their organization only (by claim, or the ones they registered before having it).
        const own = principal.hostOrgId
          ? [principal.hostOrgId]
          : (await organizations.find({ registeredBy: principal.subject }).toArray()).map((org) => org._id);
        const wanted = query.hostOrganizationId ? own.filter((id) => id === query.hostOrganizationId) : own;
        scope.push({ hostOrganizationId: { $in: wanted } });
        if (query.region) scope.push({ region: { $in: query.region } });
      }
      const found = await pageOf(
        (limit) =>
          applications.collection
            .find({ ...filter, ...(scope.length > 0 ? { $and: scope } : {}) })
            .sort({ createdAt: 1, _id: 1 })
            .limit(limit)
            .toArray(),
        query.limit,
      );
      const items = found.items.map((doc) =>
        hostApplicationView(
          {
            id: String(doc._id),
            version: doc.version as number,
            state: doc as unknown as HostApplicationState,
            createdAt: doc.createdAt as Date,
            updatedAt: doc.updatedAt as Date,
          },
          principal,
        ),
      );
      return { status: 200, body: { items, nextCursor: found.nextCursor } };
    },
  });
}

/** Full years since the BIN's registration month, on today's date in Kazakhstan. */
function yearsRegistered(organization: Organization, now: Date): number {
  try {
    return registrationYears(organization.bin, kazakhstanDateOf(now));
  } catch {
    // Registered after "now" (a clock set in the past): not registered long enough.
    return 0;
  }
}
