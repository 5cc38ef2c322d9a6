import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/generated/tracking';

/** What the tracking service answers (its OpenAPI document's schemas). */
export type Project = components['schemas']['Project'];
export type Tranche = components['schemas']['Tranche'];
export type Report = components['schemas']['Report'];
export type Stipend = components['schemas']['Stipend'];
export type Grievance = components['schemas']['Grievance'];

export const TRACKING_KEY = ['tracking'] as const;

const PAGE = 20;

/** Filters as the lists take them; an empty choice is no filter. */
const list = (value: string) => (value ? [value] : undefined);

export function useProjects(filters: { region: string; status: string }) {
  return useInfiniteQuery({
    queryKey: [...TRACKING_KEY, 'projects', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.tracking.GET('/projects', {
          params: {
            query: {
              limit: PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
              region: list(filters.region),
              status: list(filters.status) as Project['status'][] | undefined,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useReportQueue(filters: { region: string; status: string }) {
  return useInfiniteQuery({
    queryKey: [...TRACKING_KEY, 'reports', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.tracking.GET('/reports', {
          params: {
            query: {
              limit: PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
              region: list(filters.region),
              status: list(filters.status) as Report['status'][] | undefined,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useStipends(filters: { region: string; status: string }) {
  return useInfiniteQuery({
    queryKey: [...TRACKING_KEY, 'stipends', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.tracking.GET('/stipends', {
          params: {
            query: {
              limit: PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
              region: list(filters.region),
              status: list(filters.status) as Stipend['status'][] | undefined,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The desk's views of grievances: new, overdue, assigned, answered, resolved. */
export const GRIEVANCE_VIEWS = ['lodged', 'overdue', 'assigned', 'answered', 'resolved'] as const;
export type GrievanceView = (typeof GRIEVANCE_VIEWS)[number];

export function useGrievances(filters: { region: string; view: GrievanceView; category: string }) {
  return useInfiniteQuery({
    queryKey: [...TRACKING_KEY, 'grievances', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.tracking.GET('/grievances', {
          params: {
            query: {
              limit: PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
              region: list(filters.region),
              category: list(filters.category) as Grievance['category'][] | undefined,
              ...(filters.view === 'overdue'
                ? { overdue: 'true' as const }
                : { status: [filters.view] as Grievance['status'][] }),
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
