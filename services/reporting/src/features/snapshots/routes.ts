import { randomUUID } from 'node:crypto';
import { disaggregationDimensions, idSchema, indicatorSnapshotPublishedV1 } from '@zhas/contracts';
import { type Api, idempotencyKeyHeader, type Principal, problems, requireRole } from '@zhas/service-kit';
import { z } from 'zod';
import { type Reporting } from '../../shared/context';
import { targetFor } from '../framework/domain';
import { parsePeriod, periodPattern } from '../indicators/periods';
import { indicatorValues } from '../indicators/tables';

/*
 * Publishing the official numbers of a period as `reporting.indicator-snapshot.published.v1`, so that other
 * systems take them without reading this service's database. Values are those of GET /indicator-values for the
 * same period and round (flows within the period, stocks at its end), with every disaggregation the indicator
 * allows; indicators without a value (no denominator yet) are left out, as the event needs numbers.
 */

interface SnapshotState extends Record<string, unknown> {
  readonly period: { readonly from: string; readonly to: string };
  readonly roundId?: string;
  readonly asOf: string;
  readonly requestedBy: string;
  readonly indicatorCount: number;
}

const snapshotSchema = z.object({
  indicatorSnapshotId: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  roundId: z.string().optional(),
  asOf: z.string(),
  indicatorCount: z.int(),
});

/** Snapshots are national numbers: a principal limited to some regions may not publish one. */
function requirePublisher(principal: Principal): void {
  requireRole(principal, 'coordinator');
  if (principal.regions !== undefined) {
    throw problems.forbidden('A snapshot covers every region; your access is limited to some regions.');
  }
}

export function declareRoutes(api: Api, { deps, definitions, figures }: Reporting): void {
  const snapshots = deps.aggregateStore<SnapshotState>('snapshots', 'indicator-snapshot');

  api.route({
    method: 'post',
    path: '/snapshots',
    summary: 'Publish the indicator values of a period as an event',
    tags: ['snapshots'],
    auth: { roles: ['coordinator'] },
    headers: idempotencyKeyHeader,
    body: z.object({
      period: z
        .string()
        .regex(periodPattern)
        .meta({ description: "'2019', '2019-S1', '2019-Q2' or '2019-05', years 2000-2099." }),
      roundId: idSchema.optional(),
    }),
    responses: {
      201: { description: 'The snapshot was recorded and is being published', schema: snapshotSchema },
    },
    handler: ({ body, headers, principal, requestId }) =>
      deps.idempotent(
        { scope: `snapshot:${principal.subject}`, key: headers['Idempotency-Key'], payload: body },
        async () => {
          requirePublisher(principal);
          const period = parsePeriod(body.period);
          if (!period) throw problems.validation([{ field: 'body.period', message: 'Not a period.' }]);
          const now = deps.now();
          const [all, set] = await Promise.all([definitions.list(), figures.current()]);
          const selection = {
            from: period.from,
            to: period.to,
            ...(body.roundId ? { roundIds: [body.roundId] } : {}),
          };
          const values = indicatorValues(all, set.tally.cells, selection, disaggregationDimensions);
          const indicators = values.flatMap((value) => {
            if (value.value === null) return [];
            const definition = all.find((candidate) => candidate.code === value.code);
            const target = definition
              ? targetFor(definition.targets, Number(period.to.slice(0, 4)))
              : undefined;
            return [
              {
                code: value.code,
                level: value.level,
                unit: value.unit,
                value: value.value,
                ...(definition ? { baseline: definition.baseline } : {}),
                ...(target === undefined ? {} : { target }),
                disaggregations: value.disaggregations.flatMap((group) =>
                  group.value === null
                    ? []
                    : [{ dimension: group.dimension, key: group.key, value: group.value }],
                ),
              },
            ];
          });
          if (indicators.length === 0) {
            throw problems.conflict(
              '/problems/nothing-to-publish',
              'No indicator has a value for this period yet.',
            );
          }
          const id = `snap-${randomUUID()}`;
          const asOf = now.toISOString();
          const state: SnapshotState = {
            period: { from: period.from, to: period.to },
            ...(body.roundId ? { roundId: body.roundId } : {}),
            asOf,
            requestedBy: principal.subject,
            indicatorCount: indicators.length,
          };
          await snapshots.create(
            id,
            state,
            [
              {
                definition: indicatorSnapshotPublishedV1,
                data: {
                  indicatorSnapshotId: id,
                  asOf,
                  period: state.period,
                  ...(body.roundId ? { roundId: body.roundId } : {}),
                  indicators,
                  publishedAt: asOf,
                },
              },
            ],
            { correlationId: requestId, now },
          );
          return {
            status: 201 as const,
            body: {
              indicatorSnapshotId: id,
              period: state.period,
              ...(body.roundId ? { roundId: body.roundId } : {}),
              asOf,
              indicatorCount: indicators.length,
            },
          };
        },
      ),
  });
}
