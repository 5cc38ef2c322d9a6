import { idSchema } from '@zhas/contracts';
import { canAccessRegion } from '@zhas/domain';
import { type AggregateStore } from '@zhas/messaging';
import { z } from 'zod';
import { problems } from './problem';
import { type Api } from './routes';

/*
 * Who did what when: every service keeps an audit trail in each aggregate it changes for a person (written with the
 * change, see @zhas/messaging's AuditEntry), and reads it back here, one route the same in every service.
 */

export const auditTrailView = z.object({
  aggregateId: z.string(),
  aggregateType: z.string(),
  items: z.array(
    z.object({
      at: z.string(),
      version: z.number().int(),
      action: z.string().meta({ description: 'A stable code, e.g. `bid.reviewed`; screens translate it.' }),
      actor: z.object({
        roles: z.array(z.string()),
        name: z.string().optional().meta({ description: 'Staff only; applicants are shown by role.' }),
      }),
      eventTypes: z.array(z.string()),
    }),
  ),
});

/**
 * `GET /audit-trail/{aggregateId}` over the service's aggregate stores: coordinators (admins) of the record's region
 * (a record with `region` or `regions`; one with neither, such as a round, is for every coordinator). The subject of
 * each entry stays in the service: an identity provider may make it an e-mail address.
 */
export function declareAuditTrailRoute(
  api: Api,
  stores: readonly AggregateStore<Record<string, unknown>>[],
): void {
  api.route({
    method: 'get',
    path: '/audit-trail/{aggregateId}',
    summary: 'Who did what when to a record',
    description:
      'The audit trail the service keeps with each record it changes for a person, oldest first. For coordinators ' +
      "of the record's region.",
    tags: ['audit'],
    auth: { roles: ['coordinator'] },
    params: z.object({ aggregateId: idSchema }),
    responses: { 200: { description: 'The trail', schema: api.schema('AuditTrail', auditTrailView) } },
    handler: async ({ params, principal }) => {
      for (const store of stores) {
        const found = await store.get(params.aggregateId);
        if (!found) continue;
        const { region, regions } = found.state;
        const allowed =
          typeof region === 'string'
            ? canAccessRegion(principal, region)
            : Array.isArray(regions)
              ? regions.some((one) => typeof one === 'string' && canAccessRegion(principal, one))
              : true;
        if (!allowed) throw problems.forbidden('The record is outside your regions.');
        const trail = await store.auditTrail(params.aggregateId);
        return {
          status: 200,
          body: {
            aggregateId: params.aggregateId,
            aggregateType: store.aggregateType,
            items: trail.map((entry) => ({
              at: new Date(entry.at).toISOString(),
              version: entry.version,
              action: entry.action,
              actor: {
                roles: [...entry.actor.roles],
                ...(entry.actor.name === undefined ? {} : { name: entry.actor.name }),
              },
              eventTypes: [...entry.eventTypes],
            })),
          },
        };
      }
      throw problems.notFound('Record', params.aggregateId);
    },
  });
}
