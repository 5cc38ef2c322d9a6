import { Badge, Button, Card, Checkbox, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ConfirmAction, InstantText, regionName, Tenge } from '../common';
import { type Report, TRACKING_KEY } from '../queries';

export const RETURN_REASONS = [
  'activities-incomplete',
  'expenses-unsupported',
  'expenses-exceed-budget-line',
  'beneficiary-data-missing',
  'surveys-missing',
  'commercial-income',
  'other',
] as const;

type ReturnReason = (typeof RETURN_REASONS)[number];

/** A monthly report as the team sent it, its earlier returns, and (while submitted) accept or return it. */
export function ReportReview({ report }: { report: Report }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [reasons, setReasons] = useState<ReturnReason[]>([]);
  const [note, setNote] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: TRACKING_KEY });
  const giveBack = useMutation({
    mutationFn: () =>
      unwrap(
        api.tracking.POST('/reports/{reportId}/return', {
          params: { path: { reportId: report.reportId } },
          body: {
            version: report.version,
            reasons,
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        }),
      ),
    onSuccess: async () => {
      setReturning(false);
      setReasons([]);
      setNote('');
      await refresh();
    },
  });
  const spent = report.expenses.reduce((total, line) => total + line.amountKzt, 0);
  const reached = report.beneficiaries.reduce((total, group) => total + group.count, 0);
  const headingId = `report-${report.reportId}`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" wrap="wrap" mb="xs">
        <Title order={3} size="h4" id={headingId}>
          {t('coordinator.reports.heading', {
            bidId: report.projectId.replace(/^prj-/, ''),
            month: report.projectMonth,
          })}
        </Title>
        <Group gap="xs">
          <Badge variant="default">{t(`coordinator.reportKind.${report.kind}`)}</Badge>
          <Badge variant="default">{t(`coordinator.reportStatus.${report.status}`)}</Badge>
        </Group>
      </Group>
      <Text size="sm">
        {regionName(t, report.region)} ·{' '}
        {t('coordinator.reports.submission', { number: report.submissionNumber })}{' '}
        <InstantText value={report.submittedAt} />
      </Text>
      <List size="sm" mt="xs" mb="xs">
        <List.Item>{t('coordinator.reports.activities', { count: report.activitiesHeld })}</List.Item>
        <List.Item>{t('coordinator.reports.reached', { count: reached })}</List.Item>
        <List.Item>
          {t('coordinator.reports.spent')} <Tenge amount={spent} />
          {report.commercialIncomeKzt > 0 ? (
            <>
              {' '}
              · {t('coordinator.reports.commercialIncome')} <Tenge amount={report.commercialIncomeKzt} />
            </>
          ) : null}
        </List.Item>
        <List.Item>
          {t('coordinator.reports.conditions', {
            met: report.members.filter(
              (member) => member.mentorSessionAttended && member.trainingCompleted && member.surveyCompleted,
            ).length,
            count: report.members.length,
          })}
        </List.Item>
      </List>
      {report.returns.length > 0 ? (
        <Stack gap={4} mb="xs">
          {report.returns.map((returned) => (
            <Text size="sm" key={returned.returnedAt}>
              {t('coordinator.reports.returnedOn')} <InstantText value={returned.returnedAt} />:{' '}
              {returned.reasons.map((reason) => t(`coordinator.returnReason.${reason}`)).join(', ')}
              {returned.note ? ` — «${returned.note}»` : ''}
            </Text>
          ))}
        </Stack>
      ) : null}
      {report.status === 'submitted' ? (
        <Stack gap="sm">
          <Group gap="sm">
            <ConfirmAction
              label={t('coordinator.reports.accept')}
              title={t('coordinator.reports.accept')}
              onConfirm={async () => {
                await unwrap(
                  api.tracking.POST('/reports/{reportId}/accept', {
                    params: { path: { reportId: report.reportId } },
                    body: { version: report.version },
                  }),
                );
                await refresh();
              }}
            >
              {t('coordinator.reports.acceptConfirm')}
            </ConfirmAction>
            {returning ? null : (
              <Button size="sm" variant="default" onClick={() => setReturning(true)}>
                {t('coordinator.reports.return')}
              </Button>
            )}
          </Group>
          {returning ? (
            <Stack gap="sm">
              <Checkbox.Group
                label={t('coordinator.reports.reasons')}
                value={reasons}
                onChange={(values) => setReasons(values)}
              >
                <Stack gap={6} mt={6}>
                  {RETURN_REASONS.map((reason) => (
                    <Checkbox key={reason} value={reason} label={t(`coordinator.returnReason.${reason}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Textarea
                label={t('coordinator.reports.note')}
                value={note}
                onChange={(event) => setNote(event.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={2000}
              />
              <ProblemAlert error={giveBack.error} />
              <Group gap="sm">
                <Button
                  size="sm"
                  loading={giveBack.isPending}
                  disabled={reasons.length === 0}
                  onClick={() => giveBack.mutate()}
                >
                  {t('coordinator.reports.returnConfirm')}
                </Button>
                <Button size="sm" variant="default" onClick={() => setReturning(false)}>
                  {t('coordinator.cancel')}
                </Button>
              </Group>
            </Stack>
          ) : null}
        </Stack>
      ) : null}
    </Card>
  );
}
