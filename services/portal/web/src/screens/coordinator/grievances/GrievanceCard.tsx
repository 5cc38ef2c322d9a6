import {
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { DateText, InstantText, regionName } from '../common';
import { type Grievance, TRACKING_KEY } from '../queries';
import { answeredInTime, daysLeft } from './deadline';

const OUTCOMES = ['upheld', 'partially-upheld', 'not-upheld', 'withdrawn', 'referred'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** One grievance: what was said, by when an answer is owed, and the next step (assign, answer, resolve). */
export function GrievanceCard({ grievance }: { grievance: Grievance }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [assignee, setAssignee] = useState('');
  const [answer, setAnswer] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('upheld');
  const path = { grievanceId: grievance.grievanceId };
  const step = useMutation({
    mutationFn: async () => {
      if (grievance.status === 'lodged')
        return unwrap(
          api.tracking.POST('/grievances/{grievanceId}/assign', {
            params: { path },
            body: { version: grievance.version, assigneeId: assignee.trim() },
          }),
        );
      if (grievance.status === 'assigned')
        return unwrap(
          api.tracking.POST('/grievances/{grievanceId}/answer', {
            params: { path },
            body: { version: grievance.version, answer: answer.trim() },
          }),
        );
      return unwrap(
        api.tracking.POST('/grievances/{grievanceId}/resolve', {
          params: { path },
          body: { version: grievance.version, outcome },
        }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TRACKING_KEY }),
  });
  const left = daysLeft(grievance.responseDueOn, new Date());
  const inTime = answeredInTime(grievance.answeredAt, grievance.responseDueOn);
  const headingId = `grievance-${grievance.grievanceId}`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" wrap="wrap" mb="xs">
        <Title order={2} size="h4" id={headingId}>
          {t(`coordinator.grievanceCategory.${grievance.category}`)} · {regionName(t, grievance.region)}
        </Title>
        <Group gap="xs">
          <Badge variant="default">{t(`coordinator.grievanceStatus.${grievance.status}`)}</Badge>
          {grievance.overdue ? <Badge color="red">{t('coordinator.grievances.overdue')}</Badge> : null}
          {inTime === true ? (
            <Badge variant="default">{t('coordinator.grievances.answeredInTime')}</Badge>
          ) : null}
          {inTime === false ? (
            <Badge variant="default">{t('coordinator.grievances.answeredLate')}</Badge>
          ) : null}
        </Group>
      </Group>
      <Text size="sm">
        {t('coordinator.grievances.lodged')} <InstantText value={grievance.lodgedAt} /> (
        {t(`coordinator.grievanceChannel.${grievance.channel}`)}) · {t('coordinator.grievances.dueBy')}{' '}
        <DateText value={grievance.responseDueOn} />
        {grievance.status !== 'resolved' && !grievance.answeredAt
          ? ` · ${left >= 0 ? t('coordinator.grievances.daysLeft', { count: left }) : t('coordinator.grievances.daysLate', { count: -left })}`
          : ''}
      </Text>
      <Text my="xs" style={{ whiteSpace: 'pre-wrap' }}>
        {grievance.description}
      </Text>
      {grievance.contact ? (
        <Text size="sm" c="dimmed">
          {t('coordinator.grievances.contact')}{' '}
          {[grievance.contact.name, grievance.contact.phone, grievance.contact.email]
            .filter(Boolean)
            .join(', ')}
        </Text>
      ) : null}
      {grievance.assigneeId ? (
        <Text size="sm">
          {t('coordinator.grievances.assignedTo', { assignee: grievance.assigneeId })}{' '}
          <InstantText value={grievance.assignedAt} />
        </Text>
      ) : null}
      {grievance.answer ? (
        <Text size="sm">
          {t('coordinator.grievances.answered')} <InstantText value={grievance.answeredAt} />: «
          {grievance.answer}»
        </Text>
      ) : null}
      {grievance.outcome ? (
        <Text size="sm">
          {t('coordinator.grievances.resolved')} <InstantText value={grievance.resolvedAt} />:{' '}
          {t(`coordinator.grievanceOutcome.${grievance.outcome}`)}
        </Text>
      ) : null}
      {grievance.status === 'resolved' ? null : (
        <Stack gap="sm" mt="sm">
          {grievance.status === 'lodged' ? (
            <TextInput
              label={t('coordinator.grievances.assignee')}
              description={t('coordinator.grievances.assigneeHint')}
              value={assignee}
              onChange={(event) => setAssignee(event.currentTarget.value)}
              maxLength={128}
            />
          ) : null}
          {grievance.status === 'assigned' ? (
            <Textarea
              label={t('coordinator.grievances.answer')}
              value={answer}
              onChange={(event) => setAnswer(event.currentTarget.value)}
              autosize
              minRows={3}
              maxLength={4000}
            />
          ) : null}
          {grievance.status === 'answered' ? (
            <NativeSelect
              label={t('coordinator.grievances.outcome')}
              value={outcome}
              onChange={(event) => setOutcome(event.currentTarget.value as Outcome)}
              data={OUTCOMES.map((value) => ({ value, label: t(`coordinator.grievanceOutcome.${value}`) }))}
            />
          ) : null}
          <ProblemAlert error={step.error} />
          <Button
            size="sm"
            w="fit-content"
            loading={step.isPending}
            disabled={
              (grievance.status === 'lodged' && !assignee.trim()) ||
              (grievance.status === 'assigned' && !answer.trim())
            }
            onClick={() => step.mutate()}
          >
            {t(`coordinator.grievances.step.${grievance.status}`)}
          </Button>
        </Stack>
      )}
    </Card>
  );
}
