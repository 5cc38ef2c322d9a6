import { Button, Card, Group, List, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { InstantText } from '../coordinator/common';
import { MentorProblemAlert } from './MentorProblemAlert';
import { CONFLICT_REASONS, type ConflictReason, type Mentor, projectIdOf } from './profile';

/**
 * The mentor's conflicts of interest, and a form to declare one: by the mentor themself, or recorded by a coordinator
 * of the project's region. The mentor is then never assigned to that project, and leaves it if they accompany it.
 */
export function ConflictsCard({
  mentor,
  lead,
  refreshKey,
}: {
  mentor: Mentor;
  lead: string;
  refreshKey: readonly string[];
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: refreshKey });
  const [code, setCode] = useState('');
  const [reason, setReason] = useState<ConflictReason>('relative-of-member');
  const [touched, setTouched] = useState(false);
  const declare = useMutation({
    mutationFn: (projectId: string) =>
      unwrap(
        api.tracking.POST('/mentors/{mentorId}/conflicts', {
          params: { path: { mentorId: mentor.mentorId } },
          body: { projectId, reason },
        }),
      ),
    onSuccess: async () => {
      setCode('');
      setTouched(false);
      await refresh();
    },
  });
  const empty = code.trim() === '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!empty) declare.mutate(projectIdOf(code));
  };
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="conflicts-title">
      <Title order={2} size="h3" mb="sm" id="conflicts-title">
        {t('mentors.conflicts.title')}
      </Title>
      {mentor.conflicts.length === 0 ? <Text mb="sm">{t('mentors.conflicts.none')}</Text> : null}
      <List mb="md">
        {mentor.conflicts.map((conflict) => (
          <List.Item key={conflict.projectId}>
            {conflict.projectId.replace(/^prj-/, '')} · {t(`mentors.conflicts.reason.${conflict.reason}`)} ·{' '}
            {t(`mentors.conflicts.by.${conflict.declaredBy}`)} <InstantText value={conflict.declaredAt} />
          </List.Item>
        ))}
      </List>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{lead}</Text>
          <Group align="end" wrap="wrap">
            <TextInput
              id="field-conflict-project"
              label={t('mentors.mentor.projectCode')}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              error={touched && empty ? t('mentors.validation.required') : undefined}
              autoComplete="off"
            />
            <NativeSelect
              id="field-conflict-reason"
              label={t('mentors.conflicts.reasonLabel')}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value as ConflictReason)}
              data={CONFLICT_REASONS.map((value) => ({
                value,
                label: t(`mentors.conflicts.reason.${value}`),
              }))}
            />
            <Button type="submit" variant="default" loading={declare.isPending}>
              {t('mentors.conflicts.declare')}
            </Button>
          </Group>
          <MentorProblemAlert error={declare.error} />
        </Stack>
      </form>
    </Card>
  );
}
