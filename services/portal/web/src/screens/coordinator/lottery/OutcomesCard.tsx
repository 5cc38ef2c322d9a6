import { Card, Group, Loader, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { KEYBOARD_SCROLL } from '../../../components/AuditTrail';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ConfirmAction, LoadMore, Tenge } from '../common';

const PAGE = 25;

type Outcome = 'awarded' | 'not-awarded';

/** The region's bids decided one way, page by page from the service (GET /bids filtered there). */
function useDecided(roundId: string, region: string, status: Outcome) {
  return useInfiniteQuery({
    queryKey: ['applications', 'bids', roundId, region, status],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.applications.GET('/bids', {
          params: {
            query: {
              roundId,
              region: [region],
              status: [status],
              limit: PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * After the draw is published: the awards, and the bids below the cut-off or not drawn with the service's reason.
 * Should the awarding have been interrupted, the coordinator completes it (bids already decided stay as they are).
 */
export function OutcomesCard({
  roundId,
  region,
  lotteryId,
}: {
  roundId: string;
  region: string;
  lotteryId: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const awarded = useDecided(roundId, region, 'awarded');
  const others = useDecided(roundId, region, 'not-awarded');
  const awardedItems = awarded.data?.pages.flatMap((page) => page.items) ?? [];
  const otherItems = others.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <Card withBorder padding="lg" component="section" aria-labelledby="awards-title">
        <Title order={2} size="h3" mb="sm" id="awards-title">
          {t('coordDraw.outcomes.awards')}
        </Title>
        <ProblemAlert error={awarded.error} />
        {awarded.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
        {awarded.data && awardedItems.length === 0 ? (
          <Text c="dimmed">{t('coordDraw.outcomes.noAwards')}</Text>
        ) : null}
        {awardedItems.length > 0 ? (
          <Table.ScrollContainer minWidth={420} scrollAreaProps={KEYBOARD_SCROLL}>
            <Table striped data-testid="awards">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('coordDraw.lottery.registrationNumber')}</Table.Th>
                  <Table.Th scope="col">{t('coordDraw.lottery.score')}</Table.Th>
                  <Table.Th scope="col">{t('coordDraw.outcomes.grant')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {awardedItems.map((bid) => (
                  <Table.Tr key={bid.bidId}>
                    <Table.Td>{bid.registrationNumber}</Table.Td>
                    <Table.Td>{bid.averageScore ?? '—'}</Table.Td>
                    <Table.Td>
                      {bid.awardedAmountKzt === null ? '—' : <Tenge amount={bid.awardedAmountKzt} />}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        <LoadMore
          hasNext={awarded.hasNextPage}
          loading={awarded.isFetchingNextPage}
          onClick={() => void awarded.fetchNextPage()}
        />
      </Card>

      <Card withBorder padding="lg" component="section" aria-labelledby="below-title">
        <Title order={2} size="h3" mb="sm" id="below-title">
          {t('coordDraw.outcomes.below')}
        </Title>
        <ProblemAlert error={others.error} />
        {others.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
        {others.data && otherItems.length === 0 ? (
          <Text c="dimmed">{t('coordDraw.outcomes.noneBelow')}</Text>
        ) : null}
        {otherItems.length > 0 ? (
          <Table.ScrollContainer minWidth={420} scrollAreaProps={KEYBOARD_SCROLL}>
            <Table striped data-testid="below-cut-off">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('coordDraw.lottery.registrationNumber')}</Table.Th>
                  <Table.Th scope="col">{t('coordDraw.lottery.score')}</Table.Th>
                  <Table.Th scope="col">{t('coordDraw.outcomes.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {otherItems.map((bid) => (
                  <Table.Tr key={bid.bidId}>
                    <Table.Td>{bid.registrationNumber}</Table.Td>
                    <Table.Td>{bid.averageScore ?? '—'}</Table.Td>
                    <Table.Td>
                      {bid.notAwardedReason ? t(`coordDraw.notAwardedReason.${bid.notAwardedReason}`) : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        <LoadMore
          hasNext={others.hasNextPage}
          loading={others.isFetchingNextPage}
          onClick={() => void others.fetchNextPage()}
        />
        <Text size="sm" c="dimmed" mt="md" mb="xs">
          {t('coordDraw.outcomes.completeHelp')}
        </Text>
        <Group>
          <ConfirmAction
            label={t('coordDraw.outcomes.complete')}
            title={t('coordDraw.outcomes.complete')}
            onConfirm={async () => {
              await unwrap(
                api.applications.POST('/lotteries/{lotteryId}/outcomes', { params: { path: { lotteryId } } }),
              );
              await queryClient.invalidateQueries({ queryKey: ['applications'] });
            }}
          >
            {t('coordDraw.outcomes.completeConfirm')}
          </ConfirmAction>
        </Group>
      </Card>
    </>
  );
}
