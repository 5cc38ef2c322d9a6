import { Alert, Badge, Card, Group, List, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../../i18n';
import { formatDate, formatTenge } from '../../../i18n/format';
import { ProjectFrame } from './ProjectFrame';
import { type Project } from './report';

const STATUS_COLOR: Record<Project['status'], string> = {
  opened: 'blue',
  active: 'teal',
  completed: 'green',
  terminated: 'red',
};

/**
 * The project and its agreement: what was awarded, and once the coordinator has signed the agreement, its dates,
 * the tranches it fixes and the stipend rates frozen in it. The agreement is signed by the programme's
 * coordinator (the tracking service lets no one else sign), so the team reads it here.
 */
export default function AgreementScreen() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  return (
    <ProjectFrame title={t('award.agreement.title')}>
      {(project) => {
        const { agreement } = project;
        return (
          <>
            <Card withBorder padding="lg" mb="md" component="section" aria-labelledby="project-summary">
              <Group justify="space-between" align="flex-start" mb="xs">
                <Title order={2} size="h3" id="project-summary">
                  {t('award.project.title')}
                </Title>
                <Badge
                  color={STATUS_COLOR[project.status]}
                  variant="default"
                  size="lg"
                  data-testid="project-status"
                >
                  {t(`award.project.status.${project.status}`)}
                </Badge>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                <Fact
                  label={t('award.project.grant')}
                  value={formatTenge(project.grantAmountKzt, language)}
                />
                <Fact label={t('award.project.months')} value={String(project.durationMonths)} />
                <Fact
                  label={t('award.project.region')}
                  value={t(`regions.${project.region}`, { defaultValue: project.region })}
                />
              </SimpleGrid>
              <Text size="sm" c="dimmed" mt="xs">
                {t('award.project.members', { n: project.members.filter((member) => member.active).length })}
              </Text>
            </Card>

            {agreement ? (
              <Card
                withBorder
                padding="lg"
                component="section"
                aria-labelledby="agreement"
                data-testid="agreement"
              >
                <Group justify="space-between" align="flex-start" mb="xs">
                  <Title order={2} size="h3" id="agreement">
                    {t('award.agreement.signed')}
                  </Title>
                  <Badge color="teal" variant="default">
                    {formatDate(agreement.signedOn, language)}
                  </Badge>
                </Group>
                <Text mb="sm">
                  {t('award.agreement.period', {
                    from: formatDate(agreement.startsOn, language),
                    to: formatDate(agreement.endsOn, language),
                  })}
                </Text>
                <Title order={3} size="h4" mb="xs">
                  {t('award.agreement.tranches')}
                </Title>
                <List mb="sm">
                  {agreement.tranches.map((tranche, index) => (
                    <List.Item key={tranche.trancheNumber}>
                      {t('award.agreement.tranche', {
                        n: tranche.trancheNumber,
                        amount: formatTenge(tranche.amountKzt, language),
                        percent: agreement.rules.tranchePercentages[index] ?? '',
                      })}
                    </List.Item>
                  ))}
                </List>
                <Title order={3} size="h4" mb="xs">
                  {t('award.agreement.stipends')}
                </Title>
                <List mb="sm">
                  <List.Item>
                    {t('award.agreement.rateGraduate', {
                      amount: formatTenge(agreement.rules.stipendMonthlyKzt.graduate, language),
                    })}
                  </List.Item>
                  <List.Item>
                    {t('award.agreement.rateOther', {
                      amount: formatTenge(agreement.rules.stipendMonthlyKzt.other, language),
                    })}
                  </List.Item>
                </List>
                <Text size="sm" c="dimmed">
                  {t('award.agreement.conditions')}
                </Text>
              </Card>
            ) : (
              <Alert color="blue" title={t('award.agreement.notYet')} data-testid="agreement-pending">
                {project.waitingFor.length > 0
                  ? t('award.agreement.waitingRules')
                  : t('award.agreement.notYetText')}
              </Alert>
            )}
            {project.termination ? (
              <Alert color="red" mt="md" title={t('award.project.status.terminated')}>
                {formatDate(project.termination.terminatedOn, language)}
              </Alert>
            ) : null}
          </>
        );
      }}
    </ProjectFrame>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
    </div>
  );
}
