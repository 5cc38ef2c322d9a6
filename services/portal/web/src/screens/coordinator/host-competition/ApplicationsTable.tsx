import { Alert, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { LoadMore } from '../common';
import { EligibilityReview } from './EligibilityReview';
import { HostStatusBadge } from './HostStatusBadge';
import { OrganizationName } from './OrganizationName';
import { HOST_STATUSES, useHostApplications } from './queries';

/** The region's applications, by status, page by page, each with its eligibility and the committee's score. */
export function ApplicationsTable(props: {
  roundId: string;
  region: string;
  status: string;
  onStatus: (status: string) => void;
}) {
  const { t } = useTranslation();
  const applications = useHostApplications(props);
  const items = applications.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="host-applications-title">
      <Title order={2} size="h3" id="host-applications-title">
        {t('coordRound.host.applications')}
      </Title>
      <NativeSelect
        label={t('coordinator.filters.status')}
        value={props.status}
        onChange={(event) => props.onStatus(event.currentTarget.value)}
        w="fit-content"
        data={[
          { value: '', label: t('coordinator.filters.anyStatus') },
          ...HOST_STATUSES.map((value) => ({ value, label: t(`coordRound.host.status.${value}`) })),
        ]}
      />
      <ProblemAlert error={applications.error} />
      {applications.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {applications.data && items.length === 0 ? (
        <Alert color="blue">{t('coordRound.host.none')}</Alert>
      ) : null}
      {items.length > 0 ? (
        <Table.ScrollContainer
          minWidth={680}
          // Scrolled sideways on a phone, and a table without links or buttons: the keyboard scrolls it too.
          scrollAreaProps={{
            viewportProps: {
              tabIndex: 0,
              role: 'region',
              'aria-label': t('coordRound.host.applicationsTable'),
            },
          }}
        >
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('coordRound.host.organization')}</Table.Th>
                <Table.Th>{t('coordinator.filters.status')}</Table.Th>
                <Table.Th>{t('coordRound.host.eligibility')}</Table.Th>
                <Table.Th>{t('coordRound.host.score')}</Table.Th>
                <Table.Th>{t('coordRound.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((application) => (
                <Table.Tr
                  key={application.hostApplicationId}
                  data-testid={`host-application-${application.hostOrganizationId}`}
                >
                  <Table.Td>
                    <OrganizationName organizationId={application.hostOrganizationId} />
                  </Table.Td>
                  <Table.Td>
                    <HostStatusBadge status={application.status} />
                  </Table.Td>
                  <Table.Td>
                    {application.eligibility ? (
                      <Stack gap={2}>
                        <Text size="sm">
                          {application.eligibility.reasons.length === 0
                            ? t('coordRound.host.noReasons')
                            : application.eligibility.reasons
                                .map((reason) => t(`coordRound.host.reason.${reason}`))
                                .join('; ')}
                        </Text>
                        {application.eligibility.review ? (
                          <Text size="xs" c="dimmed">
                            {t('coordRound.host.reviewedNote', { note: application.eligibility.review.note })}
                          </Text>
                        ) : (
                          <Text size="xs" c="dimmed">
                            {t('coordRound.host.automatic')}
                          </Text>
                        )}
                      </Stack>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    {application.result
                      ? t('coordRound.host.scoreOf', {
                          score: application.result.totalScore,
                          count: application.result.scorerCount,
                        })
                      : '—'}
                  </Table.Td>
                  <Table.Td>
                    {application.status === 'eligible' || application.status === 'ineligible' ? (
                      <EligibilityReview application={application} />
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <LoadMore
        hasNext={applications.hasNextPage}
        loading={applications.isFetchingNextPage}
        onClick={() => void applications.fetchNextPage()}
      />
    </Stack>
  );
}
