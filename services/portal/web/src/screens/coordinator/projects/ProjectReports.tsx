import { Card, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { type Project, TRACKING_KEY } from '../queries';
import { ReportReview } from '../reports/ReportReview';

/** The project's monthly reports (at most one a month: a page holds them all), each reviewable while submitted. */
export function ProjectReports({ project }: { project: Project }) {
  const { t } = useTranslation();
  const reports = useQuery({
    queryKey: [...TRACKING_KEY, 'project-reports', project.projectId],
    queryFn: () =>
      unwrap(
        api.tracking.GET('/projects/{projectId}/reports', {
          params: { path: { projectId: project.projectId }, query: { limit: 20 } },
        }),
      ),
  });
  const items = reports.data?.items ?? [];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="reports-title">
      <Title order={2} size="h3" mb="sm" id="reports-title">
        {t('coordinator.reports.ofProject')}
      </Title>
      <ProblemAlert error={reports.error} />
      {reports.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {reports.data && items.length === 0 ? <Text>{t('coordinator.reports.noneYet')}</Text> : null}
      <Stack gap="sm">
        {items.map((report) => (
          <ReportReview key={report.reportId} report={report} />
        ))}
      </Stack>
    </Card>
  );
}
