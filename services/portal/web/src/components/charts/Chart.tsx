import { Loader } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';
import { lazy, Suspense } from 'react';

/** The chart library loads on the first chart a person sees, as its own chunk (EChart.tsx). */
const EChart = lazy(() => import('./EChart'));

export function Chart(props: { option: EChartsCoreOption; height?: number; label: string }) {
  const height = props.height ?? 360;
  return (
    <Suspense fallback={<Loader size="sm" aria-hidden style={{ height }} />}>
      <EChart option={props.option} height={height} label={props.label} />
    </Suspense>
  );
}
