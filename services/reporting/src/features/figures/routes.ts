import { type Api, itemsOf, problems } from '@zhas/service-kit';
import { z } from 'zod';
import { protectGroup } from '../disclosure/domain';
import { READERS } from '../framework/routes';
import { type Reporting } from '../../shared/context';
import { sendTable } from '../indicators/export';
import { dateRangeOf, periodQuery, scopeOf, scopeQuery } from '../indicators/query';
import { rowsBehind, selectCells, sumCells, valueFrom } from './domain';
import { comparableView } from './regions';
import { found } from '../../shared/responses';

/*
 * Where the numbers come from: the snapshots figures are computed from, and the rows behind any figure as CSV or
 * XLSX. The rows add the figure's cells up by round, region and month; a row resting on fewer people or facts
 * than the threshold is withheld, with one more when a single withheld row could be worked out from the total.
 */

const snapshotInfoSchema = z.object({
  id: z.string(),
  asOf: z.string(),
  generation: z.int(),
  offsets: z.array(z.object({ topic: z.string(), partition: z.int(), offset: z.string() })),
  observations: z.int(),
  cells: z.int(),
  tookMs: z.number(),
});

const rowsQuery = z.object({
  code: z.string().min(1).max(32),
  ...scopeQuery,
  ...periodQuery,
  format: z.enum(['csv', 'xlsx']).default('csv'),
});

export function declareRoutes(api: Api, reporting: Reporting): void {
  const { figures, definitions, internalRule: rule, snapshotLog: log } = reporting;
  const info = api.schema('FigureSnapshot', snapshotInfoSchema);

  api.route({
    method: 'get',
    path: '/figure-snapshots',
    summary: 'The latest snapshots figures were computed from',
    tags: ['sources'],
    auth: READERS,
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
    responses: { 200: { description: 'Newest first', schema: z.object({ items: z.array(info) }) } },
    handler: async ({ query }) => itemsOf(await log.latest(query.limit)),
  });

  api.route({
    method: 'get',
    path: '/figure-snapshots/{snapshotId}',
    summary: 'One snapshot: when it was taken, from which generation, up to which event offsets',
    tags: ['sources'],
    auth: READERS,
    params: z.object({ snapshotId: z.string().min(1).max(64) }),
    responses: { 200: { description: 'The snapshot', schema: info } },
    handler: async ({ params }) => found(await log.get(params.snapshotId), 'Snapshot', params.snapshotId),
  });

  api.route({
    method: 'get',
    path: '/exports/indicator-rows',
    summary: 'The rows behind a figure, by round, region and month, as CSV or XLSX',
    description:
      `Rows resting on fewer than ${rule.threshold} people or facts are withheld (and one more when a single ` +
      'withheld row could be worked out from the total). The last row is the total, the figure itself.',
    tags: ['sources', 'exports'],
    auth: READERS,
    query: rowsQuery,
    responses: { 200: { description: 'A CSV (UTF-8 with BOM) or XLSX file' } },
    handler: async ({ query, principal, res }) => {
      const selection = { ...scopeOf(principal, query), ...dateRangeOf(query) };
      const definition = await definitions.get(query.code);
      if (!definition) throw problems.notFound('Indicator', query.code);
      const set = await figures.current();
      const tally = query.regionBasis === 'comparable' ? comparableView(set.tally) : set.tally;
      const cells = selectCells(tally.cells.get(definition.code) ?? [], definition.timing, selection);
      const rows = rowsBehind(cells);
      const published = protectGroup(rows, definition.unit, definition.aggregation, rule);
      const total = sumCells(cells);
      return sendTable(
        res,
        {
          columns: [
            'code',
            'round',
            'region',
            'month',
            'people_or_facts',
            'numerator',
            'denominator',
            'value',
            'withheld',
            'snapshot',
            'snapshot_as_of',
          ],
          rows: [
            ...rows.map((row, index) => {
              const shown = published[index]!;
              return [
                definition.code,
                row.roundId,
                row.region,
                row.month,
                shown.suppressed ? null : row.n,
                shown.suppressed ? null : row.numerator,
                shown.suppressed ? null : row.denominator,
                shown.value,
                shown.suppressed ? `fewer than ${rule.threshold}` : '',
                set.info.id,
                set.info.asOf,
              ];
            }),
            [
              definition.code,
              'total',
              '',
              '',
              total.n,
              total.numerator,
              total.denominator,
              valueFrom(total.numerator, total.denominator, definition.aggregation),
              '',
              set.info.id,
              set.info.asOf,
            ],
          ],
        },
        query.format,
        ['indicator-rows', definition.code, selection.from, selection.to],
      );
    },
  });
}
