import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/generated/competitions';
import { COMPETITIONS_KEY, type RegionId } from '../rounds/queries';

export type HostApplication = components['schemas']['HostApplication'];
export type HostApplicationStatus = HostApplication['status'];
export type HostRanking = components['schemas']['HostRanking'];

/** The statuses a coordinator filters by (drafts are the organizations' own, not yet submitted). */
export const HOST_STATUSES: readonly HostApplicationStatus[] = [
  'eligible',
  'ineligible',
  'selected',
  'rejected',
  'withdrawn',
  'draft',
];

export const HOST_INELIGIBILITY_REASONS = [
  'registered-too-recently',
  'insufficient-youth-experience',
  'tax-debt',
  'no-bank-account',
  'unreliable-supplier',
  'not-operating-in-region',
  'incomplete-documents',
] as const;
export type HostIneligibilityReason = (typeof HOST_INELIGIBILITY_REASONS)[number];

const PAGE = 20;

/** A region's applications in a round, oldest first, filtered by status on the server, page by page. */
export function useHostApplications(filters: { roundId: string; region: string; status: string }) {
  return useInfiniteQuery({
    queryKey: [...COMPETITIONS_KEY, 'host-applications', filters],
    enabled: filters.region !== '',
    queryFn: ({ pageParam }) =>
      unwrap(
        api.competitions.GET('/host-applications', {
          params: {
            query: {
              limit: PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
              roundId: filters.roundId,
              region: [filters.region as RegionId],
              ...(filters.status ? { status: [filters.status as HostApplicationStatus] } : {}),
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useHostRanking(roundId: string, region: string) {
  return useQuery({
    queryKey: [...COMPETITIONS_KEY, 'host-ranking', roundId, region],
    enabled: region !== '',
    queryFn: () =>
      unwrap(
        api.competitions.GET('/rounds/{roundId}/regions/{region}/host-ranking', {
          params: { path: { roundId, region: region as RegionId } },
        }),
      ),
  });
}

/** The organization's name (coordinators read it; the BIN stays out of the list). */
export function useOrganization(organizationId: string) {
  return useQuery({
    queryKey: [...COMPETITIONS_KEY, 'organization', organizationId],
    staleTime: 5 * 60_000,
    queryFn: () =>
      unwrap(
        api.competitions.GET('/organizations/{organizationId}', {
          params: { path: { organizationId } },
        }),
      ),
  });
}
