import { Alert, Group, Loader, NativeSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { LoadMore, RegionSelect } from '../common';
import { GRIEVANCE_VIEWS, type GrievanceView, useGrievances } from '../queries';
import { GrievanceCard } from './GrievanceCard';

const CATEGORIES = [
  'selection-process',
  'payments',
  'host-organization-conduct',
  'project-implementation',
  'data-protection',
  'accessibility',
  'corruption',
  'other',
] as const;

/** The grievance desk: new, overdue, assigned, answered and resolved grievances of the coordinator's regions. */
export default function GrievancesScreen() {
  const { t } = useTranslation();
  const [view, setView] = useState<GrievanceView>('lodged');
  const [region, setRegion] = useState('');
  const [category, setCategory] = useState('');
  const grievances = useGrievances({ view, region, category });
  const items = grievances.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageTitle>{t('coordinator.grievances.title')}</PageTitle>
      <Stack gap="md">
        <Text>{t('coordinator.grievances.rule')}</Text>
        <SegmentedControl
          aria-label={t('coordinator.grievances.views')}
          value={view}
          onChange={(value) => setView(value)}
          data={GRIEVANCE_VIEWS.map((value) => ({ value, label: t(`coordinator.grievanceView.${value}`) }))}
          style={{ flexWrap: 'wrap' }}
        />
        <Group align="end" wrap="wrap">
          <RegionSelect value={region} onChange={setRegion} />
          <NativeSelect
            label={t('coordinator.grievances.category')}
            value={category}
            onChange={(event) => setCategory(event.currentTarget.value)}
            data={[
              { value: '', label: t('coordinator.filters.anyCategory') },
              ...CATEGORIES.map((value) => ({ value, label: t(`coordinator.grievanceCategory.${value}`) })),
            ]}
          />
        </Group>
        <ProblemAlert error={grievances.error} />
        {grievances.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        {grievances.data && items.length === 0 ? (
          <Alert color="blue">{t('coordinator.grievances.none')}</Alert>
        ) : null}
        {items.map((grievance) => (
          <GrievanceCard key={grievance.grievanceId} grievance={grievance} />
        ))}
        <LoadMore
          hasNext={grievances.hasNextPage}
          loading={grievances.isFetchingNextPage}
          onClick={() => void grievances.fetchNextPage()}
        />
      </Stack>
    </>
  );
}
