import { Anchor, Badge, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/generated/tracking';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { InstantText, Tenge } from '../coordinator/common';
import { MENTOR_KEY } from './queries';

type Report = components['schemas']['Report'];

/** The monthly reports of a project the mentor accompanies, as the team sent them: to read, not to review. */
export default function MentorProjectScreen() {
  const { t } = useTranslation();
  const { projectId = '' } = useParams();
  const reports = useQuery({
    queryKey: [...MENTOR_KEY, 'reports', projectId],
    queryFn: () =>
      unwrap(
        api.tracking.GET('/mentors/me/projects/{projectId}/reports', { params: { path: { projectId } } }),
      ),
  });
  const items = reports.data?.items ?? [];
  return (
    <>
      <PageTitle>{t('mentors.reports.title', { project: projectId.replace(/^prj-/, '') })}</PageTitle>
      <Anchor component={Link} to="/mentor" mb="md" display="inline-block">
        {t('mentors.reports.back')}
      </Anchor>
      <Text mb="md" maw={640}>
        {t('mentors.reports.lead')}
      </Text>
      <ProblemAlert error={reports.error} />
      {reports.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {reports.data && items.length === 0 ? <Text>{t('mentors.reports.none')}</Text> : null}
      <Stack gap="sm">
        {items.map((report) => (
          <ReportCard key={report.reportId} report={report} />
        ))}
      </Stack>
    </>
  );
}

function ReportCard({ report }: { report: Report }) {
  const { t } = useTranslation();
  const spent = report.expenses.reduce((total, line) => total + line.amountKzt, 0);
  const reached = report.beneficiaries.reduce((total, group) => total + group.count, 0);
  const headingId = `report-${report.reportId}`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" wrap="wrap" mb="xs">
        <Title order={2} size="h4" id={headingId}>
          {t('mentors.reports.month', { month: report.projectMonth })}
        </Title>
        <Group gap="xs">
          <Badge variant="default">{t(`coordinator.reportKind.${report.kind}`)}</Badge>
          <Badge variant="default">{t(`coordinator.reportStatus.${report.status}`)}</Badge>
        </Group>
      </Group>
      <Text size="sm">
        {t('mentors.reports.sent')} <InstantText value={report.submittedAt} />
      </Text>
      <List size="sm" mt="xs">
        <List.Item>{t('coordinator.reports.activities', { count: report.activitiesHeld })}</List.Item>
        {report.activities.map((activity) => (
          <List.Item key={activity}>{activity}</List.Item>
        ))}
        <List.Item>{t('coordinator.reports.reached', { count: reached })}</List.Item>
        <List.Item>
          {t('coordinator.reports.spent')} <Tenge amount={spent} />
        </List.Item>
        <List.Item>
          {t('mentors.reports.sessions', {
            met: report.members.filter((member) => member.mentorSessionAttended).length,
            count: report.members.length,
          })}
        </List.Item>
      </List>
    </Card>
  );
}
