import { Alert, Anchor, Card, Group, List, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { StatusBadge } from '../../../components/StatusBadge';
import { isLanguage } from '../../../i18n';
import { formatDate, formatNumber, formatTenge } from '../../../i18n/format';
import { type Bid, stepOfField } from './content';
import { describeOutcome, STATUS_TONE } from './outcome';

/**
 * "My bid": its registration number, its status and the way it went (each submission and what followed), the
 * technical check's reasons with a link to the step where each is fixed, and the outcome with its reason.
 */
export function BidStatus({ bid, qualifyingScore }: { bid: Bid; qualifyingScore: number | null }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const lotteryId = bid.lotteryId;
  // The region's published draw (public): how many qualified bids competed for how many grants.
  const lottery = useQuery({
    queryKey: ['lotteries', lotteryId],
    enabled: lotteryId !== null,
    staleTime: Infinity,
    queryFn: () =>
      unwrap(
        api.applications.GET('/lotteries/{lotteryId}', { params: { path: { lotteryId: lotteryId ?? '' } } }),
      ),
  });
  const outcome = describeOutcome(bid, qualifyingScore, lottery.data ?? null);
  return (
    <Card withBorder padding="lg" mb="lg" component="section" aria-labelledby="bid-status">
      <Group justify="space-between" align="flex-start" mb="xs">
        <Title order={2} size="h3" id="bid-status">
          {t('bid.registrationNumber', { number: bid.registrationNumber })}
        </Title>
        <StatusBadge tone={STATUS_TONE[bid.status]} size="lg" data-testid="bid-status">
          {t(`bid.status.${bid.status}`)}
        </StatusBadge>
      </Group>
      <Text mb="sm">{t(`bid.statusText.${bid.status}`)}</Text>

      {bid.status === 'check-failed' && bid.checkReasons.length > 0 ? (
        <Alert color="red" title={t('bid.toFix')} mb="sm">
          <List size="sm">
            {bid.checkReasons.map((reason) => {
              const step = stepOfField(reason.field);
              return (
                <List.Item key={`${reason.code}:${reason.field ?? ''}`}>
                  {t(`bid.reasons.${reason.code}`)}
                  {reason.field && reason.code === 'required-section-missing'
                    ? ` (${t(`bid.fields.${reason.field.replace(/[.[].*$/, '')}`, { defaultValue: reason.field })})`
                    : ''}
                  {step ? (
                    <>
                      {' '}
                      <Anchor
                        component={Link}
                        to={`/applicant/bid?step=${step}`}
                        c="inherit"
                        underline="always"
                        fw={700}
                      >
                        {t('bid.fixIt')}
                      </Anchor>
                    </>
                  ) : null}
                </List.Item>
              );
            })}
          </List>
        </Alert>
      ) : null}

      {bid.status === 'awarded' && bid.awardedAmountKzt !== null ? (
        <Alert color="green" mb="sm">
          {t('bid.awarded', { amount: formatTenge(bid.awardedAmountKzt, language) })}
        </Alert>
      ) : null}
      {bid.status === 'not-awarded' && bid.notAwardedReason ? (
        <Alert color="blue" mb="sm">
          {t(`bid.notAwarded.${bid.notAwardedReason}`)}
        </Alert>
      ) : null}
      {outcome.length > 0 ? (
        <List size="sm" mb="sm" data-testid="bid-outcome">
          {outcome.map((line) => (
            <List.Item key={line.key}>
              {t(`bid.outcome.${line.key}`, {
                ...line.values,
                // Scores are means of the reviewers' totals, kept with two decimals.
                ...(line.values.score === undefined
                  ? {}
                  : { score: formatNumber(line.values.score, language, 2) }),
              })}
            </List.Item>
          ))}
        </List>
      ) : bid.averageScore !== null ? (
        <Text mb="sm">{t('bid.score', { score: bid.averageScore })}</Text>
      ) : null}

      <Title order={3} size="h4" mb="xs">
        {t('bid.history')}
      </Title>
      <Timeline bulletSize={14} lineWidth={2} active={bid.history.length} data-testid="bid-history">
        <Timeline.Item title={t('bid.step.started')}>
          <Text size="sm" c="dimmed">
            {formatDate(bid.startedAt, language)}
          </Text>
        </Timeline.Item>
        {bid.history.map((step) => (
          <Timeline.Item
            key={`${step.step}:${step.at}`}
            title={t(`bid.step.${step.step}`, { number: step.submissionNumber })}
          >
            <Text size="sm" c="dimmed">
              {formatDate(step.at, language)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
