import { Anchor, Button, Card, Group, Loader, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { MentorProblemAlert } from '../../mentor/MentorProblemAlert';
import { ConfirmAction } from '../common';
import { type Project, TRACKING_KEY } from '../queries';

/** The registry's first page for a project's region is what the choice offers (the service filters it). */
const CHOICES = 50;

/**
 * The project's mentor: who accompanies the team, or a choice among the mentors of its region. The service keeps
 * the conflict rule; its refusal is shown here with the reason.
 */
export function ProjectMentorCard({ project }: { project: Project }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: [...TRACKING_KEY, 'project-mentor', project.projectId],
    queryFn: () =>
      unwrap(
        api.tracking.GET('/projects/{projectId}/mentor', {
          params: { path: { projectId: project.projectId } },
        }),
      ),
  });
  const running = project.status === 'opened' || project.status === 'active';
  const mentor = current.data?.mentor ?? null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="mentor-title">
      <Title order={2} size="h3" mb="sm" id="mentor-title">
        {t('mentors.projectCard.title')}
      </Title>
      <ProblemAlert error={current.error} />
      {current.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {mentor ? (
        <Group justify="space-between" wrap="wrap">
          <Text>
            <Anchor component={Link} to={`/coordinator/mentors/${mentor.mentorId}`}>
              {mentor.fullName}
            </Anchor>{' '}
            · {mentor.phone}
          </Text>
          <ConfirmAction
            label={t('mentors.projectCard.remove')}
            title={t('mentors.projectCard.remove')}
            color="red"
            onConfirm={async () => {
              await unwrap(
                api.tracking.DELETE('/projects/{projectId}/mentor', {
                  params: { path: { projectId: project.projectId } },
                }),
              );
              await queryClient.invalidateQueries({ queryKey: TRACKING_KEY });
            }}
          >
            {t('mentors.projectCard.removeConfirm', { name: mentor.fullName })}
          </ConfirmAction>
        </Group>
      ) : null}
      {current.data && !mentor ? (
        running ? (
          <Choose project={project} />
        ) : (
          <Text>{t('mentors.projectCard.none')}</Text>
        )
      ) : null}
    </Card>
  );
}

function Choose({ project }: { project: Project }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [mentorId, setMentorId] = useState('');
  const [touched, setTouched] = useState(false);
  const mentors = useQuery({
    queryKey: [...TRACKING_KEY, 'mentors', 'of-region', project.region],
    queryFn: () =>
      unwrap(
        api.tracking.GET('/mentors', { params: { query: { limit: CHOICES, region: [project.region] } } }),
      ),
  });
  const assign = useMutation({
    mutationFn: (chosen: string) =>
      unwrap(
        api.tracking.PUT('/projects/{projectId}/mentor', {
          params: { path: { projectId: project.projectId } },
          body: { mentorId: chosen },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TRACKING_KEY }),
  });
  const items = mentors.data?.items ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (mentorId) assign.mutate(mentorId);
  };
  if (mentors.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (mentors.error) return <ProblemAlert error={mentors.error} />;
  if (items.length === 0) return <Text>{t('mentors.projectCard.noneInRegion')}</Text>;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('mentors.projectCard.lead')}</Text>
        <Group align="end" wrap="wrap">
          <NativeSelect
            id="field-project-mentor"
            label={t('mentors.projectCard.choose')}
            value={mentorId}
            onChange={(event) => setMentorId(event.currentTarget.value)}
            error={touched && !mentorId ? t('mentors.validation.required') : undefined}
            data={[
              { value: '', label: t('mentors.projectCard.pick') },
              ...items.map((mentor) => ({
                value: mentor.mentorId,
                label: t('mentors.projectCard.option', {
                  name: mentor.fullName,
                  used: mentor.projects.length,
                  total: mentor.capacity,
                }),
              })),
            ]}
          />
          <Button type="submit" loading={assign.isPending}>
            {t('mentors.mentor.assign')}
          </Button>
        </Group>
        <MentorProblemAlert error={assign.error} />
      </Stack>
    </form>
  );
}
