import { Alert, Anchor, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { StatusBadge } from '../../components/StatusBadge';
import { InstantText, LoadMore, regionName, useLanguage } from '../coordinator/common';
import { STATUS_TONE } from './labels';
import { OrganizationPanel } from './OrganizationPanel';
import { HostProblemAlert } from './problems';
import {
  type HostApplication,
  useHostOrgId,
  useHostRegions,
  useMyApplications,
  useOrganization,
  usePublishedRounds,
  useRound,
} from './queries';

/** A round by its title in the person's language (its id while it loads). */
export function RoundTitle({ roundId }: { roundId: string }) {
  const language = useLanguage();
  const round = useRound(roundId);
  return <>{round.data?.title?.[language] ?? roundId}</>;
}

/** The organization, its applications with their status, and the published rounds it may apply to. */
export default function HostOrgHome() {
  const { t } = useTranslation();
  const hostOrgId = useHostOrgId();
  const organization = useOrganization(hostOrgId);
  return (
    <>
      <PageTitle>{t('hostOrg.home.title')}</PageTitle>
      {hostOrgId === null ? (
        <Alert color="orange" role="note">
          {t('hostOrg.home.noOrganization')}
        </Alert>
      ) : (
        <Stack gap="lg">
          <OrganizationPanel hostOrgId={hostOrgId} />
          {organization.data ? (
            <>
              <MyApplications hostOrgId={hostOrgId} />
              <OpenRounds hostOrgId={hostOrgId} />
            </>
          ) : null}
        </Stack>
      )}
    </>
  );
}

function MyApplications({ hostOrgId }: { hostOrgId: string }) {
  const { t } = useTranslation();
  const applications = useMyApplications(hostOrgId);
  const items = applications.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack component="section" aria-labelledby="host-org-applications" gap="sm">
      <Title order={2} size="h3" id="host-org-applications">
        {t('hostOrg.home.applications')}
      </Title>
      {applications.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      <HostProblemAlert error={applications.error} />
      {applications.isSuccess && items.length === 0 ? (
        <Text c="dimmed">{t('hostOrg.home.noApplications')}</Text>
      ) : null}
      {items.map((application) => (
        <ApplicationRow key={application.hostApplicationId} application={application} />
      ))}
      <LoadMore
        hasNext={applications.hasNextPage}
        loading={applications.isFetchingNextPage}
        onClick={() => void applications.fetchNextPage()}
      />
    </Stack>
  );
}

function ApplicationRow({ application }: { application: HostApplication }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" component="article" data-testid="host-application-row">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Anchor component={Link} to={`/host-org/applications/${application.hostApplicationId}`} fw={700}>
            <RoundTitle roundId={application.roundId} /> · {regionName(t, application.region)}
          </Anchor>
          <Text size="sm" c="dimmed">
            {t('hostOrg.home.updated')}: <InstantText value={application.updatedAt} />
          </Text>
        </Stack>
        <StatusBadge tone={STATUS_TONE[application.status]}>
          {t(`hostOrg.status.${application.status}`)}
        </StatusBadge>
      </Group>
    </Card>
  );
}

function OpenRounds({ hostOrgId }: { hostOrgId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const regions = useHostRegions();
  const rounds = usePublishedRounds(regions);
  const applications = useMyApplications(hostOrgId);
  const appliedTo = new Map(
    (applications.data?.pages.flatMap((page) => page.items) ?? []).map((application) => [
      application.roundId,
      application.hostApplicationId,
    ]),
  );
  const items = rounds.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack component="section" aria-labelledby="host-org-rounds" gap="sm">
      <Title order={2} size="h3" id="host-org-rounds">
        {t('hostOrg.home.rounds')}
      </Title>
      {rounds.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      <HostProblemAlert error={rounds.error} />
      {rounds.isSuccess && items.length === 0 ? <Text c="dimmed">{t('hostOrg.home.noRounds')}</Text> : null}
      {items.map((round) => {
        const title = round.title?.[language] ?? round.roundId;
        const applied = appliedTo.get(round.roundId);
        return (
          <Card key={round.roundId} withBorder padding="md" component="article">
            <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
              <Stack gap={2}>
                <Text fw={700}>{title}</Text>
                {round.hostApplicationWindow ? (
                  <Text size="sm">
                    {t('hostOrg.home.window')}: <InstantText value={round.hostApplicationWindow.opensAt} /> —{' '}
                    <InstantText value={round.hostApplicationWindow.closesAt} />
                  </Text>
                ) : null}
              </Stack>
              {applied ? (
                // A short label on the button (a round's title would not fit a phone), the round in its name.
                <Button
                  component={Link}
                  to={`/host-org/applications/${applied}`}
                  variant="default"
                  size="sm"
                  aria-label={t('hostOrg.home.openApplication', { round: title })}
                >
                  {t('hostOrg.home.openApplicationShort')}
                </Button>
              ) : (
                <Button
                  component={Link}
                  to={`/host-org/rounds/${round.roundId}/apply`}
                  size="sm"
                  aria-label={t('hostOrg.home.apply', { round: title })}
                >
                  {t('hostOrg.home.applyShort')}
                </Button>
              )}
            </Group>
          </Card>
        );
      })}
      <LoadMore
        hasNext={rounds.hasNextPage}
        loading={rounds.isFetchingNextPage}
        onClick={() => void rounds.fetchNextPage()}
      />
    </Stack>
  );
}
