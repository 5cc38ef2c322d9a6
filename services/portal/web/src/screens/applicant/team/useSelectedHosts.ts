import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { type operations } from '../../../api/generated/competitions';

type Region = NonNullable<
  NonNullable<operations['get_rounds_roundId_selected_host_organizations']['parameters']['query']>['region']
>[number];

/** The host organizations selected in a round and region (competitions' public list), best ranked first. */
export function useSelectedHosts(roundId: string | undefined, region: string | undefined) {
  return useQuery({
    queryKey: ['rounds', roundId, 'selected-host-organizations', region],
    enabled: Boolean(roundId && region),
    queryFn: async () => {
      const page = await unwrap(
        api.competitions.GET('/rounds/{roundId}/selected-host-organizations', {
          params: {
            path: { roundId: roundId ?? '' },
            query: { region: [region as Region], limit: 100 },
          },
        }),
      );
      return [...page.items].sort((a, b) => a.rank - b.rank);
    },
  });
}
