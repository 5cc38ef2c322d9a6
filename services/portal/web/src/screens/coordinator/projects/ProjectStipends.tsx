import { Card, Loader, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { type Project, TRACKING_KEY } from '../queries';
import { StipendTable } from '../stipends/StipendTable';

/** The stipends the project's accepted reports earned, month by month and member by member. */
export function ProjectStipends({ project }: { project: Project }) {
  const { t } = useTranslation();
  const stipends = useQuery({
    queryKey: [...TRACKING_KEY, 'project-stipends', project.projectId],
    queryFn: () =>
      unwrap(
        api.tracking.GET('/projects/{projectId}/stipends', {
          params: { path: { projectId: project.projectId } },
        }),
      ),
  });
  const items = stipends.data?.items ?? [];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="stipends-title">
      <Title order={2} size="h3" mb="sm" id="stipends-title">
        {t('coordinator.stipends.ofProject')}
      </Title>
      <ProblemAlert error={stipends.error} />
      {stipends.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {stipends.data && items.length === 0 ? <Text>{t('coordinator.stipends.noneYet')}</Text> : null}
      {items.length > 0 ? <StipendTable items={items} showProject={false} /> : null}
    </Card>
  );
}
