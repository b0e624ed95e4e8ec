import { useEffect, useRef } from 'react';
import { type EChartsCoreOption, echarts } from './echarts-setup.ts';
import './charts.css';

/**
 * One ECharts instance bound to a div: created on mount, fed new options, resized with its box,
 * disposed on unmount. Canvas renderer with a preserved buffer is not needed: ECharts exports
 * its own images.
 */
export function EChart({ option, height, label, testId }: { option: EChartsCoreOption; height: string; label: string; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => c.resize());
    ro?.observe(el.current);
    return () => {
      ro?.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={el} className="echart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
