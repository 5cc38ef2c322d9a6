import { Alert, Anchor, Group, Loader, NativeSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { regionName, useMyRegions } from '../common';
import { useRound } from '../rounds/queries';
import { roundTitle } from '../rounds/RoundStatusBadge';
import { ApplicationsTable } from './ApplicationsTable';
import { CommitteeCard } from './CommitteeCard';
import { RankingCard } from './RankingCard';

/**
 * The host-organization competition of a round, one region at a time: the applications (eligibility reviewed with
 * a reason), the committee's results as the region's ranking, and the selection published with a confirmation.
 * The regions offered are the round's within the coordinator's own; the service narrows every answer to them too.
 */
export default function HostCompetitionScreen() {
  const { t, i18n } = useTranslation();
  const { roundId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const round = useRound(roundId);
  const mine = useMyRegions();
  const regions = (round.data?.regions ?? []).filter((region) => mine === null || mine.includes(region));
  const asked = search.get('region') ?? '';
  const region = regions.includes(asked) ? asked : (regions[0] ?? '');
  const status = search.get('status') ?? '';
  const choose = (next: { region?: string; status?: string }) =>
    setSearch(
      (current) => {
        const params = new URLSearchParams(current);
        for (const [name, value] of Object.entries(next)) {
          if (value) params.set(name, value);
          else params.delete(name);
        }
        return params;
      },
      { replace: true },
    );
  if (round.isPending) return <Loader aria-label={t('common.loading')} />;
  if (!round.data) return <ProblemAlert error={round.error} />;
  const title = roundTitle(round.data, i18n.language) || t('coordRound.untitled');
  return (
    <>
      <PageTitle>{t('coordRound.host.title')}</PageTitle>
      <Stack gap="md">
        <Text>
          <Anchor component={Link} to={`/coordinator/rounds/${roundId}`}>
            {title}
          </Anchor>
        </Text>
        {regions.length === 0 ? (
          <Alert color="blue">{t('coordRound.host.noRegions')}</Alert>
        ) : (
          <>
            <Group align="end" wrap="wrap">
              <NativeSelect
                label={t('coordinator.filters.region')}
                value={region}
                onChange={(event) => choose({ region: event.currentTarget.value })}
                data={regions
                  .map((value) => ({ value, label: regionName(t, value) }))
                  .sort((a, b) => a.label.localeCompare(b.label))}
              />
            </Group>
            <ApplicationsTable
              key={`${region}-applications`}
              roundId={roundId}
              region={region}
              status={status}
              onStatus={(value) => choose({ status: value })}
            />
            <CommitteeCard key={`${region}-committee`} roundId={roundId} region={region} />
            <RankingCard key={`${region}-ranking`} roundId={roundId} region={region} />
          </>
        )}
        <Text size="sm" c="dimmed">
          {t('coordinator.scopeNote')}
        </Text>
      </Stack>
    </>
  );
}
