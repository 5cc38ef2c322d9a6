import { Alert, Anchor, List, Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isLanguage } from '../../../i18n';
import { formatDate } from '../../../i18n/format';

/** A round's published lotteries, region by region, each a link to its page. Public. */
export default function RoundLotteriesScreen() {
  const { roundId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const lotteries = useQuery({
    queryKey: ['lotteries', roundId],
    queryFn: () =>
      unwrap(api.applications.GET('/rounds/{roundId}/lotteries', { params: { path: { roundId } } })),
  });
  const data = lotteries.data;
  return (
    <>
      <PageTitle>
        {t('lottery.roundTitle', { title: data?.title?.[language] ?? String(data?.year ?? '') })}
      </PageTitle>
      {lotteries.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      <ProblemAlert error={lotteries.error} />
      {data && data.items.length === 0 ? <Alert color="blue">{t('lottery.noneYet')}</Alert> : null}
      <List spacing="sm">
        {data?.items.map((item) => (
          <List.Item key={item.lotteryId}>
            <Anchor component={Link} to={`/lottery/${encodeURIComponent(roundId)}/${item.region}`}>
              {t(`regions.${item.region}`, { defaultValue: item.region })}
            </Anchor>
            <Text size="sm" c="dimmed">
              {t('lottery.summary', {
                winners: item.winnerCount,
                candidates: item.candidateCount,
                date: formatDate(item.publishedAt, language),
              })}
            </Text>
          </List.Item>
        ))}
      </List>
    </>
  );
}
