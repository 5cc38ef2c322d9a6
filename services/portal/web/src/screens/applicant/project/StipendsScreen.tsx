import { Alert, Badge, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { type components } from '../../../api/generated/tracking';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isLanguage } from '../../../i18n';
import { formatDate, formatTenge } from '../../../i18n/format';
import { ProjectFrame } from './ProjectFrame';
import { type Project } from './report';

type Month = components['schemas']['MemberStipendMonth'];

const STATUS_COLOR: Record<Month['status'], string> = {
  paid: 'teal',
  payable: 'blue',
  'awaiting-education-level': 'gray',
  'not-paid': 'gray',
  withheld: 'red',
  pending: 'gray',
};

/** The member's own stipends, month by month: paid, to be paid, or withheld with the reasons. */
export default function StipendsScreen() {
  const { t } = useTranslation();
  return (
    <ProjectFrame title={t('award.stipends.title')}>
      {(project) => <Stipends project={project} />}
    </ProjectFrame>
  );
}

function Stipends({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const months = useQuery({
    queryKey: ['projects', project.projectId, 'my-stipends'],
    queryFn: () =>
      unwrap(
        api.tracking.GET('/projects/{projectId}/my-stipends', {
          params: { path: { projectId: project.projectId } },
        }),
      ),
  });
  if (months.isPending) return <Loader aria-label={t('common.loading')} />;
  if (months.error) return <ProblemAlert error={months.error} />;
  const items = months.data.items;
  const paid = items.reduce(
    (total, month) => total + (month.status === 'paid' ? (month.amountKzt ?? 0) : 0),
    0,
  );
  return (
    <>
      <Text mb="sm">{t('award.stipends.intro')}</Text>
      {items.length === 0 ? <Alert color="blue">{t('award.stipends.none')}</Alert> : null}
      {items.length > 0 ? (
        <Text fw={700} mb="sm" data-testid="stipends-paid-total">
          {t('award.stipends.paidTotal', { amount: formatTenge(paid, language) })}
        </Text>
      ) : null}
      <Stack gap="sm">
        {items.map((month) => (
          <Card
            key={month.projectMonth}
            withBorder
            padding="md"
            component="section"
            aria-labelledby={`stipend-${month.projectMonth}`}
            data-testid={`stipend-${month.projectMonth}`}
          >
            <Group justify="space-between" align="flex-start" mb={4}>
              <Title order={2} size="h4" id={`stipend-${month.projectMonth}`}>
                {t('award.month', { n: month.projectMonth })}
              </Title>
              <Badge color={STATUS_COLOR[month.status]} variant="default">
                {t(`award.stipends.status.${month.status}`)}
              </Badge>
            </Group>
            {month.amountKzt !== undefined && month.status !== 'not-paid' ? (
              <Text fw={700}>
                {formatTenge(month.amountKzt, language)}
                {month.rateCategory ? ` · ${t(`award.stipends.rate.${month.rateCategory}`)}` : ''}
              </Text>
            ) : null}
            {month.paidOn ? (
              <Text size="sm">
                {t('award.stipends.paidOn', { date: formatDate(month.paidOn, language) })}
              </Text>
            ) : null}
            {month.status === 'not-paid' ? <Text size="sm">{t('award.stipends.zeroRate')}</Text> : null}
            {month.status === 'awaiting-education-level' ? (
              <Text size="sm">{t('award.stipends.awaitingLevel')}</Text>
            ) : null}
            {month.reasons.length > 0 ? (
              <>
                <Text size="sm" fw={600} mt={4}>
                  {month.status === 'withheld'
                    ? t('award.stipends.withheldBecause')
                    : t('award.stipends.waitsFor')}
                </Text>
                <List size="sm">
                  {month.reasons.map((reason) => (
                    <List.Item key={reason}>{t(`award.stipends.reason.${reason}`)}</List.Item>
                  ))}
                </List>
              </>
            ) : null}
          </Card>
        ))}
      </Stack>
    </>
  );
}
