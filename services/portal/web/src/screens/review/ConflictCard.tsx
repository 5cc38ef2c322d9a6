import { Button, Card, Group, Modal, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';

export const CONFLICT_REASONS = [
  'family-relation',
  'personal-relation',
  'financial-interest',
  'other',
] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

/**
 * Asked before the scoring starts: a reviewer related to the team (or with an interest in it) abstains. The service
 * then hides the bid from them and gives it to another reviewer of its pool. Asked again in a dialog, done once.
 */
export function ConflictCard(props: {
  /** Bids ask why (recorded for the coordinator); host applications do not. */
  withReason: boolean;
  onDeclare: (reason: ConflictReason) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<ConflictReason>('family-relation');
  const [opened, setOpened] = useState(false);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // A second click arrives before React has re-rendered the busy button: the guard is a ref, not state.
  const busy = useRef(false);
  const declare = async () => {
    if (busy.current) return;
    busy.current = true;
    setRunning(true);
    setError(null);
    try {
      await props.onDeclare(reason);
    } catch (problem) {
      setError(problem);
      busy.current = false;
      setRunning(false);
    }
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="conflict-title">
      <Title order={2} size="h4" id="conflict-title" mb={4}>
        {t('review.conflict.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('review.conflict.hint')}
      </Text>
      <Group align="end" wrap="wrap" gap="sm">
        {props.withReason ? (
          <NativeSelect
            label={t('review.conflict.reason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value as ConflictReason)}
            data={CONFLICT_REASONS.map((value) => ({ value, label: t(`review.conflict.reasons.${value}`) }))}
          />
        ) : null}
        <Button
          variant="outline"
          color="red"
          onClick={() => {
            setError(null);
            setOpened(true);
          }}
        >
          {t('review.conflict.declare')}
        </Button>
      </Group>
      <Modal
        opened={opened}
        onClose={() => (running ? undefined : setOpened(false))}
        title={t('review.conflict.confirmTitle')}
        closeButtonProps={{ 'aria-label': t('review.close') }}
      >
        <Stack gap="sm">
          <Text>{t('review.conflict.confirmText')}</Text>
          <ProblemAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)} disabled={running}>
              {t('review.cancel')}
            </Button>
            <Button color="red" loading={running} onClick={() => void declare()}>
              {t('review.conflict.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
