import { Group, Loader, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RegionTileMap } from '../../components/charts/RegionTileMap';
import { isLanguage } from '../../i18n';
import { BasisToggle } from './BasisToggle';
import { formatValue, yearsUntil } from './format';
import { useIndicators, usePublicIndicators, useValues } from './queries';
import { SnapshotNote } from './SnapshotNote';

/** One indicator on the map of regions, as recorded or comparable across the 2018 and 2022 changes. */
export function MapView(props: {
  code: string;
  period: string;
  basis: 'recorded' | 'comparable';
  onChange: (change: { code?: string; period?: string; basis?: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const indicators = useIndicators();
  const groups = usePublicIndicators().data?.comparableRegions;
  const values = useValues({
    code: props.code,
    dimension: 'region',
    period: props.period,
    region: '',
    basis: props.basis,
  });
  const item = values.data?.items[0];
  const unit = item?.unit ?? 'count';
  const caption = t('results.map.caption', { indicator: item?.name[language] ?? props.code });
  return (
    <>
      <Group align="end" mb="sm" wrap="wrap">
        <Select
          label={t('results.filters.indicator')}
          data={(indicators.data?.items ?? [])
            .filter((entry) => entry.disaggregations.includes('region'))
            .map((entry) => ({ value: entry.code, label: `${entry.code} ${entry.name[language]}` }))}
          value={props.code}
          onChange={(value) => value && props.onChange({ code: value })}
          allowDeselect={false}
          w={360}
          searchable
        />
        <Select
          label={t('results.filters.period')}
          data={[
            { value: 'all', label: t('results.filters.allYears') },
            ...yearsUntil(new Date()).map((year) => ({
              value: String(year),
              label: t('results.filters.year', { year }),
            })),
          ]}
          value={props.period}
          onChange={(value) => value && props.onChange({ period: value })}
          allowDeselect={false}
          w={280}
        />
      </Group>
      <BasisToggle id="map-basis" value={props.basis} onChange={(basis) => props.onChange({ basis })} />
      <Text size="sm" c="dimmed" mb="sm">
        {t('results.basis.note')}
      </Text>
      {values.isPending ? (
        <Loader />
      ) : (
        <>
          <RegionTileMap
            caption={caption}
            values={(item?.disaggregations ?? [])
              .filter((group) => group.dimension === 'region')
              .map((group) => ({ key: group.key, value: group.value, suppressed: false }))}
            {...(props.basis === 'comparable' && groups ? { groups } : {})}
            format={(value) => formatValue(value, unit, language)}
          />
          {values.data ? <SnapshotNote snapshot={values.data.snapshot} /> : null}
        </>
      )}
    </>
  );
}
