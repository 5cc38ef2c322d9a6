import { Group, Loader, NativeSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { type components } from '../../../api/generated/competitions';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { regionName, useLanguage, useMyRegions } from '../common';

export type Round = components['schemas']['Round'];

/**
 * The round and region a desk works on, kept in the address (`?round=...&region=...`) so that a copied link or a
 * reload opens the same view, and the pipeline links to the region's lottery with it.
 */
export function useRoundChoice() {
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  return {
    roundId: params.get('round') ?? '',
    region: params.get('region') ?? '',
    setRound: (roundId: string) => set({ round: roundId, region: '' }),
    setRegion: (region: string) => set({ region }),
  };
}

/** The newest rounds that took bids (published or closed), and the chosen one even if older than those. */
function useRounds(chosen: string) {
  const recent = useQuery({
    queryKey: ['rounds', 'coordinator-draw'],
    queryFn: () =>
      unwrap(
        api.competitions.GET('/rounds', {
          params: { query: { status: ['published', 'closed'], limit: 50 } },
        }),
      ),
  });
  const missing =
    Boolean(chosen) && recent.isSuccess && !recent.data.items.some((round) => round.roundId === chosen);
  const one = useQuery({
    queryKey: ['rounds', chosen],
    enabled: missing,
    queryFn: () =>
      unwrap(api.competitions.GET('/rounds/{roundId}', { params: { path: { roundId: chosen } } })),
  });
  const items = [...(one.data ? [one.data] : []), ...(recent.data?.items ?? [])];
  return { items, error: recent.error ?? one.error, isPending: recent.isPending };
}

/** The regions of the round the coordinator may act in (all of the round's for a national coordinator). */
export function regionsOf(round: Round | undefined, mine: readonly string[] | null): string[] {
  const regions = round?.regions ?? [];
  return mine ? regions.filter((region) => mine.includes(region)) : [...regions];
}

export function RoundChoice(props: {
  roundId: string;
  region: string;
  onRound: (roundId: string) => void;
  onRegion: (region: string) => void;
  /** Whether "all my regions" is a choice (the pipeline) or one region must be chosen (the lottery). */
  allRegions: boolean;
  children?: (round: Round | undefined) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rounds = useRounds(props.roundId);
  const mine = useMyRegions();
  const round = rounds.items.find((item) => item.roundId === props.roundId);
  const regions = regionsOf(round, mine)
    .map((value) => ({ value, label: regionName(t, value) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <>
      <Group align="end" wrap="wrap" mb="md">
        <NativeSelect
          label={t('coordDraw.round')}
          value={props.roundId}
          onChange={(event) => props.onRound(event.currentTarget.value)}
          data={[
            { value: '', label: t('coordDraw.chooseRound') },
            ...rounds.items.map((item) => ({
              value: item.roundId,
              label: `${item.title?.[language] ?? item.roundId} (${item.year ?? ''})`,
            })),
          ]}
          miw={260}
        />
        {round ? (
          <NativeSelect
            label={t('coordinator.filters.region')}
            value={props.region}
            onChange={(event) => props.onRegion(event.currentTarget.value)}
            data={[
              {
                value: '',
                label: t(props.allRegions ? 'coordinator.filters.allRegions' : 'coordDraw.chooseRegion'),
              },
              ...regions,
            ]}
          />
        ) : null}
        {rounds.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      </Group>
      <ProblemAlert error={rounds.error} />
      {props.children?.(round)}
    </>
  );
}
