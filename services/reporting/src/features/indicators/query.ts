import { idSchema } from '@zhas/contracts';
import { type Principal, problems, queryList, regionScope, requireRole } from '@zhas/service-kit';
import { z } from 'zod';
import { membersOfComparable, type RegionBasis, regionBases } from '../figures/regions';
import { type Selection } from './compute';
import { parsePeriod, periodPattern } from './periods';

/*
 * The query parameters every reading route shares (rounds, regions, the region basis, a period), and how they
 * become a selection of observations within what the caller may see.
 */

/** A date of the years periods cover (2000-2099, like `period`): an earlier one has no period and failed with a 500. */
export const isoDate = z.iso
  .date()
  .regex(/^20\d\d-/, 'A date in the years 2000-2099')
  .meta({ description: 'A date (YYYY-MM-DD) in the years 2000-2099.' });

export const scopeQuery = {
  roundId: queryList(idSchema).optional().meta({ description: 'Rounds to count (all when absent).' }),
  region: queryList(z.string().min(1).max(64))
    .optional()
    .meta({ description: 'Regions to count (all the caller may see when absent).' }),
  regionBasis: z
    .enum(regionBases)
    .default('recorded')
    .meta({
      description:
        "'recorded': regions as the facts were recorded. 'comparable': regions split since 2018 and 2022 are " +
        'counted with their successors under the old region (south-kazakhstan with turkistan and shymkent; ' +
        'almaty-region with zhetisu; east-kazakhstan with abai; karaganda with ulytau), so a series across the ' +
        'changes is not broken; region filters then name those groups.',
    }),
};

export const periodQuery = {
  period: z
    .string()
    .regex(periodPattern)
    .optional()
    .meta({ description: "'2019', '2019-S1', '2019-Q2' or '2019-05' (years 2000-2099); or use from/to." }),
  from: isoDate.optional(),
  to: isoDate.optional(),
};

export interface ScopeParams {
  readonly roundId?: readonly string[];
  readonly region?: readonly string[];
  readonly regionBasis: RegionBasis;
}

/**
 * The rounds and recorded regions a reader's query counts. Regions the caller may not see are never counted,
 * whatever the basis: a comparable group is only the caller's recorded regions within it.
 */
export function scopeOf(principal: Principal, query: ScopeParams): Selection {
  requireRole(principal, 'viewer', 'coordinator');
  const asked =
    query.region === undefined
      ? undefined
      : query.regionBasis === 'comparable'
        ? query.region.flatMap((group) => membersOfComparable(group))
        : query.region;
  const regions = regionScope(principal, asked);
  return { ...(query.roundId ? { roundIds: [...query.roundId] } : {}), ...(regions ? { regions } : {}) };
}

export function dateRangeOf(query: { period?: string; from?: string; to?: string }): {
  from?: string;
  to?: string;
} {
  if (query.period !== undefined) {
    if (query.from !== undefined || query.to !== undefined) {
      throw problems.validation([
        { field: 'query.period', message: 'Give either period or from/to, not both.' },
      ]);
    }
    const period = parsePeriod(query.period);
    if (!period) throw problems.validation([{ field: 'query.period', message: 'Not a period.' }]);
    return { from: period.from, to: period.to };
  }
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw problems.validation([{ field: 'query.to', message: 'to is before from.' }]);
  }
  return { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) };
}
