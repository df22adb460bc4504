// A uPlot chart that follows its container's width. uPlot draws on a
// canvas: the figure gets a text alternative from its caller. uPlot is
// loaded with the first chart, not with the page: evaluating it took
// 14 ms of a 2-core machine's main thread before /data could show its
// first result, its table, which comes before the charts.
import { useEffect, useRef } from 'react';

let loading = null;

/** uPlot's class, loaded once. */
function loadUPlot() {
  loading ??= import('uplot').then((m) => m.default);
  loading.catch(() => (loading = null)); // the next chart tries again
  return loading;
}

/**
 * options: uPlot options without width (the container's) and height, or
 * a function of uPlot's class returning them (for its bar paths);
 * data: uPlot's aligned data. A new data array redraws the chart.
 */
export function Chart({ options, data, height = 240, label }) {
  const box = useRef(null);
  const plot = useRef(null);
  const latest = useRef(data);
  latest.current = data;
  useEffect(() => {
    const el = box.current;
    let live = true;
    let resize = null;
    loadUPlot().then(
      (uPlot) => {
        if (!live) return;
        const opts = typeof options === 'function' ? options(uPlot) : options;
        plot.current = new uPlot({ ...opts, width: el.clientWidth || 300, height }, latest.current, el);
        resize = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth || 300, height }));
        resize.observe(el);
      },
      (err) => (globalThis.reportError ?? console.error)(err),
    );
    return () => {
      live = false;
      resize?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // A new chart when the series change; setData below handles new data.
  }, [options, height]);
  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);
  return <div className="chart" ref={box} role="img" aria-label={label} style={{ minHeight: height }} />;
}
