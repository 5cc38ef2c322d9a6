import { Card, Group, Loader, NumberInput, SimpleGrid, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { type components } from '../../../api/generated/applications';
import { KEYBOARD_SCROLL } from '../../../components/AuditTrail';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StatusBadge } from '../../../components/StatusBadge';
import { ConfirmAction, InstantText, regionName } from '../common';

type PipelineItem = components['schemas']['BidPipeline']['items'][number];

const reviewersKey = (roundId: string, region: string) =>
  ['applications', 'reviewers', roundId, region] as const;

/** A week from today at 18:00 in Kazakhstan (UTC+5), as the date input shows it. */
function aWeekFromToday(): string {
  return new Date(Date.now() + 5 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The review of one region: where its bids stand, the reviewers assigned and their progress (sheets submitted of
 * those assigned, overdue once the due date has passed with sheets still awaited), and the two bulk actions that are
 * safe to repeat: topping every bid up to the reviewers it needs, and deciding the bids whose reviewers are all done.
 */
export function ReviewCard({ roundId, item }: { roundId: string; item: PipelineItem }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { region, review } = item;
  const reviewers = useQuery({
    queryKey: reviewersKey(roundId, region),
    queryFn: () =>
      unwrap(
        api.applications.GET('/rounds/{roundId}/regions/{region}/reviewers', {
          params: { path: { roundId, region } },
        }),
      ),
  });
  const [perBid, setPerBid] = useState<number | string>(review.reviewersPerBid ?? 2);
  const [dueOn, setDueOn] = useState(aWeekFromToday());
  const inReview = item.byStatus['in-review'] ?? 0;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['applications'] });
  const dueAt = reviewers.data?.dueAt ?? review.dueAt;
  const overdue = dueAt !== null && new Date(dueAt).getTime() < Date.now();
  const facts: [string, React.ReactNode][] = [
    [t('coordDraw.review.unassigned'), review.unassigned],
    [t('coordDraw.review.awaiting'), review.awaiting],
    [t('coordDraw.review.complete'), review.complete],
    [t('coordDraw.review.perBid'), review.reviewersPerBid ?? '—'],
    [t('coordDraw.review.dueAt'), <InstantText key="due" value={dueAt ?? undefined} />],
  ];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="review-title">
      <Title order={2} size="h3" mb="sm" id="review-title">
        {t('coordDraw.review.title', { region: regionName(t, region) })}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" mb="md" data-testid="review-facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <Text size="sm" c="dimmed">
              {label}
            </Text>
            <Text component="div" fw={600}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>

      <Group align="end" wrap="wrap" mb="md">
        <NumberInput
          label={t('coordDraw.review.perBidInput')}
          min={1}
          max={10}
          value={perBid}
          onChange={setPerBid}
          w={180}
        />
        <TextInput
          type="date"
          label={t('coordDraw.review.dueOn')}
          value={dueOn}
          onChange={(event) => setDueOn(event.currentTarget.value)}
        />
        <ConfirmAction
          label={t('coordDraw.review.assign')}
          title={t('coordDraw.review.assign')}
          disabled={inReview === 0}
          onConfirm={async () => {
            // 18:00 in Kazakhstan on the day chosen.
            const due = new Date(`${dueOn}T13:00:00.000Z`).toISOString();
            await unwrap(
              api.applications.POST('/rounds/{roundId}/regions/{region}/review-assignments', {
                params: { path: { roundId, region } },
                body: { reviewersPerBid: Number(perBid), dueAt: due },
              }),
            );
            await refresh();
          }}
        >
          {t('coordDraw.review.assignConfirm', { n: inReview, perBid: Number(perBid) })}
        </ConfirmAction>
        <ConfirmAction
          label={t('coordDraw.review.decide')}
          title={t('coordDraw.review.decide')}
          disabled={review.complete === 0}
          onConfirm={async () => {
            await unwrap(
              api.applications.POST('/rounds/{roundId}/regions/{region}/qualification-decisions', {
                params: { path: { roundId, region } },
              }),
            );
            await refresh();
          }}
        >
          {t('coordDraw.review.decideConfirm', { n: review.complete })}
        </ConfirmAction>
      </Group>

      <Title order={3} size="h4" mb="xs">
        {t('coordDraw.review.reviewers')}
      </Title>
      <ProblemAlert error={reviewers.error} />
      {reviewers.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {reviewers.data && reviewers.data.items.length === 0 ? (
        <Text c="dimmed">{t('coordDraw.review.noReviewers')}</Text>
      ) : null}
      {reviewers.data && reviewers.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={560} scrollAreaProps={KEYBOARD_SCROLL}>
          <Table striped data-testid="reviewer-progress">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('coordDraw.review.reviewer')}</Table.Th>
                <Table.Th scope="col">{t('coordDraw.review.kind')}</Table.Th>
                <Table.Th scope="col">{t('coordDraw.review.submitted')}</Table.Th>
                <Table.Th scope="col">{t('coordDraw.review.conflicts')}</Table.Th>
                <Table.Th scope="col">{t('coordinator.filters.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reviewers.data.items.map((reviewer) => (
                <Table.Tr key={reviewer.reviewerId}>
                  <Table.Th scope="row">{reviewer.name}</Table.Th>
                  <Table.Td>{t(`coordDraw.review.kinds.${reviewer.kind}`)}</Table.Td>
                  <Table.Td>
                    {t('coordDraw.review.sheets', { scored: reviewer.scored, assigned: reviewer.assigned })}
                  </Table.Td>
                  <Table.Td>{reviewer.conflicts}</Table.Td>
                  <Table.Td>
                    {reviewer.awaiting === 0 ? (
                      <StatusBadge tone={reviewer.assigned > 0 ? 'success' : 'neutral'}>
                        {t(reviewer.assigned > 0 ? 'coordDraw.review.done' : 'coordDraw.review.idle')}
                      </StatusBadge>
                    ) : overdue ? (
                      <StatusBadge tone="danger">
                        {t('coordDraw.review.overdue', { n: reviewer.awaiting })}
                      </StatusBadge>
                    ) : (
                      <StatusBadge tone="progress">
                        {t('coordDraw.review.waiting', { n: reviewer.awaiting })}
                      </StatusBadge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Card>
  );
}
