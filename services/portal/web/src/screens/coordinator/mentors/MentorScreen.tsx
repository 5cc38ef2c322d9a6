import {
  Anchor,
  Button,
  Card,
  Group,
  List,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { MentorProblemAlert } from '../../mentor/MentorProblemAlert';
import { ConflictsCard } from '../../mentor/ConflictsCard';
import { type Mentor, projectIdOf } from '../../mentor/profile';
import { InstantText, regionName } from '../common';
import { TRACKING_KEY } from '../queries';
import { mentorKey } from './queries';

/** One mentor: contacts, the projects they accompany, their conflicts; assign a project, record a conflict. */
export default function MentorScreen() {
  const { t } = useTranslation();
  const { mentorId = '' } = useParams();
  const mentor = useQuery({
    queryKey: mentorKey(mentorId),
    queryFn: () => unwrap(api.tracking.GET('/mentors/{mentorId}', { params: { path: { mentorId } } })),
  });
  const data = mentor.data;
  return (
    <>
      <PageTitle>{data ? data.fullName : t('mentors.mentor.title')}</PageTitle>
      <Anchor component={Link} to="/coordinator/mentors" mb="md" display="inline-block">
        {t('mentors.mentor.back')}
      </Anchor>
      <ProblemAlert error={mentor.error} />
      {mentor.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {data ? (
        <Stack gap="lg">
          <Facts mentor={data} />
          <Assignments mentor={data} />
          <ConflictsCard mentor={data} lead={t('mentors.conflicts.lead')} refreshKey={TRACKING_KEY} />
        </Stack>
      ) : null}
    </>
  );
}

function Facts({ mentor }: { mentor: Mentor }) {
  const { t } = useTranslation();
  const facts: [string, string][] = [
    [t('mentors.fields.phone'), mentor.phone],
    [t('mentors.fields.email'), mentor.email],
    [t('mentors.fields.regions'), mentor.regions.map((region) => regionName(t, region)).join(', ')],
    [
      t('mentors.fields.expertise'),
      mentor.expertise.map((area) => t(`mentors.expertise.${area}`)).join(', '),
    ],
    [
      t('mentors.registry.capacity'),
      t('mentors.registry.load', { used: mentor.projects.length, total: mentor.capacity }),
    ],
    [
      t('mentors.mentor.employers'),
      mentor.employerHostOrganizationIds.join(', ') || t('mentors.mentor.noEmployers'),
    ],
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      {facts.map(([label, value]) => (
        <div key={label}>
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: TRACKING_KEY });
}

function Assignments({ mentor }: { mentor: Mentor }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [code, setCode] = useState('');
  const [touched, setTouched] = useState(false);
  const assign = useMutation({
    mutationFn: (projectId: string) =>
      unwrap(
        api.tracking.PUT('/projects/{projectId}/mentor', {
          params: { path: { projectId } },
          body: { mentorId: mentor.mentorId },
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
    if (!empty) assign.mutate(projectIdOf(code));
  };
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="assignments-title">
      <Title order={2} size="h3" mb="sm" id="assignments-title">
        {t('mentors.mentor.projects')}
      </Title>
      {mentor.projects.length === 0 ? <Text mb="sm">{t('mentors.mentor.noProjects')}</Text> : null}
      <List mb="md">
        {mentor.projects.map((project) => (
          <List.Item key={project.projectId}>
            <Anchor component={Link} to={`/coordinator/projects/${project.projectId}`}>
              {project.projectId.replace(/^prj-/, '')}
            </Anchor>{' '}
            · {regionName(t, project.region)} · {t('mentors.mentor.since')}{' '}
            <InstantText value={project.assignedAt} />
          </List.Item>
        ))}
      </List>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group align="end" wrap="wrap">
            <TextInput
              id="field-assign-project"
              label={t('mentors.mentor.projectCode')}
              description={t('mentors.mentor.projectCodeHint')}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              error={touched && empty ? t('mentors.validation.required') : undefined}
              autoComplete="off"
            />
            <Button type="submit" loading={assign.isPending}>
              {t('mentors.mentor.assign')}
            </Button>
          </Group>
          <MentorProblemAlert error={assign.error} />
        </Stack>
      </form>
    </Card>
  );
}
