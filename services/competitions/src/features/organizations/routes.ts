import { binEntityTypes } from '@zhas/kz';
import {
  type Api,
  shown,
  idempotencyKeyHeader,
  once,
  pageHandler,
  paginatedResponse,
  paginationQuery,
  readHandler,
} from '@zhas/service-kit';
import { z } from 'zod';
import { type CompetitionsContext } from '../../shared/context';
import * as commands from './commands';
import { type Organization } from './domain';

export const organizationIdSchema = z
  .string()
  .regex(/^org-[0-9a-f-]{36}$/, 'Expected an organization id org-<uuid>');
const organizationParams = z.object({ organizationId: organizationIdSchema });
const tags = ['organizations'];

/** The BIN and registration data only for coordinators and the organization itself. */
const organizationViewSchema = z.object({
  hostOrganizationId: z.string(),
  name: z.string(),
  bin: z.string().optional(),
  registeredOn: z.string().optional(),
  entityType: z.enum(binEntityTypes).optional(),
  createdAt: z.string(),
});

function organizationView({
  organization,
  withIdentity,
}: {
  organization: Organization;
  withIdentity: boolean;
}) {
  const { bin, registeredOn, entityType } = organization;
  return {
    hostOrganizationId: organization._id,
    name: organization.name,
    ...(withIdentity ? { bin, registeredOn, entityType } : {}),
    createdAt: organization.createdAt.toISOString(),
  };
}

export function declareRoutes(api: Api, app: CompetitionsContext): void {
  const organization = api.schema('HostOrganization', organizationViewSchema);

  api.route({
    method: 'post',
    path: '/organizations',
    summary: 'Register a host organization',
    description:
      'By its BIN (validated; the registration month is read from it) and name. Returns the opaque id the ' +
      'organization is known by (`host_org_id` in its staff tokens). Staff whose account already names their ' +
      'organization register it under that id, once (403 after). A BIN already registered is a 409.',
    tags,
    auth: { roles: ['host_org', 'coordinator'] },
    rateLimit: 'submission',
    headers: idempotencyKeyHeader,
    body: z.object({
      bin: z.string().max(32).meta({ example: '150340012343' }),
      name: z.string().trim().min(2).max(300),
    }),
    responses: { 201: { description: 'The organization', schema: organization } },
    handler: (request) =>
      once(app, 'organization-register', request, async ({ body, principal }) => ({
        status: 201 as const,
        body: organizationView({
          organization: await commands.register(app, principal, body),
          withIdentity: true,
        }),
      })),
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
    handler: readHandler(app, 'organizationId', commands.readOrganization, (found) =>
      shown(organizationView(found)),
    ),
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
    handler: pageHandler(app, commands.listOrganizations, organizationView),
  });
}
