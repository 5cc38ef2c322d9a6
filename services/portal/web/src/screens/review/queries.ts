import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components as applications } from '../../api/generated/applications';
import type { components as competitions, operations } from '../../api/generated/competitions';

/** What the services answer (their OpenAPI documents' schemas). */
export type ReviewSheet = applications['schemas']['ReviewSheet'];
export type HostApplication = competitions['schemas']['HostApplication'];

export const REVIEW_KEY = ['review'] as const;

const PAGE = 20;

/** Per round and region: how many bids the reviewer has, how many still wait, and by when. */
export function useQueueSummary() {
  return useQuery({
    queryKey: [...REVIEW_KEY, 'summary'],
    queryFn: () => unwrap(api.applications.GET('/review-queue/summary')),
  });
}

/** The bids waiting for the reviewer's scores, page by page, narrowed on the server to a round and region. */
export function useQueue(filters: { roundId: string; region: string }) {
  return useInfiniteQuery({
    queryKey: [...REVIEW_KEY, 'queue', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.applications.GET('/review-queue', {
          params: {
            query: {
              limit: PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(filters.roundId ? { roundId: filters.roundId } : {}),
              ...(filters.region ? { region: [filters.region] } : {}),
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useReviewSheet(bidId: string) {
  return useQuery({
    queryKey: [...REVIEW_KEY, 'sheet', bidId],
    queryFn: () =>
      unwrap(api.applications.GET('/bids/{bidId}/review-sheet', { params: { path: { bidId } } })),
    retry: false,
  });
}

/** The host organizations' applications a committee member scores: eligible ones of their regions. */
export function useHostApplications(filters: { region: string }) {
  return useInfiniteQuery({
    queryKey: [...REVIEW_KEY, 'host-applications', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.competitions.GET('/host-applications', {
          params: {
            query: {
              limit: PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
              status: ['eligible'],
              ...(filters.region
                ? { region: [filters.region] as NonNullable<HostApplicationQuery['region']> }
                : {}),
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

type HostApplicationQuery = NonNullable<operations['get_host_applications']['parameters']['query']>;

export function useHostApplication(hostApplicationId: string) {
  return useQuery({
    queryKey: [...REVIEW_KEY, 'host-application', hostApplicationId],
    queryFn: () =>
      unwrap(
        api.competitions.GET('/host-applications/{hostApplicationId}', {
          params: { path: { hostApplicationId } },
        }),
      ),
    retry: false,
  });
}

/** The round, for the host-organization rubric its rules set. */
export function useRound(roundId: string | undefined) {
  return useQuery({
    queryKey: [...REVIEW_KEY, 'round', roundId],
    queryFn: () =>
      unwrap(api.competitions.GET('/rounds/{roundId}', { params: { path: { roundId: roundId ?? '' } } })),
    enabled: Boolean(roundId),
    staleTime: 300_000,
  });
}

/** A host organization's name (committee members may read it). */
export function useOrganization(organizationId: string) {
  return useQuery({
    queryKey: [...REVIEW_KEY, 'organization', organizationId],
    queryFn: () =>
      unwrap(
        api.competitions.GET('/organizations/{organizationId}', {
          params: { path: { organizationId } },
        }),
      ),
    staleTime: 300_000,
  });
}
