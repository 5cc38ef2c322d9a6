import { BarChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

/*
 * The one place the chart library is imported, and only from the modules the dashboards use, drawn as SVG (sharp
 * on a projector and in print). This module is loaded lazily (Chart.tsx), so it is a chunk of its own that the
 * applicant's screens never load.
 */
use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DatasetComponent,
  AriaComponent,
  SVGRenderer,
]);

export interface EChartProps {
  readonly option: EChartsCoreOption;
  readonly height: number;
  /** What the chart shows, for screen readers (the data is also in a table beside it). */
  readonly label: string;
}

const reducedMotion = () =>
  typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

export default function EChart({ option, height, label }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return undefined;
    const chart = init(element.current, undefined, { renderer: 'svg' });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    window.addEventListener('beforeprint', resize);
    chart.setOption({
      // Large type for a projector; no animation for people who ask for less motion (and in tests).
      textStyle: { fontSize: 14, fontFamily: '"Noto Sans", "DejaVu Sans", sans-serif' },
      animation: !reducedMotion(),
      aria: { enabled: true, label: { description: label } },
      ...option,
    });
    return () => {
      window.removeEventListener('resize', resize);
      window.removeEventListener('beforeprint', resize);
      chart.dispose();
    };
  }, [option, label]);
  return <div ref={element} role="img" aria-label={label} style={{ width: '100%', height }} data-chart="" />;
}
