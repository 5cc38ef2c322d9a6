import { Alert, Group, Loader, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { LoadMore, RegionSelect } from '../common';
import { useStipends } from '../queries';
import { StipendTable } from './StipendTable';

const STATUSES = ['payable', 'awaiting-education-level', 'paid', 'not-paid'] as const;

/** The stipend run: what is payable in the coordinator's regions, paid one by one, each once. */
export default function StipendsScreen() {
  const { t } = useTranslation();
  const [region, setRegion] = useState('');
  const [status, setStatus] = useState('payable');
  const stipends = useStipends({ region, status });
  const items = stipends.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageTitle>{t('coordinator.stipends.title')}</PageTitle>
      <Stack gap="md">
        <Text>{t('coordinator.stipends.intro')}</Text>
        <Group align="end" wrap="wrap">
          <RegionSelect value={region} onChange={setRegion} />
          <NativeSelect
            label={t('coordinator.filters.status')}
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value)}
            data={[
              { value: '', label: t('coordinator.filters.anyStatus') },
              ...STATUSES.map((value) => ({ value, label: t(`coordinator.stipendStatus.${value}`) })),
            ]}
          />
        </Group>
        <ProblemAlert error={stipends.error} />
        {stipends.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        {stipends.data && items.length === 0 ? (
          <Alert color="blue">{t('coordinator.stipends.none')}</Alert>
        ) : null}
        {items.length > 0 ? <StipendTable items={items} showProject /> : null}
        <LoadMore
          hasNext={stipends.hasNextPage}
          loading={stipends.isFetchingNextPage}
          onClick={() => void stipends.fetchNextPage()}
        />
      </Stack>
    </>
  );
}
