import { Alert, Card, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ConfirmAction, InstantText, regionName } from '../common';
import { useOnceKey } from '../rounds/onceKey';
import { COMPETITIONS_KEY, type RegionId } from '../rounds/queries';
import { OrganizationName } from './OrganizationName';
import { useHostRanking } from './queries';

/**
 * The committee's results as the service ranks them for the region (by score, ties to the earlier submission, up
 * to the seats), and the selection published once confirmed: every organization is told its outcome, so it is
 * asked again and cannot be undone. The service refuses it while the window is open or a score is missing.
 */
export function RankingCard({ roundId, region }: { roundId: string; region: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ranking = useHostRanking(roundId, region);
  const key = useOnceKey();
  const data = ranking.data;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="host-ranking-title">
      <Title order={2} size="h3" mb="sm" id="host-ranking-title">
        {t('coordRound.host.ranking')}
      </Title>
      <ProblemAlert error={ranking.error} />
      {ranking.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {data ? (
        <Stack gap="sm">
          <Text>{t('coordRound.host.seats', { count: data.seats })}</Text>
          {data.confirmed ? (
            <Alert color="green" role="status" data-testid="selection-published">
              {t('coordRound.host.published')} <InstantText value={data.confirmedAt} />
            </Alert>
          ) : null}
          {data.unscored.length > 0 ? (
            <Alert color="yellow">{t('coordRound.host.unscored', { count: data.unscored.length })}</Alert>
          ) : null}
          {data.outcomes.length === 0 ? (
            <Text size="sm">{t('coordRound.host.noRanking')}</Text>
          ) : (
            <Table.ScrollContainer
              minWidth={480}
              // Scrolled sideways on a phone, and a table without links or buttons: the keyboard scrolls it too.
              scrollAreaProps={{
                viewportProps: {
                  tabIndex: 0,
                  role: 'region',
                  'aria-label': t('coordRound.host.rankingTable'),
                },
              }}
            >
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('coordRound.host.rank')}</Table.Th>
                    <Table.Th>{t('coordRound.host.organization')}</Table.Th>
                    <Table.Th>{t('coordRound.host.score')}</Table.Th>
                    <Table.Th>{t('coordRound.host.outcome')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.outcomes.map((outcome) => (
                    <Table.Tr key={outcome.hostApplicationId}>
                      <Table.Td>{outcome.rank ?? '—'}</Table.Td>
                      <Table.Td>
                        <OrganizationName organizationId={outcome.hostOrganizationId} />
                      </Table.Td>
                      <Table.Td>{outcome.totalScore ?? '—'}</Table.Td>
                      <Table.Td>
                        {outcome.outcome === 'selected'
                          ? t('coordRound.host.status.selected')
                          : t(`coordRound.host.rejectedBecause.${outcome.reason ?? 'seats-filled'}`)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {!data.confirmed ? (
            <div>
              <ConfirmAction
                label={t('coordRound.host.publish')}
                title={t('coordRound.host.publish')}
                disabled={data.outcomes.length === 0}
                onConfirm={async () => {
                  await unwrap(
                    api.competitions.POST('/rounds/{roundId}/regions/{region}/host-selection', {
                      params: {
                        path: { roundId, region: region as RegionId },
                        header: { 'Idempotency-Key': key.keyFor({ roundId, region }) },
                      },
                    }),
                  );
                  key.answered();
                  await queryClient.invalidateQueries({ queryKey: COMPETITIONS_KEY });
                }}
              >
                {t('coordRound.host.publishConfirm', { region: regionName(t, region) })}
              </ConfirmAction>
            </div>
          ) : null}
        </Stack>
      ) : null}
    </Card>
  );
}
