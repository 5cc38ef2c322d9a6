import { Group, Loader, Select, Table } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../components/charts/Chart';
import { isLanguage } from '../../i18n';
import { formatValue, yearsUntil } from './format';
import { useFunnel } from './queries';
import { SnapshotNote } from './SnapshotNote';

/** People at each stage, from registration to a completed project. */
export function FunnelView(props: {
  period: string;
  region: string;
  onChange: (change: { period?: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const funnel = useFunnel(props.period, props.region);
  const stages = funnel.data?.stages ?? [];
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 64, top: 8, bottom: 32, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => formatValue(value, 'count', language) },
      xAxis: {
        type: 'value',
        name: t('results.funnel.people'),
        nameLocation: 'middle',
        nameGap: 28,
        // Few ticks, so that a phone's narrow axis never runs its numbers together.
        splitNumber: 3,
        nameTextStyle: { fontSize: 13 },
        axisLabel: {
          fontSize: 13,
          hideOverlap: true,
          formatter: (value: number) => formatValue(value, 'count', language),
        },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        axisLabel: { fontSize: 14 },
        data: stages.map((stage) => t(`results.funnel.${stage.stage}`)),
      },
      series: [
        {
          type: 'bar',
          data: stages.map((stage) => stage.value),
          itemStyle: { color: '#1864ab' },
          label: {
            show: true,
            position: 'right',
            fontSize: 14,
            formatter: ({ value }: { value: number }) => formatValue(value, 'count', language),
          },
        },
      ],
    }),
    [stages, t, language],
  );
  return (
    <>
      <Group mb="sm">
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
      {funnel.isPending ? (
        <Loader />
      ) : (
        <>
          <div data-funnel="">
            <Chart option={option} height={360} label={t('results.funnel.caption')} />
          </div>
          <Table striped withTableBorder fz="sm" mt="sm">
            <caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600 }}>
              {t('results.funnel.caption')}
            </caption>
            <Table.Tbody>
              {stages.map((stage) => (
                <Table.Tr key={stage.stage}>
                  <Table.Th scope="row" fw={400}>
                    {t(`results.funnel.${stage.stage}`)}
                  </Table.Th>
                  <Table.Td ta="right">{formatValue(stage.value, 'count', language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {funnel.data ? <SnapshotNote snapshot={funnel.data.snapshot} /> : null}
        </>
      )}
    </>
  );
}
