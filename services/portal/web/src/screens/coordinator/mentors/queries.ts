import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { type ExpertiseArea } from '../../mentor/profile';
import { TRACKING_KEY } from '../queries';

const PAGE = 20;

export const mentorKey = (mentorId: string) => [...TRACKING_KEY, 'mentor', mentorId] as const;

/** The registry, page by page, filtered by the service: mentors of a region and an area of expertise. */
export function useMentors(filters: { region: string; expertise: string }) {
  return useInfiniteQuery({
    queryKey: [...TRACKING_KEY, 'mentors', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.tracking.GET('/mentors', {
          params: {
            query: {
              limit: PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(filters.region ? { region: [filters.region] } : {}),
              ...(filters.expertise ? { expertise: [filters.expertise as ExpertiseArea] } : {}),
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
