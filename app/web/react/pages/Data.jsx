// Data: Go parses a CSV and computes each column's statistics, a
// histogram and a linear regression between two columns: a small CSV on
// this thread, where it takes a few milliseconds and answers without a
// worker's start or a message's round trip, a large one in a worker.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useGo } from '@gowasm/bridge/react';
import { Chart } from '../components/Chart.jsx';
import { FilePicker } from '../components/FilePicker.jsx';
import { ModuleStatus } from '../components/ModuleStatus.jsx';
import { failure, number } from '../../shared/format.js';
import { tabularHere, tabularWorker } from '../../shared/modules.js';
import { sampleCSV, sampleCSVArrived } from '../../shared/samples.js';
import { markFirstResult } from '../../shared/timing.js';

const quantileNames = ['5%', '25%', '50%', '75%', '95%'];

/** CSVs up to this length (UTF-16 units) are analyzed on this thread, in a few milliseconds; larger ones in the worker. */
const inlineLimit = 256 << 10;

export default function Data() {
  const go = useGo(...tabularWorker);
  const here = useGo(...tabularHere);
  // When the sample has arrived and the instance here is ready by the
  // first render, as the entry arranges (routes.js), that render already
  // shows the sample analyzed.
  const [first] = useState(() => firstAnalysis(here));
  const [csv, setCsv] = useState(first.csv);
  const [table, setTable] = useState(first.table);
  const [error, setError] = useState(first.error);
  const [busy, setBusy] = useState(false);

  async function analyze(text) {
    setBusy(true);
    setError('');
    try {
      const api = apiFor(text);
      if (api === null) throw new Error('the worker is still starting; try again in a moment');
      setTable({ ...(await api.analyze(text)), csv: text });
    } catch (err) {
      setTable(null);
      setError(failure(err));
    } finally {
      setBusy(false);
    }
  }

  async function sample() {
    const text = await sampleCSV();
    setCsv(text);
    analyze(text);
  }

  const ready = go.status === 'ready' || here.status === 'ready';
  /** The instance for a CSV: this thread's for a small one, else the worker's; null while it starts. */
  const apiFor = (text) => (text.length <= inlineLimit && here.status === 'ready' ? here.api : go.status === 'ready' ? go.api : null);
  // The page opens with the sample analyzed, unless something was typed
  // first; the sample downloads while the module starts.
  const opened = useRef(first.csv !== '');
  const typed = useRef(csv);
  typed.current = csv;
  useEffect(() => {
    let live = true;
    sampleCSV().then(
      (text) => {
        if (!live || !ready || opened.current) return;
        opened.current = true;
        if (typed.current !== '') return;
        setCsv(text);
        analyze(text);
      },
      () => {}, // the sample button reports it
    );
    return () => {
      live = false;
    };
  }, [ready]);
  return (
    <>
      <p className="lead">
        Paste a CSV or open one: the first row names the columns. Go computes the numbers, on this thread for a small file and in a
        worker for a large one.
      </p>
      <ModuleStatus name="tabular" state={go} />
      <div className="data-input">
        <label htmlFor="csv">CSV</label>
        <textarea id="csv" rows={8} spellCheck={false} value={csv} onChange={(e) => setCsv(e.target.value)} placeholder="name,value&#10;a,1&#10;b,2" />
        <div className="actions">
          <button type="button" disabled={busy || csv === '' || apiFor(csv) === null} onClick={() => analyze(csv)}>
            Analyze
          </button>
          <button type="button" disabled={!ready || busy} onClick={sample}>
            Load the sample (a year of weather)
          </button>
        </div>
        <FilePicker
          label="Open a CSV file"
          hint="or drop it here."
          accept=".csv,text/csv,text/plain"
          onFiles={async ([file]) => {
            const text = await file.text();
            setCsv(text);
            if (ready) analyze(text);
          }}
        />
      </div>
      <div aria-live="polite" aria-busy={busy}>
        {error && <p role="alert">{error}</p>}
        {table && <Results table={table} api={go.api} />}
      </div>
    </>
  );
}

/** The sample analyzed here, if it has arrived and the instance is ready; else nothing yet. */
function firstAnalysis(here) {
  const text = sampleCSVArrived();
  if (text === undefined || here.status !== 'ready' || text.length > inlineLimit) return { csv: '', table: null, error: '' };
  try {
    return { csv: text, table: { ...here.api.analyze(text), csv: text }, error: '' };
  } catch (err) {
    return { csv: text, table: null, error: failure(err) };
  }
}

function Results({ table, api }) {
  const numeric = table.columns.filter((c) => c.numeric);
  const [shown, setShown] = useState(numeric[0]?.name ?? '');
  const column = numeric.find((c) => c.name === shown) ?? numeric[0];
  return (
    <>
      <p className="summary">
        {table.rows} rows, {table.columns.length} columns ({numeric.length} numeric).
      </p>
      <div className="scroll">
        <table className="stats">
          <caption className="visually-hidden">Statistics of each column</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Count</th>
              <th scope="col">Missing</th>
              <th scope="col">Mean</th>
              <th scope="col">Std dev</th>
              <th scope="col">Min</th>
              {quantileNames.map((q) => (
                <th scope="col" key={q}>{q}</th>
              ))}
              <th scope="col">Max</th>
            </tr>
          </thead>
          <tbody>
            {table.columns.map((c) => (
              <tr key={c.name} data-column={c.name}>
                <th scope="row">{c.name}</th>
                <td>{c.count}</td>
                <td>{c.missing}</td>
                {c.numeric ? (
                  <>
                    <td data-stat="mean" data-value={c.mean}>{number(c.mean)}</td>
                    <td data-stat="stdDev" data-value={c.stdDev}>{number(c.stdDev)}</td>
                    <td data-stat="min" data-value={c.min}>{number(c.min)}</td>
                    {Array.from(c.quantiles, (q, i) => (
                      <td key={i} data-stat={`q${i}`} data-value={q}>{number(q)}</td>
                    ))}
                    <td data-stat="max" data-value={c.max}>{number(c.max)}</td>
                  </>
                ) : (
                  <td colSpan={9} className="muted">text</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FirstResult />
      {column && (
        <section className="panel">
          <h2>Histogram</h2>
          <label>
            Column{' '}
            <select value={column.name} onChange={(e) => setShown(e.target.value)}>
              {numeric.map((c) => (
                <option key={c.name}>{c.name}</option>
              ))}
            </select>
          </label>
          <Histogram column={column} />
        </section>
      )}
      {numeric.length >= 2 && <Regression table={table} numeric={numeric} api={api} />}
    </>
  );
}

/**
 * Marks the first result once the statistics table is committed: as an
 * earlier sibling of the charts, its effect runs before theirs build the
 * charts, which come second.
 */
function FirstResult() {
  useEffect(() => markFirstResult(), []);
  return null;
}

function Histogram({ column }) {
  const { histogram, histMin, histMax } = column;
  const width = (histMax - histMin) / histogram.length;
  const data = useMemo(() => [histogram.map((_, i) => histMin + (i + 0.5) * width), histogram], [column]);
  const options = useMemo(
    () => (uPlot) => ({
      legend: { show: false },
      // Bars stand on zero: a histogram's axis starting elsewhere misleads.
      scales: { x: { time: false }, y: { range: (u, min, max) => [0, max] } },
      series: [{}, { label: 'rows', fill: '#00add833', stroke: '#007d9c', paths: uPlot.paths.bars({ size: [0.9, 60] }), points: { show: false } }],
    }),
    [],
  );
  return (
    <Chart
      options={options}
      data={data}
      label={`Histogram of ${column.name}: ${histogram.length} bins from ${number(histMin)} to ${number(histMax)}, the fullest holding ${Math.max(...histogram)} rows.`}
    />
  );
}

function Regression({ table, numeric, api }) {
  const [x, setX] = useState(numeric[0].name);
  const [y, setY] = useState(numeric[1].name);
  const [fit, setFit] = useState(null);
  const [error, setError] = useState('');
  async function regress() {
    setError('');
    try {
      setFit(await api.regress(table.csv, x, y));
    } catch (err) {
      setFit(null);
      setError(failure(err));
    }
  }
  return (
    <section className="panel">
      <h2>Linear regression</h2>
      <div className="actions">
        <label>
          x{' '}
          <select data-axis="x" value={x} onChange={(e) => setX(e.target.value)}>
            {numeric.map((c) => (
              <option key={c.name}>{c.name}</option>
            ))}
          </select>
        </label>
        <label>
          y{' '}
          <select data-axis="y" value={y} onChange={(e) => setY(e.target.value)}>
            {numeric.map((c) => (
              <option key={c.name}>{c.name}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={regress}>
          Fit
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {fit && <Scatter fit={fit} x={x} y={y} />}
    </section>
  );
}

function Scatter({ fit, x, y }) {
  const data = useMemo(() => {
    const order = Array.from(fit.x, (_, i) => i).sort((a, b) => fit.x[a] - fit.x[b]);
    const xs = order.map((i) => fit.x[i]);
    return [xs, order.map((i) => fit.y[i]), xs.map((v) => fit.intercept + fit.slope * v)];
  }, [fit]);
  const options = useMemo(
    () => ({
      legend: { show: false },
      scales: { x: { time: false } },
      series: [{}, { label: y, stroke: '#007d9c', paths: () => null, points: { show: true, size: 4 } }, { label: 'fit', stroke: '#ce3262', width: 2 }],
    }),
    [y],
  );
  return (
    <>
      <p className="fit">
        <output data-slope={fit.slope} data-intercept={fit.intercept} data-r2={fit.r2} data-n={fit.n}>
          {y} = {number(fit.slope)} × {x} {fit.intercept < 0 ? '−' : '+'} {number(Math.abs(fit.intercept))}, R² ={' '}
          {number(fit.r2, 4)}, n = {fit.n}
        </output>
      </p>
      <Chart options={options} data={data} label={`Scatter plot of ${y} against ${x} with the fitted line.`} />
    </>
  );
}
