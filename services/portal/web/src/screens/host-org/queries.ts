import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ProblemError } from '../../api/problems';
import type { components as applications } from '../../api/generated/applications';
import type { components as competitions } from '../../api/generated/competitions';
import { useSession } from '../../session';

/** What the services answer (their OpenAPI documents' schemas). */
export type HostApplication = competitions['schemas']['HostApplication'];
export type HostOrganization = competitions['schemas']['HostOrganization'];
export type Round = competitions['schemas']['Round'];
export type Team = applications['schemas']['Team'];
export type Facts = HostApplication['facts'];

export const HOST_KEY = ['host-org'] as const;
const PAGE = 20;

/** The organization the signed-in account acts for (its `host_org_id`), or null when the account names none. */
export function useHostOrgId(): string | null {
  const session = useSession();
  return session.data?.authenticated ? session.data.user.hostOrgId : null;
}

/** The regions of the account (a host organization works in its own), or null when it names none. */
export function useHostRegions(): readonly string[] | null {
  const session = useSession();
  return session.data?.authenticated ? session.data.user.regions : null;
}

/** The organization as registered, or null when it is not registered yet (404). */
export function useOrganization(hostOrgId: string | null) {
  return useQuery({
    queryKey: [...HOST_KEY, 'organization', hostOrgId],
    enabled: hostOrgId !== null,
    queryFn: async () => {
      try {
        return await unwrap(
          api.competitions.GET('/organizations/{organizationId}', {
            params: { path: { organizationId: hostOrgId ?? '' } },
          }),
        );
      } catch (error) {
        if (error instanceof ProblemError && error.problem.status === 404) return null;
        throw error;
      }
    },
  });
}

/** The organization's applications, oldest first, page by page (the service shows an organization its own). */
export function useMyApplications(hostOrgId: string | null, roundId?: string) {
  return useInfiniteQuery({
    queryKey: [...HOST_KEY, 'applications', hostOrgId, roundId ?? null],
    enabled: hostOrgId !== null,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.competitions.GET('/host-applications', {
          params: {
            query: {
              limit: PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(hostOrgId ? { hostOrganizationId: hostOrgId } : {}),
              ...(roundId ? { roundId } : {}),
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Published rounds in the account's regions, newest first, page by page. */
export function usePublishedRounds(regions: readonly string[] | null) {
  return useInfiniteQuery({
    queryKey: [...HOST_KEY, 'rounds', regions],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.competitions.GET('/rounds', {
          params: {
            query: {
              limit: 10,
              ...(pageParam ? { cursor: pageParam } : {}),
              status: ['published'],
              ...(regions && regions.length > 0 ? { region: [...regions] } : {}),
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
    queryKey: [...HOST_KEY, 'round', roundId],
    queryFn: () => unwrap(api.competitions.GET('/rounds/{roundId}', { params: { path: { roundId } } })),
  });
}

export function useApplication(hostApplicationId: string) {
  return useQuery({
    queryKey: [...HOST_KEY, 'application', hostApplicationId],
    queryFn: () =>
      unwrap(
        api.competitions.GET('/host-applications/{hostApplicationId}', {
          params: { path: { hostApplicationId } },
        }),
      ),
  });
}

export type TeamAnswer = Team['hostOrganizationStatus'];

/** The teams that asked this organization, filtered by its answer, page by page (the service scopes them to it). */
export function useAskingTeams(answer: TeamAnswer | '') {
  return useInfiniteQuery({
    queryKey: [...HOST_KEY, 'teams', answer],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.applications.GET('/teams', {
          params: {
            query: {
              limit: PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
              hostOrganizationStatus: answer ? [answer] : ['requested', 'confirmed', 'declined'],
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
