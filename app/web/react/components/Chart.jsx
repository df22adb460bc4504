// A uPlot chart that follows its container's width. uPlot draws on a
// canvas: the figure gets a text alternative from its caller.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

/**
 * options: uPlot options without width (the container's) and height;
 * data: uPlot's aligned data. A new data array redraws the chart.
 */
export function Chart({ options, data, height = 240, label }) {
  const box = useRef(null);
  const plot = useRef(null);
  useEffect(() => {
    const el = box.current;
    plot.current = new uPlot({ ...options, width: el.clientWidth || 300, height }, data, el);
    const resize = new ResizeObserver(() => plot.current.setSize({ width: el.clientWidth || 300, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current.destroy();
    };
    // A new chart when the series change; setData below handles new data.
  }, [options, height]);
  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);
  return <div className="chart" ref={box} role="img" aria-label={label} style={{ minHeight: height }} />;
}
