import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/generated/competitions';

/** What the competitions service answers (its OpenAPI document's schemas). */
export type Round = components['schemas']['Round'];
export type RoundStatus = Round['status'];
/** A region as the service's paths take it. */
export type RegionId = NonNullable<components['schemas']['RoundDraft']['regions']>[number];
export const ROUND_STATUSES: readonly RoundStatus[] = ['draft', 'published', 'closed'];

export const COMPETITIONS_KEY = ['competitions'] as const;

const PAGE = 20;

/** Rounds newest first, filtered on the server by year and status, page by page. */
export function useRounds(filters: { year: string; status: string }) {
  return useInfiniteQuery({
    queryKey: [...COMPETITIONS_KEY, 'rounds', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.competitions.GET('/rounds', {
          params: {
            query: {
              limit: PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(filters.status ? { status: [filters.status as RoundStatus] } : {}),
              ...(/^\d{4}$/.test(filters.year) ? { year: Number(filters.year) } : {}),
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRound(roundId: string) {
  return useQuery({
    queryKey: [...COMPETITIONS_KEY, 'round', roundId],
    queryFn: () => unwrap(api.competitions.GET('/rounds/{roundId}', { params: { path: { roundId } } })),
  });
}
