import { Alert, Badge, Button, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isLanguage } from '../../../i18n';
import { formatDate } from '../../../i18n/format';
import { ProjectFrame } from './ProjectFrame';
import {
  type MonthState,
  monthToReport,
  type Project,
  type Report,
  reportKind,
  reportMonths,
} from './report';
import { ReportForm } from './ReportForm';

const STATE_COLOR: Record<MonthState, string> = {
  due: 'blue',
  submitted: 'blue',
  returned: 'red',
  accepted: 'teal',
  later: 'gray',
};

/**
 * The monthly reports: each month of the project and where its report stands; the month due (or a returned report,
 * with the reviewer's reasons and comment) opens the form, which only the team's leader submits.
 */
export default function ReportsScreen() {
  const { t } = useTranslation();
  return (
    <ProjectFrame title={t('award.reports.title')}>
      {(project, { isLeader }) => <Reports project={project} isLeader={isLeader} />}
    </ProjectFrame>
  );
}

export const reportsKey = (projectId: string) => ['projects', projectId, 'reports'] as const;

function Reports({ project, isLeader }: { project: Project; isLeader: boolean }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const queryClient = useQueryClient();
  const reports = useQuery({
    queryKey: reportsKey(project.projectId),
    queryFn: () =>
      unwrap(
        api.tracking.GET('/projects/{projectId}/reports', {
          params: { path: { projectId: project.projectId }, query: { limit: 20 } },
        }),
      ),
  });
  const [chosen, setChosen] = useState<number | null>(null);
  if (reports.isPending) return <Loader aria-label={t('common.loading')} />;
  if (reports.error) return <ProblemAlert error={reports.error} />;
  if (!project.agreement) return <Alert color="blue">{t('award.reports.afterAgreement')}</Alert>;
  const months = reportMonths(project.durationMonths, reports.data.items);
  const month = chosen ?? monthToReport(months) ?? months.at(-1)?.month ?? 1;
  const report = reports.data.items.find((candidate) => candidate.projectMonth === month);
  const state = months.find((entry) => entry.month === month)?.state ?? 'later';
  const onSubmitted = (submitted: Report) => {
    // The month just sent stays open (with its new status), rather than the next one due.
    setChosen(submitted.projectMonth);
    queryClient.setQueryData(reportsKey(project.projectId), {
      ...reports.data,
      items: [...reports.data.items.filter((item) => item.reportId !== submitted.reportId), submitted],
    });
    void queryClient.invalidateQueries({ queryKey: ['projects', project.projectId] });
  };

  return (
    <>
      <Group gap="xs" mb="md" wrap="wrap" role="group" aria-label={t('award.reports.months')}>
        {months.map((entry) => (
          <Button
            key={entry.month}
            variant={entry.month === month ? 'filled' : 'default'}
            size="compact-md"
            aria-pressed={entry.month === month}
            onClick={() => setChosen(entry.month)}
            data-testid={`report-month-${entry.month}`}
          >
            {t('award.monthShort', { n: entry.month })} · {t(`award.reports.state.${entry.state}`)}
          </Button>
        ))}
      </Group>

      <Card withBorder padding="lg" component="section" aria-labelledby="report-month">
        <Group justify="space-between" align="flex-start" mb="xs">
          <Title order={2} size="h3" id="report-month">
            {t(`award.reports.kind.${reportKind(month, project.durationMonths)}`, { n: month })}
          </Title>
          <Badge color={STATE_COLOR[state]} variant="default" size="lg" data-testid="report-status">
            {t(`award.reports.state.${state}`)}
          </Badge>
        </Group>
        {report ? (
          <Text size="sm" c="dimmed" mb="sm">
            {t('award.reports.submittedOn', {
              date: formatDate(report.submittedAt, language),
              n: report.submissionNumber,
            })}
            {report.acceptedAt
              ? ` · ${t('award.reports.acceptedOn', { date: formatDate(report.acceptedAt, language) })}`
              : ''}
          </Text>
        ) : null}

        {report?.status === 'returned' ? <ReturnNotes report={report} /> : null}
        {state === 'submitted' ? <Text>{t('award.reports.inReview')}</Text> : null}
        {state === 'accepted' ? <Text>{t('award.reports.acceptedText')}</Text> : null}
        {state === 'later' ? <Text>{t('award.reports.laterText')}</Text> : null}

        {state === 'due' || state === 'returned' ? (
          isLeader ? (
            <ReportForm
              key={`${month}:${report?.version ?? 0}`}
              project={project}
              month={month}
              previous={report}
              onSubmitted={onSubmitted}
            />
          ) : (
            <Alert color="blue">{t('award.reports.leaderSubmits')}</Alert>
          )
        ) : null}
      </Card>
    </>
  );
}

/** Why the report came back: the reviewer's reasons and comment, the latest return first. */
function ReturnNotes({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const latest = report.returns.at(-1);
  if (!latest) return null;
  return (
    <Alert color="red" title={t('award.reports.returnedTitle')} mb="md" data-testid="report-returned">
      <Stack gap={4}>
        <Text size="sm">
          {t('award.reports.returnedOn', { date: formatDate(latest.returnedAt, language) })}
        </Text>
        <List size="sm">
          {latest.reasons.map((reason) => (
            <List.Item key={reason}>{t(`award.reports.returnReason.${reason}`)}</List.Item>
          ))}
        </List>
        {latest.note ? (
          <Text size="sm">
            <Text span fw={700}>
              {t('award.reports.comment')}:
            </Text>{' '}
            <span data-testid="report-return-note">{latest.note}</span>
          </Text>
        ) : null}
        <Text size="sm">{t('award.reports.correctAndResend')}</Text>
      </Stack>
    </Alert>
  );
}
