import { randomUUID } from 'node:crypto';
import { binEntityTypes } from '@zhas/kz';
import { isDuplicateKey } from '@zhas/messaging';
import {
  hasRole,
  idempotencyKeyHeader,
  isNational,
  paginatedResponse,
  paginationQuery,
  problems,
  requireRole,
  type ServiceDependencies,
} from '@zhas/service-kit';
import { type Collection, type Filter } from 'mongodb';
import { z } from 'zod';
import { type Config } from '../../config';
import { unwrap } from '../../shared/http';
import { afterPosition, pageOf, readCursor } from '../../shared/pagination';
import { canActForOrganization, type Organization, registerOrganization } from './domain';

export const organizationParams = z.object({
  organizationId: z.string().regex(/^org-[0-9a-f-]{36}$/, 'Expected an organization id org-<uuid>'),
});

/** The BIN and registration data only for coordinators and the organization itself. */
export const organizationViewSchema = z.object({
  hostOrganizationId: z.string(),
  name: z.string(),
  bin: z.string().optional(),
  registeredOn: z.string().optional(),
  entityType: z.enum(binEntityTypes).optional(),
  createdAt: z.string(),
});

export function organizationView(organization: Organization, withIdentity: boolean) {
  return {
    hostOrganizationId: organization._id,
    name: organization.name,
    ...(withIdentity
      ? {
          bin: organization.bin,
          registeredOn: organization.registeredOn,
          entityType: organization.entityType,
        }
      : {}),
    createdAt: organization.createdAt.toISOString(),
  };
}

export async function ensureOrganizationIndexes(organizations: Collection<Organization>): Promise<void> {
  await organizations.createIndex({ bin: 1 }, { unique: true });
  await organizations.createIndex({ createdAt: 1, _id: 1 });
}

export function declareOrganizationRoutes(
  deps: ServiceDependencies<Config>,
  organizations: Collection<Organization>,
): void {
  const { api } = deps;
  const organization = api.schema('HostOrganization', organizationViewSchema);
  const tags = ['organizations'];

  api.route({
    method: 'post',
    path: '/organizations',
    summary: 'Register a host organization',
    description:
      'By its BIN (validated; the registration month is read from it) and name. Returns the opaque id the ' +
      'organization is known by (`host_org_id` in its staff tokens). A BIN already registered is a 409.',
    tags,
    auth: { roles: ['host_org', 'coordinator'] },
    headers: idempotencyKeyHeader,
    body: z.object({
      bin: z.string().max(32).meta({ example: '150340012343' }),
      name: z.string().trim().min(2).max(300),
    }),
    responses: { 201: { description: 'The organization', schema: organization } },
    handler: ({ body, headers, principal }) =>
      deps.idempotent(
        {
          scope: `organization-register:${principal.subject}`,
          key: headers['Idempotency-Key'],
          payload: body,
        },
        async () => {
          const registered = unwrap(registerOrganization(body, `org-${randomUUID()}`, principal, deps.now()));
          try {
            await organizations.insertOne(registered);
          } catch (error) {
            if (!isDuplicateKey(error)) throw error;
            const existing = await organizations.findOne({ bin: registered.bin });
            throw problems.conflict(
              '/problems/organization-exists',
              'An organization with this BIN is registered.',
              {
                ...(existing && canActForOrganization(principal, existing, null)
                  ? { hostOrganizationId: existing._id }
                  : {}),
              },
            );
          }
          return { status: 201 as const, body: organizationView(registered, true) };
        },
      ),
  });

  api.route({
    method: 'get',
    path: '/organizations/{organizationId}',
    summary: 'Get a host organization',
    description: 'The BIN is shown to the organization itself and coordinators without a regions claim only.',
    tags,
    auth: { roles: ['host_org', 'coordinator', 'committee', 'viewer'] },
    params: organizationParams,
    responses: { 200: { description: 'The organization', schema: organization } },
    handler: async ({ params, principal }) => {
      const found = await organizations.findOne({ _id: params.organizationId });
      if (!found) throw problems.notFound('Organization', params.organizationId);
      // The BIN (an individual entrepreneur's is their IIN) for the organization itself and national coordinators.
      const own = canActForOrganization(principal, found, null);
      if (!own && !hasRole(principal, 'committee', 'viewer', 'coordinator'))
        throw problems.forbidden('You may see only your own host organization.');
      return { status: 200, body: organizationView(found, own) };
    },
  });

  api.route({
    method: 'get',
    path: '/organizations',
    summary: 'List host organizations',
    description:
      'Oldest first; filter by BIN to find an organization. BINs are shown to coordinators without a regions claim.',
    tags,
    auth: { roles: ['coordinator'] },
    query: paginationQuery.extend({
      bin: z
        .string()
        .regex(/^\d{12}$/, 'Expected 12 digits')
        .optional(),
    }),
    responses: { 200: { description: 'A page of organizations', schema: paginatedResponse(organization) } },
    handler: async ({ query, principal }) => {
      requireRole(principal, 'coordinator');
      const filter: Filter<Organization> = {
        ...(query.bin ? { bin: query.bin } : {}),
        ...(afterPosition(readCursor(query.cursor), 1) as Filter<Organization>),
      };
      const found = await pageOf(
        (limit) => organizations.find(filter).sort({ createdAt: 1, _id: 1 }).limit(limit).toArray(),
        query.limit,
      );
      return {
        status: 200,
        body: {
          items: found.items.map((item) => organizationView(item, isNational(principal))),
          nextCursor: found.nextCursor,
        },
      };
    },
  });
}
