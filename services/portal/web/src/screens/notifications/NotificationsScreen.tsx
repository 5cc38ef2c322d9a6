import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { isLanguage } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { fetchNotifications, LIST_KEY, markAllRead, markRead, UNREAD_KEY } from '../../notifications';

/** The person's notifications, newest first, in the language they read the portal in; unread ones marked. */
export default function NotificationsScreen() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const queryClient = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: [...LIST_KEY, language],
    queryFn: ({ pageParam }) => fetchNotifications(language, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: LIST_KEY });
    await queryClient.invalidateQueries({ queryKey: UNREAD_KEY });
  };
  const readOne = useMutation({ mutationFn: markRead, onSuccess: refresh });
  const readAll = useMutation({ mutationFn: markAllRead, onSuccess: refresh });

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;

  return (
    <>
      <PageTitle>{t('notifications.title')}</PageTitle>
      <Text mb="md">{t('notifications.intro')}</Text>
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Text fw={600} aria-live="polite">
          {t('notifications.unread', { count: unread })}
        </Text>
        <Group gap="sm">
          <Button
            variant="default"
            size="sm"
            disabled={unread === 0}
            loading={readAll.isPending}
            onClick={() => readAll.mutate()}
          >
            {t('notifications.markAllRead')}
          </Button>
          <Anchor component={Link} to="/notifications/settings">
            {t('notifications.settings')}
          </Anchor>
        </Group>
      </Group>
      <ProblemAlert error={list.error ?? readOne.error ?? readAll.error} />
      {list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {list.isSuccess && items.length === 0 ? <Alert color="gray">{t('notifications.none')}</Alert> : null}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((item) => (
          <Card
            key={item.id}
            component="li"
            withBorder
            padding="md"
            radius="md"
            data-testid="notification"
            data-read={item.read}
            style={item.read ? undefined : { borderLeft: '4px solid var(--mantine-color-teal-7)' }}
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
              <Text fw={item.read ? 500 : 700} component="h2" fz="md" m={0}>
                {item.title}
              </Text>
              {item.read ? null : (
                <Badge color="teal" variant="filled" style={{ flexShrink: 0 }}>
                  {t('notifications.new')}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed" mt={4}>
              {formatDate(item.createdAt, language)}
            </Text>
            {item.lines.map((line, index) => (
              <Text key={index} size="sm" mt={6}>
                {line}
              </Text>
            ))}
            {item.read ? null : (
              <Group mt="sm">
                <Button
                  variant="default"
                  size="xs"
                  loading={readOne.isPending && readOne.variables === item.id}
                  onClick={() => readOne.mutate(item.id)}
                >
                  {t('notifications.markRead')}
                </Button>
              </Group>
            )}
          </Card>
        ))}
      </Stack>
      {list.hasNextPage ? (
        <Button
          variant="default"
          mt="md"
          loading={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {t('notifications.loadMore')}
        </Button>
      ) : null}
    </>
  );
}
