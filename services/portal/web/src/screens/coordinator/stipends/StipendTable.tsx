import { Badge, Table } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { ConfirmAction, DateText, idempotencyKey, regionName, Tenge, todayInKazakhstan } from '../common';
import { type Stipend, TRACKING_KEY } from '../queries';

/** Members' monthly stipends (by pseudonymous id: names stay with the applications service); payable ones paid. */
export function StipendTable({ items, showProject }: { items: readonly Stipend[]; showProject: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            {showProject ? <Table.Th>{t('coordinator.projects.project')}</Table.Th> : null}
            <Table.Th>{t('coordinator.stipends.member')}</Table.Th>
            <Table.Th>{t('coordinator.stipends.month')}</Table.Th>
            <Table.Th>{t('coordinator.tranches.amount')}</Table.Th>
            <Table.Th>{t('coordinator.filters.status')}</Table.Th>
            <Table.Th>{t('coordinator.tranches.action')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((stipend) => (
            <Table.Tr key={stipend.stipendId}>
              {showProject ? (
                <Table.Td>
                  {stipend.projectId.replace(/^prj-/, '')} · {regionName(t, stipend.region)}
                </Table.Td>
              ) : null}
              <Table.Td>{stipend.participantId}</Table.Td>
              <Table.Td>{stipend.projectMonth}</Table.Td>
              <Table.Td>
                {stipend.amountKzt === undefined ? '—' : <Tenge amount={stipend.amountKzt} />}
              </Table.Td>
              <Table.Td>
                <Badge variant="default">{t(`coordinator.stipendStatus.${stipend.status}`)}</Badge>{' '}
                {stipend.paidOn ? <DateText value={stipend.paidOn} /> : null}
              </Table.Td>
              <Table.Td>
                {stipend.status === 'payable' ? (
                  <ConfirmAction
                    label={t('coordinator.stipends.pay')}
                    title={t('coordinator.stipends.pay')}
                    onConfirm={async () => {
                      await unwrap(
                        api.tracking.POST('/stipends/{stipendId}/pay', {
                          params: {
                            path: { stipendId: stipend.stipendId },
                            header: { 'Idempotency-Key': idempotencyKey() },
                          },
                          body: { paidOn: todayInKazakhstan() },
                        }),
                      );
                      await queryClient.invalidateQueries({ queryKey: TRACKING_KEY });
                    }}
                  >
                    {t('coordinator.stipends.payConfirm', {
                      member: stipend.participantId,
                      month: stipend.projectMonth,
                    })}{' '}
                    {stipend.amountKzt === undefined ? null : <Tenge amount={stipend.amountKzt} />}
                  </ConfirmAction>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
