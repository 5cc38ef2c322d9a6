import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  List,
  Loader,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isLanguage } from '../../../i18n';
import { formatDate } from '../../../i18n/format';
import { rerunDraw, type RerunResult } from './rerun';

/**
 * A region's published lottery, for anyone and without signing in: the seed, the sorted candidates (registration
 * numbers, no names), their hash, the quota and the winners; a button re-runs the draw in this browser with the same
 * code the service drew with (@zhas/lottery) and says, part by part, whether the published result agrees.
 */
export default function LotteryScreen() {
  const { roundId = '', region = '' } = useParams();
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const [result, setResult] = useState<RerunResult | undefined>();
  const [running, setRunning] = useState(false);
  const lottery = useQuery({
    queryKey: ['lottery', roundId, region],
    queryFn: () =>
      unwrap(
        api.applications.GET('/rounds/{roundId}/regions/{region}/lottery', {
          params: { path: { roundId, region } },
        }),
      ),
  });
  const regionName = t(`regions.${region}`, { defaultValue: region });
  const data = lottery.data;
  const numberOf = new Map(
    (data?.candidateBidIds ?? []).map((bidId, index) => [
      bidId,
      data?.candidateRegistrationNumbers[index] ?? '',
    ]),
  );
  const rerun = async () => {
    if (!data) return;
    setRunning(true);
    try {
      setResult(await rerunDraw(data));
    } finally {
      setRunning(false);
    }
  };
  return (
    <>
      <PageTitle>{t('lottery.title', { region: regionName })}</PageTitle>
      {lottery.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      <ProblemAlert error={lottery.error} />
      {data ? (
        <Stack gap="lg">
          <Card withBorder padding="lg" component="section" aria-labelledby="lottery-published">
            <Title order={2} size="h3" id="lottery-published" mb="sm">
              {t('lottery.published')}
            </Title>
            <List spacing={6}>
              <List.Item>
                {t('lottery.publishedAt', { date: formatDate(data.publishedAt, language) })}
              </List.Item>
              <List.Item>
                {t('lottery.seed')}: <Code data-testid="lottery-seed">{data.seed}</Code>
              </List.Item>
              <List.Item>
                {t('lottery.quota', { quota: data.quota, count: data.candidateBidIds.length })}
              </List.Item>
              <List.Item>
                {t('lottery.hash')}:{' '}
                <Code style={{ wordBreak: 'break-all' }} data-testid="lottery-hash">
                  {data.candidateListHash}
                </Code>
              </List.Item>
              <List.Item>
                {t('lottery.algorithm')}: <Code>{data.algorithm}</Code>
              </List.Item>
            </List>
          </Card>

          <Card withBorder padding="lg" component="section" aria-labelledby="lottery-check">
            <Title order={2} size="h3" id="lottery-check" mb="sm">
              {t('lottery.checkTitle')}
            </Title>
            <Text mb="sm">{t('lottery.checkIntro')}</Text>
            <List type="ordered" spacing={4} mb="md" size="sm">
              {(['1', '2', '3', '4', '5', '6'] as const).map((step) => (
                <List.Item key={step}>{t(`lottery.steps.${step}`)}</List.Item>
              ))}
            </List>
            <Button onClick={() => void rerun()} loading={running}>
              {t('lottery.rerun')}
            </Button>
            {result ? <RerunVerdict result={result} /> : null}
          </Card>

          <Card withBorder padding="lg" component="section" aria-labelledby="lottery-winners">
            <Title order={2} size="h3" id="lottery-winners" mb="sm">
              {t('lottery.winners', { count: data.winnerBidIds.length })}
            </Title>
            <List type="ordered" data-testid="lottery-winners">
              {data.winnerBidIds.map((bidId) => (
                <List.Item key={bidId}>{numberOf.get(bidId) || bidId}</List.Item>
              ))}
            </List>
          </Card>

          <Card withBorder padding="lg" component="section" aria-labelledby="lottery-candidates">
            <Title order={2} size="h3" id="lottery-candidates" mb="sm">
              {t('lottery.candidates', { count: data.candidateBidIds.length })}
            </Title>
            <Table.ScrollContainer minWidth={320}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">#</Table.Th>
                    <Table.Th scope="col">{t('lottery.registrationNumber')}</Table.Th>
                    <Table.Th scope="col">{t('lottery.bidId')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.candidateBidIds.map((bidId, index) => (
                    <Table.Tr key={bidId}>
                      <Table.Td>{index + 1}</Table.Td>
                      <Table.Td>{numberOf.get(bidId)}</Table.Td>
                      <Table.Td>
                        <Code>{bidId}</Code>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
          <Anchor component={Link} to={`/lottery/${encodeURIComponent(roundId)}`}>
            {t('lottery.otherRegions')}
          </Anchor>
        </Stack>
      ) : null}
    </>
  );
}

function RerunVerdict({ result }: { result: RerunResult }) {
  const { t } = useTranslation();
  const parts = [
    ['algorithm', result.algorithmAgrees],
    ['sorted', result.candidatesSorted],
    ['hash', result.hashAgrees],
    ['winners', result.winnersAgree],
  ] as const;
  return (
    <Alert
      mt="md"
      role="status"
      // Outlined: the title in shade 9 on white keeps AA contrast (on the light fill it does not).
      variant="outline"
      color={result.agrees ? 'teal' : 'red'}
      title={result.agrees ? t('lottery.agrees') : t('lottery.disagrees')}
      data-testid="lottery-verdict"
    >
      <Stack gap={4}>
        {parts.map(([part, agrees]) => (
          <Group key={part} gap="xs" wrap="nowrap">
            <Badge color={agrees ? 'teal' : 'red'} variant="filled" miw={90}>
              {agrees ? t('lottery.partAgrees') : t('lottery.partDisagrees')}
            </Badge>
            <Text size="sm">{t(`lottery.parts.${part}`)}</Text>
          </Group>
        ))}
        <Text size="sm">
          {t('lottery.recomputedHash')}:{' '}
          <Code style={{ wordBreak: 'break-all' }}>{result.recomputedCandidateListHash}</Code>
        </Text>
        <Text size="sm">{t('lottery.tookMs', { ms: result.tookMs })}</Text>
      </Stack>
    </Alert>
  );
}
