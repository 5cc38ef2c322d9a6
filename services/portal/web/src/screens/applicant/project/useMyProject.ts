import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { useSession } from '../../../session';
import { type Project } from './report';

export const PROJECT_KEY = ['projects', 'mine'] as const;

/**
 * The applicant's awarded project as the tracking service shows it to its members (the service lists only the
 * projects the account's participant is in). `null`: no project (yet).
 */
export function useMyProject() {
  const session = useSession();
  const participantId = session.data?.authenticated ? session.data.user.participantId : null;
  const project = useQuery({
    queryKey: PROJECT_KEY,
    enabled: participantId !== null,
    queryFn: async (): Promise<Project | null> => {
      const page = await unwrap(api.tracking.GET('/projects', { params: { query: { limit: 5 } } }));
      return page.items[0] ?? null;
    },
  });
  return {
    participantId,
    /** The session is read and the account is not a participant yet: nothing to load. */
    unregistered: session.data !== undefined && participantId === null,
    project,
    isLeader: project.data?.leaderParticipantId === participantId && participantId !== null,
  };
}
