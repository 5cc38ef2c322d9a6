import { Group, Select, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { BreakdownView } from './BreakdownView';
import { REGION_IDS, semestersUntil } from './format';
import { FrameworkView } from './FrameworkView';
import { FunnelView } from './FunnelView';
import { MapView } from './MapView';
import { SeriesView } from './SeriesView';
import { ShareBar } from './ShareBar';
import { useUrlState } from './state';

const VIEWS = ['framework', 'breakdown', 'map', 'series', 'funnel'] as const;

/**
 * The results dashboards of viewers, coordinators and admins: the results framework of a semester, breakdowns,
 * the map, time series and the selection funnel. Every choice is in the address, so a copied link opens the same
 * view. A reader limited to some regions sees only those (the reporting service decides).
 */
export default function DashboardsHome() {
  const { t } = useTranslation();
  const [state, set] = useUrlState({
    view: 'framework',
    semester: semestersUntil(new Date())[0] ?? '2019-S2',
    region: '',
    code: 'PDO-1',
    dimension: 'sex',
    period: 'all',
    basis: 'recorded',
    step: 'quarter',
    cumulative: 'no',
  });
  const view = (VIEWS as readonly string[]).includes(state.view) ? state.view : 'framework';
  return (
    <>
      <Group justify="space-between" align="start" wrap="wrap">
        <PageTitle>{t('results.title')}</PageTitle>
        <ShareBar />
      </Group>
      <Text mb="md" maw={820}>
        {t('results.lead')}
      </Text>
      <Select
        className="no-print"
        label={t('results.filters.region')}
        data={[
          { value: '', label: t('results.filters.allRegions') },
          ...REGION_IDS.map((id) => ({ value: id, label: t(`regions.${id}`) })),
        ]}
        value={state.region}
        onChange={(value) => set({ region: value ?? '' })}
        allowDeselect={false}
        w={320}
        mb="md"
      />
      <Tabs value={view} onChange={(value) => value && set({ view: value })} keepMounted={false}>
        <Tabs.List mb="md" className="no-print">
          {VIEWS.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(`results.views.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="framework">
          <FrameworkView
            semester={state.semester}
            region={state.region}
            onSemester={(semester) => set({ semester })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="breakdown">
          <BreakdownView
            code={state.code}
            dimension={state.dimension}
            period={state.period}
            region={state.region}
            onChange={set}
          />
        </Tabs.Panel>
        <Tabs.Panel value="map">
          <MapView
            code={state.code}
            period={state.period}
            basis={state.basis === 'comparable' ? 'comparable' : 'recorded'}
            onChange={set}
          />
        </Tabs.Panel>
        <Tabs.Panel value="series">
          <SeriesView
            granularity={state.step}
            cumulative={state.cumulative === 'yes'}
            region={state.region}
            onChange={({ granularity, cumulative }) =>
              set({ ...(granularity ? { step: granularity } : {}), ...(cumulative ? { cumulative } : {}) })
            }
          />
        </Tabs.Panel>
        <Tabs.Panel value="funnel">
          <FunnelView period={state.period} region={state.region} onChange={set} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
