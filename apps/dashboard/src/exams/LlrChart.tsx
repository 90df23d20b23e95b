import type { Exam } from '@app/contract';
import { theme } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useT } from '../i18n/i18n';
import { llrPath } from './exam-view';

const HEIGHT = 280;

/** The exam's log-likelihood ratio after each trial, between the pass bound above and the fail bound below. */
export function LlrChart({ exam }: { exam: Exam }) {
  const t = useT();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const { token } = theme.useToken();
  const columns = useMemo(() => llrPath(exam), [exam]);
  const labels = [t('exam.llr'), t('exam.passBound'), t('exam.failBound')].join('|');

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const axis = { stroke: token.colorTextSecondary, grid: { stroke: token.colorBorderSecondary, width: 1 } };
    const [llr, pass, fail] = labels.split('|');
    const bound = (label: string, stroke: string) => ({
      label,
      stroke,
      width: 1.5,
      dash: [6, 4],
      points: { show: false },
    });
    const plot = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: HEIGHT,
        scales: { x: { time: false } },
        axes: [
          { ...axis, label: t('exam.trialIndex'), values: (_, splits) => splits.map((split) => String(split)) },
          { ...axis, size: 48 },
        ],
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
        series: [
          {},
          { label: llr, stroke: token.colorPrimary, width: 2, points: { show: true, size: 5 } },
          bound(pass, token.colorSuccess),
          bound(fail, token.colorError),
        ],
      },
      [[], [], [], []],
      element,
    );
    chart.current = plot;
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(200, element.clientWidth), height: HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
    };
    // Made once per language and theme; the path arrives through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [labels, token.colorPrimary, token.colorSuccess, token.colorError, token.colorTextSecondary]);

  useEffect(() => {
    chart.current?.setData(columns as uPlot.AlignedData);
  }, [columns, labels]);

  return (
    <div
      ref={container}
      data-testid="llr-chart"
      data-trials={exam.trials.length}
      style={{ width: '100%', minHeight: HEIGHT }}
    />
  );
}
