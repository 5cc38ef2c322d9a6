import { Card, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { ConfirmAction, DateText, Tenge, todayInKazakhstan } from '../common';
import { type Project, TRACKING_KEY } from '../queries';

const EXIT_STATUSES = ['employed', 'studying', 'own-business', 'neet'] as const;
type ExitStatus = (typeof EXIT_STATUSES)[number];

/**
 * Completion: each remaining member's status at exit and the date. The service checks the rest (the final report
 * accepted, both surveys of every member) and says what is missing.
 */
export function CompletionCard({ project }: { project: Project }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const active = project.members.filter((member) => member.active);
  const [completedOn, setCompletedOn] = useState(todayInKazakhstan());
  const [statuses, setStatuses] = useState<Record<string, ExitStatus>>({});
  const completion = project.completion;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="completion-title">
      <Title order={2} size="h3" mb="sm" id="completion-title">
        {t('coordinator.completion.title')}
      </Title>
      {completion ? (
        <Text>
          {t('coordinator.completion.done')} <DateText value={completion.completedOn} />:{' '}
          {t('coordinator.completion.totals', {
            members: completion.membersCompleted,
            reached: completion.beneficiariesReached,
          })}{' '}
          <Tenge amount={completion.disbursedKzt} /> / <Tenge amount={completion.spentKzt} />
        </Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm">{t('coordinator.completion.intro')}</Text>
          {active.map((member) => (
            <NativeSelect
              key={member.participantId}
              label={t('coordinator.completion.exitOf', { member: member.participantId })}
              value={statuses[member.participantId] ?? ''}
              onChange={(event) =>
                setStatuses({ ...statuses, [member.participantId]: event.currentTarget.value as ExitStatus })
              }
              data={[
                { value: '', label: '—' },
                ...EXIT_STATUSES.map((value) => ({ value, label: t(`coordinator.exitStatus.${value}`) })),
              ]}
            />
          ))}
          <TextInput
            type="date"
            label={t('coordinator.completion.completedOn')}
            value={completedOn}
            onChange={(event) => setCompletedOn(event.currentTarget.value)}
            w="fit-content"
          />
          <div>
            <ConfirmAction
              label={t('coordinator.completion.complete')}
              title={t('coordinator.completion.complete')}
              disabled={active.some((member) => !statuses[member.participantId])}
              onConfirm={async () => {
                await unwrap(
                  api.tracking.POST('/projects/{projectId}/complete', {
                    params: { path: { projectId: project.projectId } },
                    body: {
                      version: project.version,
                      completedOn,
                      members: active.map((member) => ({
                        participantId: member.participantId,
                        exitStatus: statuses[member.participantId] ?? 'neet',
                      })),
                    },
                  }),
                );
                await queryClient.invalidateQueries({ queryKey: TRACKING_KEY });
              }}
            >
              {t('coordinator.completion.confirm')}
            </ConfirmAction>
          </div>
        </Stack>
      )}
    </Card>
  );
}
