import { Alert, Badge, Card, Group, Loader, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { AuditTrail } from '../../../components/AuditTrail';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ConfirmAction, DateText, idempotencyKey, regionName, Tenge, todayInKazakhstan } from '../common';
import { type Project, TRACKING_KEY } from '../queries';
import { ProjectMentorCard } from '../mentors/ProjectMentorCard';
import { CompletionCard } from './CompletionCard';
import { ProjectReports } from './ProjectReports';
import { ProjectStipends } from './ProjectStipends';
import { TranchesCard } from './TranchesCard';

export const projectKey = (projectId: string) => [...TRACKING_KEY, 'project', projectId] as const;

/** One project as its coordinator runs it: agreement, tranches, reports, stipends and completion. */
export default function ProjectScreen() {
  const { t } = useTranslation();
  const { projectId = '' } = useParams();
  const project = useQuery({
    queryKey: projectKey(projectId),
    queryFn: () => unwrap(api.tracking.GET('/projects/{projectId}', { params: { path: { projectId } } })),
  });
  const data = project.data;
  return (
    <>
      <PageTitle>{t('coordinator.project.title', { bidId: data?.bidId ?? projectId })}</PageTitle>
      <ProblemAlert error={project.error} />
      {project.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {data ? (
        <Stack gap="lg">
          <Summary project={data} />
          <AgreementCard project={data} />
          <ProjectMentorCard project={data} />
          {data.agreement ? <TranchesCard project={data} /> : null}
          {data.agreement ? <ProjectReports project={data} /> : null}
          {data.agreement ? <ProjectStipends project={data} /> : null}
          {data.status === 'active' || data.status === 'completed' ? <CompletionCard project={data} /> : null}
          <AuditTrail
            service="tracking"
            aggregateId={data.projectId}
            title={t('coordDraw.audit.projectTitle')}
          />
          <AuditTrail service="applications" aggregateId={data.bidId} title={t('coordDraw.audit.bidTitle')} />
        </Stack>
      ) : null}
    </>
  );
}

function Summary({ project }: { project: Project }) {
  const { t } = useTranslation();
  const facts: [string, React.ReactNode][] = [
    [t('coordinator.filters.region'), regionName(t, project.region)],
    [
      t('coordinator.filters.status'),
      <Badge key="status" variant="default">
        {t(`coordinator.projectStatus.${project.status}`)}
      </Badge>,
    ],
    [t('coordinator.projects.grant'), <Tenge key="grant" amount={project.grantAmountKzt} />],
    [t('coordinator.project.months'), project.durationMonths],
    [
      t('coordinator.project.members'),
      `${project.members.filter((member) => member.active).length} / ${project.members.length}`,
    ],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
      {facts.map(([label, value]) => (
        <div key={label}>
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          <Text component="div" fw={600}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function AgreementCard({ project }: { project: Project }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [signedOn, setSignedOn] = useState(todayInKazakhstan());
  const [startsOn, setStartsOn] = useState(todayInKazakhstan());
  const agreement = project.agreement;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="agreement-title">
      <Title order={2} size="h3" mb="sm" id="agreement-title">
        {t('coordinator.agreement.title')}
      </Title>
      {agreement ? (
        <Text>
          {t('coordinator.agreement.signed')} <DateText value={agreement.signedOn} />;{' '}
          {t('coordinator.agreement.period')} <DateText value={agreement.startsOn} /> —{' '}
          <DateText value={agreement.endsOn} />
        </Text>
      ) : project.waitingFor.includes('round-rules') ? (
        <Alert color="yellow">{t('coordinator.agreement.waitingForRules')}</Alert>
      ) : project.status === 'opened' ? (
        <Stack gap="sm">
          <Group align="end" wrap="wrap">
            <TextInput
              type="date"
              label={t('coordinator.agreement.signedOn')}
              value={signedOn}
              onChange={(event) => setSignedOn(event.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('coordinator.agreement.startsOn')}
              value={startsOn}
              onChange={(event) => setStartsOn(event.currentTarget.value)}
            />
            <ConfirmAction
              label={t('coordinator.agreement.sign')}
              title={t('coordinator.agreement.sign')}
              onConfirm={async () => {
                await unwrap(
                  api.tracking.POST('/projects/{projectId}/agreement', {
                    params: {
                      path: { projectId: project.projectId },
                      header: { 'Idempotency-Key': idempotencyKey() },
                    },
                    body: { signedOn, startsOn },
                  }),
                );
                await queryClient.invalidateQueries({ queryKey: TRACKING_KEY });
              }}
            >
              {t('coordinator.agreement.confirm', { bidId: project.bidId })}{' '}
              <Tenge amount={project.grantAmountKzt} />
            </ConfirmAction>
          </Group>
        </Stack>
      ) : (
        <Text>{t('coordinator.agreement.none')}</Text>
      )}
    </Card>
  );
}
