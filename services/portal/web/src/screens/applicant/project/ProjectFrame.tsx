import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { type Project } from './report';
import { useMyProject } from './useMyProject';

const SECTIONS = [
  { to: '/applicant/project', label: 'award.nav.agreement', end: true },
  { to: '/applicant/project/tranches', label: 'award.nav.tranches', end: false },
  { to: '/applicant/project/reports', label: 'award.nav.reports', end: false },
  { to: '/applicant/project/stipends', label: 'award.nav.stipends', end: false },
] as const;

/**
 * The frame of the project's screens: the title, the links between them, and the states before there is a project
 * to show (loading, not registered, no award yet, an error). The screen itself gets the project.
 */
export function ProjectFrame({
  title,
  children,
}: {
  title: string;
  children: (project: Project, context: { isLeader: boolean; participantId: string }) => ReactNode;
}) {
  const { t } = useTranslation();
  const { project, unregistered, isLeader, participantId } = useMyProject();
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <nav aria-label={t('award.nav.label')}>
        <Group gap="xs" mb="md" wrap="wrap">
          {SECTIONS.map((section) => (
            <Button
              key={section.to}
              component={NavLink}
              to={section.to}
              end={section.end}
              size="compact-md"
              variant="default"
              className="project-section"
            >
              {t(section.label)}
            </Button>
          ))}
        </Group>
      </nav>
      {unregistered ? (
        <Alert color="blue">
          <Text mb="sm">{t('applicant.notRegistered')}</Text>
          <Button component={Link} to="/applicant/register">
            {t('register.title')}
          </Button>
        </Alert>
      ) : null}
      {project.isPending && !unregistered ? <Loader aria-label={t('common.loading')} /> : null}
      {project.error ? (
        <>
          <ProblemAlert error={project.error} />
          <Button mt="sm" variant="default" onClick={() => void project.refetch()}>
            {t('common.retry')}
          </Button>
        </>
      ) : null}
      {project.data === null ? (
        <Alert color="blue" data-testid="no-project">
          <Text mb="sm">{t('award.noProject')}</Text>
          <Button component={Link} to="/applicant/bid" variant="default">
            {t('nav.bid')}
          </Button>
        </Alert>
      ) : null}
      {project.data && participantId ? children(project.data, { isLeader, participantId }) : null}
    </>
  );
}
