import { Alert, Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { type components } from '../../../api/generated/tracking';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isLanguage } from '../../../i18n';
import { formatDate, formatTenge } from '../../../i18n/format';
import { ProjectFrame } from './ProjectFrame';
import { type Project } from './report';

type Tranche = components['schemas']['Tranche'];

const STATUS_COLOR: Record<Tranche['status'], string> = {
  scheduled: 'gray',
  payable: 'blue',
  disbursed: 'teal',
};

/** The grant's tranches: amount, where each stands, when it became payable and was paid, and why. */
export default function TranchesScreen() {
  const { t } = useTranslation();
  return (
    <ProjectFrame title={t('award.tranches.title')}>
      {(project) => <Tranches project={project} />}
    </ProjectFrame>
  );
}

function Tranches({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const tranches = useQuery({
    queryKey: ['projects', project.projectId, 'tranches'],
    queryFn: () =>
      unwrap(
        api.tracking.GET('/projects/{projectId}/tranches', {
          params: { path: { projectId: project.projectId } },
        }),
      ),
  });
  const midTerm = Math.ceil(project.durationMonths / 2);
  if (tranches.isPending) return <Loader aria-label={t('common.loading')} />;
  if (tranches.error) return <ProblemAlert error={tranches.error} />;
  if (tranches.data.items.length === 0) return <Alert color="blue">{t('award.tranches.none')}</Alert>;
  return (
    <Stack gap="sm">
      {tranches.data.items.map((tranche) => (
        <Card
          key={tranche.trancheId}
          withBorder
          padding="md"
          component="section"
          aria-labelledby={`tranche-${tranche.trancheNumber}`}
          data-testid={`tranche-${tranche.trancheNumber}`}
        >
          <Group justify="space-between" align="flex-start" mb={4}>
            <Title order={2} size="h4" id={`tranche-${tranche.trancheNumber}`}>
              {t('award.tranches.number', { n: tranche.trancheNumber })}
            </Title>
            <Badge color={STATUS_COLOR[tranche.status]} variant="default">
              {t(`award.tranches.status.${tranche.status}`)}
            </Badge>
          </Group>
          <Text fw={700} fz="lg">
            {formatTenge(tranche.amountKzt, language)}
          </Text>
          {tranche.status === 'scheduled' ? (
            <Text size="sm">{t('award.tranches.waits', { month: midTerm })}</Text>
          ) : null}
          {tranche.basis ? (
            <Text size="sm">
              {t(`award.tranches.basis.${tranche.basis}`)}
              {tranche.payableAt ? ` · ${formatDate(tranche.payableAt, language)}` : ''}
            </Text>
          ) : null}
          {tranche.disbursedOn ? (
            <Text size="sm">
              {t('award.tranches.disbursedOn', { date: formatDate(tranche.disbursedOn, language) })}
            </Text>
          ) : null}
        </Card>
      ))}
    </Stack>
  );
}
