// Bars for a handful of named values, on uPlot.
import { useMemo } from 'react';
import { Chart } from './Chart.jsx';

/** bars: [{ label, short?, value }]; log draws the values on a log scale. */
export function BarChart({ bars, unit, log = false, label }) {
  const data = useMemo(() => [bars.map((_, i) => i), bars.map((b) => b.value)], [bars]);
  const options = useMemo(
    () => (uPlot) => ({
      legend: { show: false },
      scales: { x: { time: false, range: [-0.5, bars.length - 0.5] }, y: log ? { distr: 3 } : { range: (u, min, max) => [0, max * 1.1] } },
      axes: [
        // Short names under the bars, so that they fit a phone's width;
        // the table beside the chart has the full ones.
        {
          values: (u, ticks) => ticks.map((t) => (Number.isInteger(t) ? bars[t]?.short ?? bars[t]?.label ?? '' : '')),
          splits: () => bars.map((_, i) => i),
          size: 30,
          font: '10px system-ui, sans-serif',
        },
        { label: unit, size: 50, labelSize: 16, font: '10px system-ui, sans-serif', labelFont: '11px system-ui, sans-serif' },
      ],
      series: [{}, { label: unit, fill: '#00add833', stroke: '#007d9c', paths: uPlot.paths.bars({ size: [0.6, 80] }), points: { show: false } }],
    }),
    [bars.map((b) => b.label).join('|'), unit, log],
  );
  return <Chart options={options} data={data} height={220} label={label ?? bars.map((b) => `${b.label}: ${b.value.toPrecision(3)} ${unit}`).join('; ')} />;
}
