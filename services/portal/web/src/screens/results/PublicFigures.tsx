import { Card, Group, Loader, SegmentedControl, Select, SimpleGrid, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../components/charts/Chart';
import { RegionTileMap } from '../../components/charts/RegionTileMap';
import { isLanguage } from '../../i18n';
import { BasisToggle } from '../dashboards/BasisToggle';
import { formatValue, yearsUntil } from '../dashboards/format';
import { groupLabel } from '../dashboards/groups';
import {
  usePublicBreakdown,
  usePublicHeadline,
  usePublicIndicators,
  usePublicMap,
} from '../dashboards/queries';
import { SnapshotNote } from '../dashboards/SnapshotNote';

/*
 * The public figures: headline results, the map and one breakdown at a time, all protected by the reporting
 * service (withheld under the threshold, rounded). Shared by the public page and the embeddable one.
 */

export interface PublicState {
  readonly period: string;
  readonly code: string;
  readonly dimension: string;
  readonly basis: string;
}

export function PeriodSelect(props: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('results.filters.period')}
      data={[
        { value: 'all', label: t('results.filters.allYears') },
        ...yearsUntil(new Date()).map((year) => ({
          value: String(year),
          label: t('results.filters.year', { year }),
        })),
      ]}
      value={props.value}
      onChange={(value) => value && props.onChange(value)}
      allowDeselect={false}
      w={280}
    />
  );
}

export function Headline(props: { period: string; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const headline = usePublicHeadline(props.period);
  if (headline.isPending) return <Loader />;
  if (!headline.data) return <Text>{t('results.errors.noData')}</Text>;
  const items = props.compact
    ? headline.data.items.filter((item) => ['PDO-1', 'PDO-2', 'IR-2.1', 'IR-3.1'].includes(item.code))
    : headline.data.items;
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 2, md: props.compact ? 4 : 3 }} spacing="md" data-headline="">
        {items.map((item) => (
          <Card key={item.code} withBorder padding="md" data-headline-code={item.code}>
            <Text size="sm" c="dimmed">
              {item.code}
            </Text>
            <Text fw={600} mb={4}>
              {item.name[language]}
            </Text>
            <Text fz={28} fw={700} data-value={item.suppressed ? 'withheld' : String(item.value)}>
              {item.suppressed ? t('results.withheld') : formatValue(item.value, item.unit, language)}
            </Text>
            {item.target !== null ? (
              <Text size="sm">
                {t('results.public.target', {
                  target: formatValue(item.target, item.unit, language),
                })}
                {item.shareOfTarget !== null
                  ? ` · ${t('results.public.ofTarget', { share: item.shareOfTarget })}`
                  : ''}
              </Text>
            ) : null}
          </Card>
        ))}
      </SimpleGrid>
      <Text size="sm" mt="sm">
        {t('results.withheldNote', { threshold: headline.data.rule.threshold })}
      </Text>
      <SnapshotNote snapshot={headline.data.snapshot} />
    </>
  );
}

export function PublicMap(props: { state: PublicState; onChange?: (change: Partial<PublicState>) => void }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const indicators = usePublicIndicators();
  const basis = props.state.basis === 'comparable' ? 'comparable' : 'recorded';
  const map = usePublicMap(props.state.code, props.state.period, basis);
  const unit = map.data?.indicator.unit ?? 'count';
  return (
    <>
      {props.onChange ? (
        <Group align="end" mb="sm" wrap="wrap" className="no-print">
          <Select
            label={t('results.filters.indicator')}
            data={(indicators.data?.items ?? []).map((item) => ({
              value: item.code,
              label: `${item.code} ${item.name[language]}`,
            }))}
            value={props.state.code}
            onChange={(value) => value && props.onChange?.({ code: value })}
            allowDeselect={false}
            w={360}
          />
          <BasisToggle
            id="public-basis"
            value={basis}
            onChange={(value) => props.onChange?.({ basis: value })}
          />
        </Group>
      ) : null}
      {map.isPending || !map.data ? (
        <Loader />
      ) : (
        <RegionTileMap
          caption={t('results.map.caption', { indicator: map.data.indicator.name[language] })}
          values={map.data.groups}
          {...(basis === 'comparable' && indicators.data
            ? { groups: indicators.data.comparableRegions }
            : {})}
          format={(value) => formatValue(value, unit, language)}
        />
      )}
    </>
  );
}

export function PublicBreakdown(props: {
  state: PublicState;
  onChange: (change: Partial<PublicState>) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const indicators = usePublicIndicators();
  const definition = indicators.data?.items.find((item) => item.code === props.state.code);
  const dimensions = (indicators.data?.dimensions ?? []).filter(() => definition?.unit !== 'kzt');
  const dimension = dimensions.includes(props.state.dimension as never)
    ? props.state.dimension
    : (dimensions[0] ?? 'sex');
  const code = ['PDO-1', 'PDO-2'].includes(props.state.code) ? props.state.code : 'PDO-1';
  const breakdown = usePublicBreakdown(code, props.state.period, dimension, '');
  const groups = breakdown.data?.groups ?? [];
  const label = `${breakdown.data?.indicator.name[language] ?? code}: ${t(`results.dimensions.${dimension}`)}`;
  const unit = breakdown.data?.indicator.unit ?? 'count';
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 72, top: 8, bottom: 32, containLabel: true },
      xAxis: {
        type: 'value',
        name: t(`results.units.${unit}`),
        nameLocation: 'middle',
        nameGap: 28,
        // Few ticks, so that a phone's narrow axis never runs its numbers together.
        splitNumber: 3,
        nameTextStyle: { fontSize: 13 },
        axisLabel: {
          fontSize: 13,
          hideOverlap: true,
          formatter: (value: number) => formatValue(value, unit, language),
        },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        axisLabel: { fontSize: 14 },
        data: groups.map((group) => groupLabel(t, dimension, group.key)),
      },
      series: [
        {
          type: 'bar',
          data: groups.map((group) => group.value ?? 0),
          itemStyle: { color: '#0b7285' },
          label: {
            show: true,
            position: 'right',
            fontSize: 14,
            formatter: ({ dataIndex }: { dataIndex: number }) =>
              groups[dataIndex]?.suppressed
                ? t('results.withheld')
                : formatValue(groups[dataIndex]?.value, unit, language),
          },
        },
      ],
    }),
    [groups, dimension, t, unit, language],
  );
  return (
    <>
      <Text size="sm" fw={600} id="public-dimension">
        {t('results.filters.dimension')}
      </Text>
      <SegmentedControl
        aria-labelledby="public-dimension"
        className="no-print"
        mb="sm"
        data={dimensions.map((value) => ({ value, label: t(`results.dimensions.${value}`) }))}
        value={dimension}
        onChange={(value) => props.onChange({ dimension: value })}
        style={{ flexWrap: 'wrap' }}
      />
      {breakdown.isPending ? (
        <Loader />
      ) : (
        <>
          <div data-breakdown-chart={dimension}>
            <Chart option={option} height={Math.max(160, 56 * groups.length + 40)} label={label} />
          </div>
          <Table striped withTableBorder fz="sm" mt="sm" data-public-table={dimension}>
            <caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600 }}>{label}</caption>
            <Table.Tbody>
              {groups.map((group) => (
                <Table.Tr key={group.key}>
                  <Table.Th scope="row" fw={400}>
                    {groupLabel(t, dimension, group.key)}
                  </Table.Th>
                  <Table.Td ta="right" data-value={group.suppressed ? 'withheld' : String(group.value)}>
                    {group.suppressed ? t('results.withheld') : formatValue(group.value, unit, language)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </>
  );
}
