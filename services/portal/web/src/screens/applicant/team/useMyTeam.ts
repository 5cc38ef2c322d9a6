import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { type components } from '../../../api/generated/applications';
import { useSession } from '../../../session';

export type Team = components['schemas']['Team'];

export const TEAMS_KEY = ['teams', 'mine'] as const;

/** The applicant's teams as the service lists them (those they are in, or invited to), and the one they are in. */
export function useMyTeam() {
  const session = useSession();
  const participantId = session.data?.authenticated ? session.data.user.participantId : null;
  const teams = useQuery({
    queryKey: TEAMS_KEY,
    enabled: participantId !== null,
    queryFn: () => unwrap(api.applications.GET('/teams', { params: { query: { limit: 50 } } })),
  });
  const items = teams.data?.items ?? [];
  const team = items.find(
    (candidate) => participantId !== null && candidate.memberParticipantIds.includes(participantId),
  );
  const invitations = items.filter(
    (candidate) => participantId !== null && candidate.invitedParticipantIds.includes(participantId),
  );
  return {
    participantId,
    sessionPending: session.isPending,
    teams,
    team,
    invitations,
    isLeader: team !== undefined && team.leaderParticipantId === participantId,
  };
}
