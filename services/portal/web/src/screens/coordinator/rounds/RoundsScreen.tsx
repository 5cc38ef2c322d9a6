import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { LoadMore, useMyRegions } from '../common';
import { useOnceKey } from './onceKey';
import { COMPETITIONS_KEY, type Round, ROUND_STATUSES, useRounds } from './queries';
import { RoundStatusBadge, roundTitle } from './RoundStatusBadge';

/**
 * The rounds, newest first, filtered by year and status on the server, page by page. A new round starts as a copy
 * of an earlier one (the same regions and rules, a year later), which is then edited, checked and published.
 */
export default function RoundsScreen() {
  const { t, i18n } = useTranslation();
  const [year, setYear] = useState('');
  const [status, setStatus] = useState('');
  const rounds = useRounds({ year, status });
  const national = useMyRegions() === null;
  const items = rounds.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageTitle>{t('coordRound.title')}</PageTitle>
      <Stack gap="md">
        <Text>{t('coordRound.intro')}</Text>
        <Group align="end" wrap="wrap">
          <TextInput
            label={t('coordRound.filters.year')}
            inputMode="numeric"
            maxLength={4}
            value={year}
            onChange={(event) => setYear(event.currentTarget.value.replace(/\D/g, ''))}
            w={120}
          />
          <NativeSelect
            label={t('coordinator.filters.status')}
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value)}
            data={[
              { value: '', label: t('coordinator.filters.anyStatus') },
              ...ROUND_STATUSES.map((value) => ({ value, label: t(`coordRound.status.${value}`) })),
            ]}
          />
        </Group>
        <ProblemAlert error={rounds.error} />
        {rounds.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        {rounds.data && items.length === 0 ? <Alert color="blue">{t('coordRound.none')}</Alert> : null}
        {items.length > 0 ? (
          <Table.ScrollContainer minWidth={600}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('coordRound.round')}</Table.Th>
                  <Table.Th>{t('coordRound.filters.year')}</Table.Th>
                  <Table.Th>{t('coordinator.filters.status')}</Table.Th>
                  <Table.Th>{t('coordRound.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((round) => (
                  <Table.Tr key={round.roundId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/coordinator/rounds/${round.roundId}`}>
                        {roundTitle(round, i18n.language) || t('coordRound.untitled')}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{round.year ?? '—'}</Table.Td>
                    <Table.Td>
                      <RoundStatusBadge status={round.status} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="wrap">
                        {national ? <CopyRound round={round} /> : null}
                        {round.status !== 'draft' ? (
                          <Anchor
                            component={Link}
                            to={`/coordinator/rounds/${round.roundId}/host-competition`}
                          >
                            {t('coordRound.host.open')}
                          </Anchor>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        <LoadMore
          hasNext={rounds.hasNextPage}
          loading={rounds.isFetchingNextPage}
          onClick={() => void rounds.fetchNextPage()}
        />
      </Stack>
    </>
  );
}

/**
 * A new draft from this round's rules, a year later. Not a lasting decision (a draft can be left unpublished), so
 * no dialog; the button waits for the answer and one key per attempt makes a double click one copy.
 */
function CopyRound({ round }: { round: Round }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const key = useOnceKey();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const title = roundTitle(round, i18n.language) || t('coordRound.untitled');
  const copy = async () => {
    if (running) return;
    setRunning(true);
    setError(null);
    try {
      const copied = await unwrap(
        api.competitions.POST('/rounds/{roundId}/copies', {
          params: {
            path: { roundId: round.roundId },
            header: { 'Idempotency-Key': key.keyFor(round.roundId) },
          },
        }),
      );
      key.answered();
      await queryClient.invalidateQueries({ queryKey: COMPETITIONS_KEY });
      await navigate(`/coordinator/rounds/${copied.roundId}`);
    } catch (problem) {
      setError(problem);
    } finally {
      setRunning(false);
    }
  };
  return (
    <Stack gap={4}>
      <Button
        size="xs"
        variant="default"
        loading={running}
        onClick={() => void copy()}
        aria-label={t('coordRound.copyOf', { title })}
      >
        {t('coordRound.copy')}
      </Button>
      <ProblemAlert error={error} />
    </Stack>
  );
}
