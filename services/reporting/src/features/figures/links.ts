import { z } from 'zod';
import { type FigureSet } from './commands';

/*
 * The source behind every number a reader sees: the snapshot it was computed from (when, which generation, up to
 * which event offsets), the indicator's definition, and the rows behind it as CSV or XLSX (small cells withheld).
 * Links are paths on this service.
 */

export const snapshotSchema = z.object({
  id: z.string(),
  asOf: z.string().meta({ description: 'When the tally the numbers come from was taken.' }),
  generation: z.int(),
  offsets: z
    .array(z.object({ topic: z.string(), partition: z.int(), offset: z.string() }))
    .meta({ description: 'Every event before these offsets had been applied to the read models.' }),
  stale: z
    .boolean()
    .meta({ description: 'A newer tally is being taken; the read models have changed since.' }),
  href: z.string(),
});

export type SnapshotRef = z.infer<typeof snapshotSchema>;

export function snapshotOf(set: FigureSet): SnapshotRef {
  return {
    id: set.info.id,
    asOf: set.info.asOf,
    generation: set.info.generation,
    offsets: [...set.info.offsets],
    stale: set.stale,
    href: `/figure-snapshots/${encodeURIComponent(set.info.id)}`,
  };
}

export const sourceLinksSchema = z.object({
  definition: z.string().meta({ description: "The indicator's definition, targets and their sources." }),
  rows: z.string().meta({ description: 'The rows behind the figure as CSV (add format=xlsx for XLSX).' }),
});

export type SourceLinks = z.infer<typeof sourceLinksSchema>;

/** The links behind one figure: its definition and the rows of the same selection. */
export function figureSource(
  code: string,
  scope: {
    readonly roundId?: readonly string[];
    readonly region?: readonly string[];
    readonly regionBasis?: string;
  },
  range: { readonly from?: string; readonly to?: string },
): SourceLinks {
  const query = new URLSearchParams({ code });
  if (range.from) query.set('from', range.from);
  if (range.to) query.set('to', range.to);
  if (scope.roundId?.length) query.set('roundId', scope.roundId.join(','));
  if (scope.region?.length) query.set('region', scope.region.join(','));
  if (scope.regionBasis && scope.regionBasis !== 'recorded') query.set('regionBasis', scope.regionBasis);
  return {
    definition: `/indicators/${encodeURIComponent(code)}`,
    rows: `/exports/indicator-rows?${query.toString()}`,
  };
}
