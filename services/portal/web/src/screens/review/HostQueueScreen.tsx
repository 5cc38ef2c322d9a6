import { Alert, Anchor, Badge, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { hasRole, useSession } from '../../session';
import { InstantText, LoadMore, RegionSelect, regionName } from '../coordinator/common';
import { type HostApplication, useHostApplications, useOrganization } from './queries';
import { QUEUE_SHORTCUTS, ShortcutHelp } from './ShortcutHelp';
import { useListNavigation } from './useListNavigation';

/** Where the member stands with an application: scored, abstained, a draft, or still to score. */
export function myState(application: HostApplication): 'scored' | 'conflict' | 'draft' | 'awaiting' {
  if (application.myConflictDeclared) return 'conflict';
  if (application.myScore) return 'scored';
  if (application.myDraft) return 'draft';
  return 'awaiting';
}

export function OrganizationName({ organizationId }: { organizationId: string }) {
  const organization = useOrganization(organizationId);
  return <>{organization.data?.name ?? organizationId}</>;
}

/**
 * The committee's part of the host-organization competition: the eligible applications of the member's regions,
 * page by page, each with where the member stands.
 */
export default function HostQueueScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const [region, setRegion] = useState('');
  const committee = hasRole(session.data, 'committee');
  const applications = useHostApplications({ region });
  const items = applications.data?.pages.flatMap((page) => page.items) ?? [];
  const navigation = useListNavigation(items.length);
  if (!committee) {
    return (
      <>
        <PageTitle>{t('review.host.title')}</PageTitle>
        <Alert color="blue">{t('review.host.committeeOnly')}</Alert>
      </>
    );
  }
  return (
    <>
      <PageTitle>{t('review.host.title')}</PageTitle>
      <Stack gap="md">
        <Group justify="space-between" align="end" wrap="wrap">
          <RegionSelect value={region} onChange={setRegion} />
          <ShortcutHelp keys={QUEUE_SHORTCUTS} />
        </Group>
        <ProblemAlert error={applications.error} />
        {applications.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        {applications.data && items.length === 0 ? <Alert color="blue">{t('review.host.none')}</Alert> : null}
        <Stack
          gap="xs"
          component="ol"
          onKeyDown={navigation.onKeyDown}
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('review.host.title')}
        >
          {items.map((application, index) => {
            const state = myState(application);
            return (
              <Card key={application.hostApplicationId} withBorder padding="sm" component="li">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Stack gap={2}>
                    <Anchor
                      component={Link}
                      to={`/review/host-applications/${application.hostApplicationId}`}
                      ref={navigation.itemRef(index)}
                      fw={600}
                    >
                      <OrganizationName organizationId={application.hostOrganizationId} />
                    </Anchor>
                    <Text size="sm">
                      {regionName(t, application.region)} · {t('review.host.submitted')}{' '}
                      <InstantText value={application.submittedAt} />
                    </Text>
                  </Stack>
                  <Badge variant={state === 'awaiting' ? 'filled' : 'default'}>
                    {t(`review.host.state.${state}`)}
                  </Badge>
                </Group>
              </Card>
            );
          })}
        </Stack>
        <LoadMore
          hasNext={applications.hasNextPage}
          loading={applications.isFetchingNextPage}
          onClick={() => void applications.fetchNextPage()}
        />
      </Stack>
    </>
  );
}
