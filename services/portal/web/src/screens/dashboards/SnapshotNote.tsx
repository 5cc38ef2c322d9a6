import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n/format';
import { isLanguage } from '../../i18n';

/** Where the numbers on a screen come from: the snapshot's time and, for signed-in readers, its event offsets. */
export function SnapshotNote(props: {
  snapshot: {
    id: string;
    asOf: string;
    stale?: boolean;
    href?: string;
    offsets?: readonly { topic: string; partition: number; offset: string }[];
  };
}) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const { snapshot } = props;
  // The time in Kazakhstan (UTC+5 since March 2024), without relying on the browser's locale data.
  const local = new Date(Date.parse(snapshot.asOf) + 5 * 3_600_000).toISOString();
  return (
    <Group gap="xs" mt="sm" data-snapshot={snapshot.id}>
      <Text size="sm" c="dimmed">
        {t('results.source.snapshot', {
          date: formatDate(local, language),
          time: local.slice(11, 16),
          id: snapshot.id.slice(0, 12),
        })}{' '}
        {snapshot.stale ? t('results.source.stale') : ''}
      </Text>
      {snapshot.href ? (
        <Anchor size="sm" href={`/api/reporting${snapshot.href}`} target="_blank">
          {t('results.source.offsets', {
            offsets: (snapshot.offsets ?? [])
              .map((entry) => `${entry.topic.split('.').slice(-2, -1)[0] ?? entry.topic}:${entry.offset}`)
              .join(', '),
          })}
        </Anchor>
      ) : null}
    </Group>
  );
}
