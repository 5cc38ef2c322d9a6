import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { type components } from '../../../api/generated/competitions';

export type Round = components['schemas']['Round'];

/** The published rounds (the same query the rounds screen shows), to name a team's round and read its rules. */
export function usePublishedRounds() {
  return useQuery({
    queryKey: ['rounds', 'published'],
    queryFn: () => unwrap(api.competitions.GET('/rounds', { params: { query: { status: ['published'] } } })),
  });
}
