import { timeOf } from '@app/contract';
import { theme } from 'antd';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  color: string;
}

interface TimeSeriesChartProps {
  /** Columns: epoch milliseconds, then one per series (null for a gap). */
  columns: (number | null)[][];
  series: readonly ChartSeries[];
  timeZone: string;
  height: number;
  /** A fixed value range (battery percent); otherwise fitted to the data. */
  range?: [number, number];
  testId?: string;
}

/**
 * A live time series drawn by uPlot (canvas, fast enough for many series at 10 Hz). The chart is
 * made once per set of series and then only fed new data; the time axis shows the field's clock.
 */
export function TimeSeriesChart({ columns, series, timeZone, height, range, testId }: TimeSeriesChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const { token } = theme.useToken();
  const seriesKey = series.map((entry) => `${entry.label}:${entry.color}`).join('|');
  const points = columns[0]?.length ?? 0;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const axis = { stroke: token.colorTextSecondary, grid: { stroke: token.colorBorderSecondary, width: 1 } };
    const plot = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height,
        tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), timeZone),
        scales: { x: { time: true }, y: range ? { range } : {} },
        // The field's 24-hour clock rather than uPlot's US-style labels.
        axes: [
          { ...axis, values: (_, splits) => splits.map((seconds) => timeOf(seconds * 1000, timeZone)) },
          { ...axis, size: 48 },
        ],
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
        series: [
          {},
          ...series.map((entry) => ({ label: entry.label, stroke: entry.color, width: 1.5, points: { show: false } })),
        ],
      },
      [[], ...series.map(() => [])],
      element,
    );
    chart.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
    };
    // The chart is remade only when its series change; data arrives through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seriesKey, height, timeZone, range?.[0], range?.[1], token.colorTextSecondary, token.colorBorderSecondary]);

  useEffect(() => {
    const plot = chart.current;
    if (!plot) return;
    const [times, ...values] = columns;
    plot.setData([(times ?? []).map((ms) => (ms ?? 0) / 1000), ...values.slice(0, series.length)]);
  }, [columns, series.length, seriesKey]);

  return <div ref={container} data-testid={testId} data-points={points} style={{ width: '100%', minHeight: height }} />;
}
