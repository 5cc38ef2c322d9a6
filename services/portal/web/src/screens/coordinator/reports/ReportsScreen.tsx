import { Alert, Group, Loader, NativeSelect, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { LoadMore, RegionSelect } from '../common';
import { useReportQueue } from '../queries';
import { ReportReview } from './ReportReview';

/** The monthly reports of the coordinator's regions, oldest first: by default those waiting for a review. */
export default function ReportsScreen() {
  const { t } = useTranslation();
  const [region, setRegion] = useState('');
  const [status, setStatus] = useState('submitted');
  const reports = useReportQueue({ region, status });
  const items = reports.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageTitle>{t('coordinator.reports.title')}</PageTitle>
      <Stack gap="md">
        <Group align="end" wrap="wrap">
          <RegionSelect value={region} onChange={setRegion} />
          <NativeSelect
            label={t('coordinator.filters.status')}
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value)}
            data={[
              { value: '', label: t('coordinator.filters.anyStatus') },
              ...(['submitted', 'returned', 'accepted'] as const).map((value) => ({
                value,
                label: t(`coordinator.reportStatus.${value}`),
              })),
            ]}
          />
        </Group>
        <ProblemAlert error={reports.error} />
        {reports.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        {reports.data && items.length === 0 ? (
          <Alert color="blue">{t('coordinator.reports.none')}</Alert>
        ) : null}
        {items.map((report) => (
          <ReportReview key={report.reportId} report={report} />
        ))}
        <LoadMore
          hasNext={reports.hasNextPage}
          loading={reports.isFetchingNextPage}
          onClick={() => void reports.fetchNextPage()}
        />
      </Stack>
    </>
  );
}
