import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { regionName } from '../coordinator/common';
import { ConflictsCard } from './ConflictsCard';
import { type Mentor } from './profile';
import { MENTOR_KEY, useOwnProfile, useOwnProjects } from './queries';

/** The mentor's own page: their profile at a glance and the projects they accompany, with their reports. */
export default function MentorHome() {
  const { t } = useTranslation();
  const location = useLocation();
  const saved = (location.state as { saved?: boolean } | null)?.saved === true;
  const profile = useOwnProfile();
  return (
    <>
      <PageTitle>{t('mentors.home.title')}</PageTitle>
      <ProblemAlert error={profile.error} />
      {profile.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {saved ? (
        <Alert color="teal" role="status" mb="md">
          {t('mentors.profile.saved')}
        </Alert>
      ) : null}
      {profile.data === null ? (
        <Alert color="blue" title={t('mentors.home.noProfileTitle')}>
          <Text mb="sm">{t('mentors.home.noProfile')}</Text>
          <Button component={Link} to="/mentor/profile">
            {t('mentors.profile.register')}
          </Button>
        </Alert>
      ) : null}
      {profile.data ? (
        <Stack gap="lg">
          <ProfileCard mentor={profile.data} />
          <Projects />
          <ConflictsCard
            mentor={profile.data}
            lead={t('mentors.conflicts.ownLead')}
            refreshKey={MENTOR_KEY}
          />
        </Stack>
      ) : null}
    </>
  );
}

function ProfileCard({ mentor }: { mentor: Mentor }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="profile-title">
      <Group justify="space-between" wrap="wrap" mb="xs">
        <Title order={2} size="h3" id="profile-title">
          {mentor.fullName}
        </Title>
        <Button component={Link} to="/mentor/profile" variant="default" size="sm">
          {t('mentors.profile.edit')}
        </Button>
      </Group>
      <Text size="sm">
        {mentor.phone} · {mentor.email}
      </Text>
      <Text size="sm" mt="xs">
        {t('mentors.fields.regions')}: {mentor.regions.map((region) => regionName(t, region)).join(', ')}
      </Text>
      <Text size="sm">
        {t('mentors.fields.expertise')}:{' '}
        {mentor.expertise.map((area) => t(`mentors.expertise.${area}`)).join(', ')}
      </Text>
      <Text size="sm">
        {t('mentors.registry.capacity')}:{' '}
        {t('mentors.registry.load', { used: mentor.projects.length, total: mentor.capacity })}
      </Text>
    </Card>
  );
}

function Projects() {
  const { t } = useTranslation();
  const projects = useOwnProjects(true);
  const items = projects.data?.items ?? [];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="projects-title">
      <Title order={2} size="h3" mb="sm" id="projects-title">
        {t('mentors.home.projects')}
      </Title>
      <ProblemAlert error={projects.error} />
      {projects.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {projects.data && items.length === 0 ? <Text>{t('mentors.home.noProjects')}</Text> : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={520}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mentors.project')}</Table.Th>
                <Table.Th>{t('mentors.region')}</Table.Th>
                <Table.Th>{t('mentors.status')}</Table.Th>
                <Table.Th>{t('mentors.home.reports')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((project) => (
                <Table.Tr key={project.projectId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/mentor/projects/${project.projectId}`}>
                      {project.projectId.replace(/^prj-/, '')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{regionName(t, project.region)}</Table.Td>
                  <Table.Td>
                    <Badge variant="default">{t(`coordinator.projectStatus.${project.status}`)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {t('mentors.home.reportCount', {
                      accepted: project.reports.filter((report) => report.status === 'accepted').length,
                      count: project.reports.length,
                      months: project.durationMonths,
                    })}
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
