import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ProblemError, problemSlug } from '../../api/problems';

export const MENTOR_KEY = ['mentor'] as const;

/** The signed-in mentor's profile; `null` when they have not filled it in yet. */
export function useOwnProfile() {
  return useQuery({
    queryKey: [...MENTOR_KEY, 'profile'],
    queryFn: async () => {
      try {
        return await unwrap(api.tracking.GET('/mentors/me'));
      } catch (error) {
        if (
          error instanceof ProblemError &&
          (error.problem.status === 404 || problemSlug(error.problem) === 'mentor-not-registered')
        ) {
          return null;
        }
        throw error;
      }
    },
  });
}

/** The projects the mentor accompanies, each with where its monthly reports stand. */
export function useOwnProjects(enabled: boolean) {
  return useQuery({
    queryKey: [...MENTOR_KEY, 'projects'],
    queryFn: () => unwrap(api.tracking.GET('/mentors/me/projects')),
    enabled,
  });
}
