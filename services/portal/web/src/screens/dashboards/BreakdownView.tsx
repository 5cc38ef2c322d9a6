import { Group, Loader, SegmentedControl, Select, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../components/charts/Chart';
import { isLanguage } from '../../i18n';
import { formatValue, yearsUntil } from './format';
import { DIMENSIONS, groupLabel } from './groups';
import { useIndicators, useValues } from './queries';
import { SnapshotNote } from './SnapshotNote';

/** One indicator split by one attribute, chosen with toggles; the chart and the table show the same numbers. */
export function BreakdownView(props: {
  code: string;
  dimension: string;
  period: string;
  region: string;
  onChange: (change: { code?: string; dimension?: string; period?: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const indicators = useIndicators();
  const definition = indicators.data?.items.find((item) => item.code === props.code);
  const allowed = DIMENSIONS.filter((dimension) => definition?.disaggregations.includes(dimension) ?? true);
  const dimension = allowed.includes(props.dimension as never) ? props.dimension : (allowed[0] ?? 'region');
  const values = useValues({
    code: props.code,
    dimension,
    period: props.period,
    region: props.region,
    basis: 'recorded',
  });
  const item = values.data?.items[0];
  const unit = item?.unit ?? 'count';
  const groups = (item?.disaggregations ?? []).filter((group) => group.dimension === dimension);
  const label = `${item?.name[language] ?? props.code}: ${t(`results.dimensions.${dimension}`)}`;
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 56, top: 16, bottom: 32, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => formatValue(value, unit, language) },
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
            formatter: ({ value }: { value: number }) => formatValue(value, unit, language),
          },
        },
      ],
    }),
    [groups, dimension, t, unit, language],
  );
  return (
    <>
      <Group align="end" mb="sm" wrap="wrap">
        <Select
          label={t('results.filters.indicator')}
          data={(indicators.data?.items ?? []).map((entry) => ({
            value: entry.code,
            label: `${entry.code} ${entry.name[language]}`,
          }))}
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
      <Text size="sm" fw={600} id="breakdown-dimension">
        {t('results.filters.dimension')}
      </Text>
      <SegmentedControl
        aria-labelledby="breakdown-dimension"
        mb="md"
        data={allowed.map((value) => ({ value, label: t(`results.dimensions.${value}`) }))}
        value={dimension}
        onChange={(value) => props.onChange({ dimension: value })}
        data-dimension-toggle=""
        style={{ flexWrap: 'wrap' }}
      />
      {values.isPending ? (
        <Loader />
      ) : groups.length === 0 ? (
        <Text>{t('results.errors.noData')}</Text>
      ) : (
        <>
          <div data-breakdown-chart={dimension}>
            <Chart option={option} height={Math.max(160, 56 * groups.length + 40)} label={label} />
          </div>
          <Table striped withTableBorder fz="sm" mt="sm" data-breakdown-table={dimension}>
            <caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600 }}>{label}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('results.table.group')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('results.table.value')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map((group) => (
                <Table.Tr key={group.key}>
                  <Table.Th scope="row" fw={400}>
                    {groupLabel(t, dimension, group.key)}
                  </Table.Th>
                  <Table.Td ta="right">{formatValue(group.value, unit, language)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t('results.table.total')}</Table.Th>
                <Table.Td ta="right" fw={700}>
                  {formatValue(item?.value, unit, language)}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {values.data ? <SnapshotNote snapshot={values.data.snapshot} /> : null}
        </>
      )}
    </>
  );
}
