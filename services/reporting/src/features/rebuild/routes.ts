import { type Api, shown, requireRole } from '@zhas/service-kit';
import { z } from 'zod';
import { type Reporting } from '../../shared/context';
import { found } from '../../shared/responses';

const offsetSchema = z.object({ topic: z.string(), partition: z.int(), offset: z.string() });

const rebuildSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  generation: z.int(),
  previousGeneration: z.int(),
  requestedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  endOffsets: z.array(offsetSchema),
  error: z.string().optional(),
});

const progressSchema = z.object({
  activeGeneration: z.int(),
  rebuilding: z.object({ rebuildId: z.string(), generation: z.int() }).nullable(),
  partitions: z.array(
    z.object({
      topic: z.string(),
      partition: z.int(),
      processedUpTo: z.string(),
      endOffset: z.string(),
      lag: z.int(),
    }),
  ),
  caughtUp: z.boolean(),
});

export function declareRoutes(api: Api, { rebuilds, progress }: Reporting): void {
  const rebuild = api.schema('Rebuild', rebuildSchema);

  api.route({
    method: 'get',
    path: '/read-models/progress',
    summary: 'Up to which offsets the read models have processed each topic',
    description:
      '`caughtUp` is true when every message written so far is in the read models: end-to-end tests and demo ' +
      'seeding poll this instead of sleeping.',
    tags: ['read-models'],
    auth: { roles: ['viewer', 'coordinator'] },
    responses: { 200: { description: 'Offsets per topic partition', schema: progressSchema } },
    handler: async (_context) => shown(await progress()),
  });

  api.route({
    method: 'post',
    path: '/admin/rebuild',
    summary: 'Rebuild the read models from offset zero',
    description:
      'Builds a new generation of the read models from the beginning of every topic while the current one keeps ' +
      'serving, then switches to it. Poll GET /admin/rebuild/{rebuildId}.',
    tags: ['admin'],
    auth: { roles: ['admin'] },
    responses: {
      202: { description: 'The rebuild started', schema: rebuild },
      409: { description: 'A rebuild is already running' },
    },
    handler: async ({ principal }) => {
      requireRole(principal, 'admin');
      return { status: 202, body: await rebuilds.start(principal.subject) };
    },
  });

  api.route({
    method: 'get',
    path: '/admin/rebuild/{rebuildId}',
    summary: 'The status of a rebuild',
    tags: ['admin'],
    auth: { roles: ['admin'] },
    params: z.object({ rebuildId: z.string().min(1).max(64) }),
    responses: { 200: { description: 'The rebuild', schema: rebuild } },
    handler: async ({ params }) => found(await rebuilds.get(params.rebuildId), 'Rebuild', params.rebuildId),
  });
}
