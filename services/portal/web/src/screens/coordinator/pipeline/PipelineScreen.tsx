import { Alert, Anchor, Card, List, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { PageTitle } from '../../../components/PageTitle';
import { KEYBOARD_SCROLL } from '../../../components/AuditTrail';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { regionName } from '../common';
import { ReviewCard } from './ReviewCard';
import { RoundChoice, useRoundChoice } from './RoundChoice';

/** The statuses a submitted bid goes through, in that order (a draft is not yet in the pipeline). */
export const PIPELINE_STATUSES = [
  'check-failed',
  'in-review',
  'qualified',
  'not-qualified',
  'awarded',
  'not-awarded',
  'withdrawn',
] as const;

export const pipelineKey = (roundId: string, region: string) =>
  ['applications', 'pipeline', roundId, region] as const;

/**
 * A round's bids region by region, counted by the applications service: how many in each status, why the technical
 * check failed, where the review stands and which step the lottery is at. With one region chosen, its reviewers'
 * progress and the review's bulk actions.
 */
export default function PipelineScreen() {
  const { t } = useTranslation();
  const choice = useRoundChoice();
  const pipeline = useQuery({
    queryKey: pipelineKey(choice.roundId, choice.region),
    enabled: Boolean(choice.roundId),
    queryFn: () =>
      unwrap(
        api.applications.GET('/rounds/{roundId}/pipeline', {
          params: {
            path: { roundId: choice.roundId },
            query: choice.region ? { region: [choice.region] } : {},
          },
        }),
      ),
  });
  const items = pipeline.data?.items ?? [];
  const failures = items.filter((item) => item.checkFailures.length > 0);
  const one = choice.region ? items.find((item) => item.region === choice.region) : undefined;
  return (
    <>
      <PageTitle>{t('coordDraw.pipeline.title')}</PageTitle>
      <RoundChoice
        roundId={choice.roundId}
        region={choice.region}
        onRound={choice.setRound}
        onRegion={choice.setRegion}
        allRegions
      />
      {!choice.roundId ? <Alert color="blue">{t('coordDraw.pickRound')}</Alert> : null}
      <ProblemAlert error={pipeline.error} />
      {pipeline.isLoading ? <Loader aria-label={t('common.loading')} /> : null}
      {pipeline.data && items.length === 0 ? (
        <Alert color="blue">{t('coordDraw.pipeline.none')}</Alert>
      ) : null}
      {items.length > 0 ? (
        <Stack gap="lg">
          <Card withBorder padding="lg" component="section" aria-labelledby="pipeline-counts">
            <Title order={2} size="h3" mb="sm" id="pipeline-counts">
              {t('coordDraw.pipeline.byStatus')}
            </Title>
            <Table.ScrollContainer minWidth={820} scrollAreaProps={KEYBOARD_SCROLL}>
              <Table striped withColumnBorders data-testid="pipeline-counts">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('coordinator.filters.region')}</Table.Th>
                    {PIPELINE_STATUSES.map((status) => (
                      <Table.Th scope="col" key={status}>
                        {t(`bid.status.${status}`)}
                      </Table.Th>
                    ))}
                    <Table.Th scope="col">{t('coordDraw.pipeline.quota')}</Table.Th>
                    <Table.Th scope="col">{t('coordDraw.pipeline.lottery')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={item.region} data-region={item.region}>
                      <Table.Th scope="row">{regionName(t, item.region)}</Table.Th>
                      {PIPELINE_STATUSES.map((status) => (
                        <Table.Td key={status} data-status={status}>
                          {item.byStatus[status] ?? 0}
                        </Table.Td>
                      ))}
                      <Table.Td>{item.projectQuota}</Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/coordinator/lottery?round=${encodeURIComponent(choice.roundId)}&region=${item.region}`}
                        >
                          {t(`coordDraw.lotteryStatus.${item.lottery.status}`)}
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
          <Card withBorder padding="lg" component="section" aria-labelledby="pipeline-failures">
            <Title order={2} size="h3" mb="sm" id="pipeline-failures">
              {t('coordDraw.pipeline.checkFailures')}
            </Title>
            {failures.length === 0 ? <Text c="dimmed">{t('coordDraw.pipeline.noFailures')}</Text> : null}
            {failures.map((item) => (
              <div key={item.region}>
                <Text fw={600}>{regionName(t, item.region)}</Text>
                <List size="sm" mb="sm" data-testid={`failures-${item.region}`}>
                  {item.checkFailures.map((failure) => (
                    <List.Item key={failure.code}>
                      {failure.count} — {t(`bid.reasons.${failure.code}`)}
                    </List.Item>
                  ))}
                </List>
              </div>
            ))}
          </Card>
          {one ? (
            <ReviewCard roundId={choice.roundId} item={one} />
          ) : (
            <Text c="dimmed">{t('coordDraw.pipeline.chooseRegionForReview')}</Text>
          )}
        </Stack>
      ) : null}
      <Text size="sm" c="dimmed" mt="md">
        {t('coordinator.scopeNote')}
      </Text>
    </>
  );
}
