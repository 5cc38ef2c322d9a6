import { Alert, Anchor, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api, unwrap } from '../../api/client';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { hasRole, useSession } from '../../session';
import { InstantText, LoadMore, regionName, useLanguage } from '../coordinator/common';
import { useQueue, useQueueSummary } from './queries';
import { QUEUE_SHORTCUTS, ShortcutHelp } from './ShortcutHelp';
import { useListNavigation } from './useListNavigation';

/** What a screen that sent the reviewer back to the queue tells them: a bid that left it, and why. */
export interface QueueNotice {
  readonly left?: string;
  readonly scored?: string;
}

/**
 * "Awaiting me": the reviewer's work per round and region (assigned, still waiting, due date), and the bids still
 * waiting, page by page. Opening the workspace enters the reviewer in the registry coordinators assign from.
 */
export default function QueueScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const reviewer = hasRole(session.data, 'host_org', 'committee');
  const join = useMutation({
    mutationFn: () => unwrap(api.applications.PUT('/reviewers/me', { body: {} })),
  });
  const { mutate } = join;
  useEffect(() => {
    if (reviewer) mutate();
  }, [reviewer, mutate]);
  const notice = (useLocation().state ?? {}) as QueueNotice;

  if (!reviewer) {
    // A coordinator opens the workspace too: reviewers are assigned in the coordinator's console.
    return (
      <>
        <PageTitle>{t('review.queue.title')}</PageTitle>
        <Alert color="blue">{t('review.queue.coordinatorNote')}</Alert>
      </>
    );
  }
  return (
    <>
      <PageTitle>{t('review.queue.title')}</PageTitle>
      <Stack gap="md">
        {notice.left ? (
          <Alert color="blue" role="status" title={t('review.queue.leftTitle', { number: notice.left })}>
            {t('review.queue.leftText')}
          </Alert>
        ) : null}
        {notice.scored ? (
          <Alert color="teal" role="status">
            {t('review.queue.scored', { number: notice.scored })}
          </Alert>
        ) : null}
        <ProblemAlert error={join.error} />
        <Queue />
      </Stack>
    </>
  );
}

function Queue() {
  const { t } = useTranslation();
  const language = useLanguage();
  const summary = useQueueSummary();
  const [filter, setFilter] = useState({ roundId: '', region: '' });
  const queue = useQueue(filter);
  const items = queue.data?.pages.flatMap((page) => page.items) ?? [];
  const navigation = useListNavigation(items.length);
  const groups = summary.data?.items ?? [];
  const chosen = (group: { roundId: string; region: string }) =>
    group.roundId === filter.roundId && group.region === filter.region;

  return (
    <>
      <section aria-labelledby="summary-title">
        <Text component="h2" fw={700} fz="lg" id="summary-title" mb="xs">
          {t('review.queue.summaryTitle')}
        </Text>
        <ProblemAlert error={summary.error} />
        {summary.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        {summary.data && groups.length === 0 ? (
          <Alert color="blue">{t('review.queue.nothingAssigned')}</Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {groups.map((group) => (
            <Card
              key={`${group.roundId}/${group.region}`}
              withBorder
              padding="sm"
              component="article"
              aria-labelledby={`group-${group.roundId}-${group.region}`}
            >
              <Text fw={600} id={`group-${group.roundId}-${group.region}`}>
                {group.roundTitle?.[language] ?? group.roundId} · {regionName(t, group.region)}
              </Text>
              <Text size="sm" data-testid="summary-counts">
                {t('review.queue.counts', { awaiting: group.awaiting, assigned: group.assigned })}
              </Text>
              <Text size="sm">
                {t('review.queue.due')} <InstantText value={group.dueAt ?? undefined} />
              </Text>
              <Button
                size="compact-sm"
                mt="xs"
                variant={chosen(group) ? 'filled' : 'default'}
                aria-pressed={chosen(group)}
                onClick={() =>
                  setFilter(
                    chosen(group)
                      ? { roundId: '', region: '' }
                      : { roundId: group.roundId, region: group.region },
                  )
                }
              >
                {t('review.queue.onlyThis')}
              </Button>
            </Card>
          ))}
        </SimpleGrid>
      </section>

      <section aria-labelledby="queue-title">
        <Group justify="space-between" align="center" wrap="wrap" mb="xs">
          <Text component="h2" fw={700} fz="lg" id="queue-title">
            {t('review.queue.awaitingTitle')}
          </Text>
          <ShortcutHelp keys={QUEUE_SHORTCUTS} />
        </Group>
        <ProblemAlert error={queue.error} />
        {queue.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        {queue.data && items.length === 0 ? <Alert color="teal">{t('review.queue.empty')}</Alert> : null}
        <Stack
          gap="xs"
          component="ol"
          onKeyDown={navigation.onKeyDown}
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-labelledby="queue-title"
        >
          {items.map((item, index) => (
            <Card key={item.bidId} withBorder padding="sm" component="li">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Stack gap={2}>
                  <Anchor
                    component={Link}
                    to={`/review/bids/${item.bidId}`}
                    ref={navigation.itemRef(index)}
                    fw={600}
                  >
                    {item.registrationNumber} · {item.title || t('review.untitled')}
                  </Anchor>
                  <Text size="sm">
                    {regionName(t, item.region)} · {t('review.queue.due')}{' '}
                    <InstantText value={item.dueAt ?? undefined} />
                  </Text>
                </Stack>
                {item.draftSavedAt ? <Badge variant="default">{t('review.queue.draftSaved')}</Badge> : null}
              </Group>
            </Card>
          ))}
        </Stack>
        <LoadMore
          hasNext={queue.hasNextPage}
          loading={queue.isFetchingNextPage}
          onClick={() => void queue.fetchNextPage()}
        />
      </section>
    </>
  );
}
