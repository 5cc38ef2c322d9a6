import { Checkbox, Group, Loader, SegmentedControl, SimpleGrid, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../components/charts/Chart';
import { isLanguage } from '../../i18n';
import { formatNumber } from '../../i18n/format';
import { formatValue } from './format';
import { useSeries } from './queries';

const SERIES = [
  { key: 'applications', code: 'IR-1.2' },
  { key: 'awards', code: 'IR-2.1' },
  { key: 'disbursements', code: 'IR-3.2' },
  { key: 'stipends', code: 'IR-3.3' },
] as const;

function SeriesChart(props: {
  name: string;
  code: string;
  granularity: string;
  region: string;
  cumulative: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const to = `${new Date().getUTCFullYear()}-12-31`;
  const series = useSeries({
    code: props.code,
    granularity: props.granularity,
    from: '2017-01-01',
    to,
    region: props.region,
    cumulative: props.cumulative,
  });
  // Leave out the empty years before the first figure and after the last.
  const points = series.data?.points ?? [];
  const first = points.findIndex((point) => (point.value ?? 0) !== 0);
  const last = points.length - 1 - [...points].reverse().findIndex((point) => (point.value ?? 0) !== 0);
  const shown = first < 0 ? [] : points.slice(first, last + 1);
  const unit = series.data?.unit ?? 'count';
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: number) => formatValue(value, unit, language),
      },
      xAxis: { type: 'category', data: shown.map((point) => point.period), axisLabel: { fontSize: 13 } },
      // Amounts in millions of tenge on the axis (the axis names the unit); exact amounts in the tooltip.
      yAxis: {
        type: 'value',
        name: unit === 'kzt' ? t('results.units.kztMillions') : t(`results.units.${unit}`),
        nameTextStyle: { fontSize: 13, align: 'left' },
        axisLabel: {
          fontSize: 13,
          formatter: (value: number) =>
            unit === 'kzt'
              ? formatNumber(value / 1_000_000, language, value % 1_000_000 === 0 ? 0 : 1)
              : formatValue(value, unit, language),
        },
      },
      series: [
        {
          type: props.cumulative ? 'line' : 'bar',
          name: props.name,
          data: shown.map((point) => point.value ?? 0),
          itemStyle: { color: '#0b7285' },
        },
      ],
    }),
    [shown, unit, language, props.cumulative, props.name, t],
  );
  return (
    <div data-series={props.code}>
      <Title order={3} size="h5" mb={4}>
        {props.name}
      </Title>
      {series.isPending ? (
        <Loader size="sm" />
      ) : shown.length === 0 ? (
        <Text size="sm">{t('results.errors.noData')}</Text>
      ) : (
        <Chart option={option} height={280} label={props.name} />
      )}
    </div>
  );
}

/** Applications, awards, disbursements and stipends over time. */
export function SeriesView(props: {
  granularity: string;
  cumulative: boolean;
  region: string;
  onChange: (change: { granularity?: string; cumulative?: string }) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Group align="end" mb="md" wrap="wrap">
        <div>
          <Text size="sm" fw={600} id="series-step">
            {t('results.filters.granularity')}
          </Text>
          <SegmentedControl
            aria-labelledby="series-step"
            data={(['month', 'quarter', 'semester', 'year'] as const).map((value) => ({
              value,
              label: t(`results.granularity.${value}`),
            }))}
            value={props.granularity}
            onChange={(value) => props.onChange({ granularity: value })}
          />
        </div>
        <Checkbox
          label={t('results.filters.cumulative')}
          checked={props.cumulative}
          onChange={(event) => props.onChange({ cumulative: event.currentTarget.checked ? 'yes' : 'no' })}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {SERIES.map((entry) => (
          <SeriesChart
            key={entry.code}
            name={t(`results.series.${entry.key}`)}
            code={entry.code}
            granularity={props.granularity}
            region={props.region}
            cumulative={props.cumulative}
          />
        ))}
      </SimpleGrid>
    </>
  );
}
