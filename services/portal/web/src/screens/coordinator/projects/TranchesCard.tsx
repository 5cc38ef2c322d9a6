import { Badge, Card, Loader, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ConfirmAction, DateText, idempotencyKey, Tenge, todayInKazakhstan } from '../common';
import { type Project, TRACKING_KEY } from '../queries';

/**
 * The grant's tranches and their approval. The dialog says what the disbursement makes of the grant; the service
 * decides (never beyond the grant, only a payable tranche, once) and its refusal is shown with the reason.
 */
export function TranchesCard({ project }: { project: Project }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tranches = useQuery({
    queryKey: [...TRACKING_KEY, 'tranches', project.projectId],
    queryFn: () =>
      unwrap(
        api.tracking.GET('/projects/{projectId}/tranches', {
          params: { path: { projectId: project.projectId } },
        }),
      ),
  });
  const items = tranches.data?.items ?? [];
  const disbursed = items
    .filter((tranche) => tranche.status === 'disbursed')
    .reduce((total, tranche) => total + tranche.amountKzt, 0);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="tranches-title">
      <Title order={2} size="h3" mb="xs" id="tranches-title">
        {t('coordinator.tranches.title')}
      </Title>
      <Text mb="sm" data-testid="disbursed-total">
        {t('coordinator.tranches.disbursedOf')} <Tenge amount={disbursed} /> /{' '}
        <Tenge amount={project.grantAmountKzt} />
      </Text>
      <ProblemAlert error={tranches.error} />
      {tranches.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={520}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('coordinator.tranches.number')}</Table.Th>
                <Table.Th>{t('coordinator.tranches.amount')}</Table.Th>
                <Table.Th>{t('coordinator.filters.status')}</Table.Th>
                <Table.Th>{t('coordinator.tranches.action')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((tranche) => (
                <Table.Tr key={tranche.trancheId}>
                  <Table.Td>{tranche.trancheNumber}</Table.Td>
                  <Table.Td>
                    <Tenge amount={tranche.amountKzt} />
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="default">{t(`coordinator.trancheStatus.${tranche.status}`)}</Badge>{' '}
                    {tranche.disbursedOn ? <DateText value={tranche.disbursedOn} /> : null}
                  </Table.Td>
                  <Table.Td>
                    {tranche.status === 'disbursed' ? null : (
                      <ConfirmAction
                        label={t('coordinator.tranches.approve', { number: tranche.trancheNumber })}
                        title={t('coordinator.tranches.approve', { number: tranche.trancheNumber })}
                        onConfirm={async () => {
                          await unwrap(
                            api.tracking.POST('/tranches/{trancheId}/disburse', {
                              params: {
                                path: { trancheId: tranche.trancheId },
                                header: { 'Idempotency-Key': idempotencyKey() },
                              },
                              body: { disbursedOn: todayInKazakhstan() },
                            }),
                          );
                          await queryClient.invalidateQueries({ queryKey: TRACKING_KEY });
                        }}
                      >
                        {t('coordinator.tranches.confirm')} <Tenge amount={tranche.amountKzt} />.{' '}
                        {t('coordinator.tranches.after')} <Tenge amount={disbursed + tranche.amountKzt} /> /{' '}
                        <Tenge amount={project.grantAmountKzt} />.
                      </ConfirmAction>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Card>
  );
}
