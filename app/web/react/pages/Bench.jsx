// Benchmarks in the visitor's own browser: Go through gowasm beside what
// people would pick instead (plain JavaScript, hash-wasm, @noble/hashes,
// WebCrypto, photon), measured in one run, drawn, and downloadable.
import { useEffect, useRef, useState } from 'react';
import { BarChart } from '../components/BarChart.jsx';
import { failure, number } from '../../shared/format.js';
import { plans, runAll } from '../../shared/benchmarks.js';

const names = {
  gowasm: 'gowasm (Go)',
  funcOf: 'js.FuncOf (Go)',
  plainJS: 'plain JavaScript',
  hashWasm: 'hash-wasm',
  noble: '@noble/hashes',
  webCrypto: 'WebCrypto',
  gowasmInline: 'gowasm inline',
  gowasmWorker: 'gowasm worker',
  photon: 'photon (Rust)',
};

/** The names under a chart's bars. */
const shortNames = {
  gowasm: 'gowasm',
  funcOf: 'FuncOf',
  plainJS: 'JS',
  hashWasm: 'hash-wasm',
  noble: 'noble',
  webCrypto: 'WebCrypto',
  gowasmInline: 'inline',
  gowasmWorker: 'worker',
  photon: 'photon',
};

export default function Bench() {
  const params = new URLSearchParams(location.search);
  const [quick, setQuick] = useState(params.has('quick'));
  const [step, setStep] = useState('');
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState({});
  const [error, setError] = useState('');
  const [download, setDownload] = useState(null);
  const started = useRef(false);

  async function run() {
    setRunning(true);
    setError('');
    setResults({});
    try {
      const all = await runAll(quick ? plans.quick : plans.full, setStep, (name, r) => setResults((s) => ({ ...s, [name]: r })));
      setDownload(URL.createObjectURL(new Blob([JSON.stringify(all, null, 2)], { type: 'application/json' })));
      globalThis.benchResults = all; // for make bench and the tests
    } catch (err) {
      setError(failure(err));
      globalThis.benchResults = { error: failure(err) };
    } finally {
      setRunning(false);
      setStep('');
    }
  }
  useEffect(() => {
    if (params.has('run') && !started.current) {
      started.current = true;
      run();
    }
  }, []);

  const { callOverhead, sha256, blur, startup } = results;
  return (
    <>
      <p className="lead">
        How Go compiled to WebAssembly compares, here in your browser, with what you might use instead. The page is busy
        while it measures; a full run takes a minute or two.
      </p>
      <div className="actions">
        <button type="button" onClick={run} disabled={running}>
          {running ? 'Running…' : 'Run the benchmarks'}
        </button>
        <label>
          <input type="checkbox" checked={quick} disabled={running} onChange={(e) => setQuick(e.target.checked)} /> Quick (less
          precise)
        </label>
        {download && !running && (
          <a href={download} download="gowasm-bench.json">
            Download the results (JSON)
          </a>
        )}
      </div>
      <p role="status" aria-live="polite" className="status-line">
        {running ? `Measuring ${step}…` : ''}
      </p>
      {error && <p role="alert">{error}</p>}

      {callOverhead && (
        <Section title="Call overhead" unit="ns per call" note="add(int32, int32) int32, called from JavaScript; lower is better." log
          rows={Object.entries(callOverhead).map(([k, v]) => ({ label: names[k], short: shortNames[k], value: v }))} />
      )}
      {sha256 && <ShaTable sha256={sha256} />}
      {blur && (
        <Section
          title={`Gaussian blur, ${number(blur.megapixels, 3)} megapixels`}
          unit="MP/s"
          note={`Higher is better. The JavaScript port ${blur.plainJSMatchesGo ? 'gives' : 'does NOT give'} the same bytes as Go.`}
          rows={[
            { label: names.gowasmInline, short: shortNames.gowasmInline, value: blur.gowasmInline },
            { label: names.gowasmWorker, short: shortNames.gowasmWorker, value: blur.gowasmWorker },
            ...Object.entries(blur.pool).map(([k, v]) => ({ label: `gowasm pool ${k}`, short: `pool${k}`, value: v })),
            { label: names.photon, short: shortNames.photon, value: blur.photon },
            { label: names.plainJS, short: shortNames.plainJS, value: blur.plainJS },
          ]}
        />
      )}
      {startup && (
        <Section
          title={`Start-up of imaging.wasm (${number(startup.bytes / 1e6, 3)} MB)`}
          unit="ms"
          note="Fetched afresh each time; the median of the runs."
          rows={[
            { label: 'fetch', value: startup.fetch },
            { label: 'compile', value: startup.compile },
            { label: 'instantiate + Go init', short: 'init', value: startup.instantiateAndInit },
            { label: 'first result', short: 'first', value: startup.firstResult },
          ]}
        />
      )}
    </>
  );
}

function Section({ title, unit, note, rows, log }) {
  return (
    <section className="panel" data-bench={title}>
      <h2>{title}</h2>
      <p className="muted">{note}</p>
      <table className="stats">
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td data-value={r.value}>
                {number(r.value, 4)} {unit}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <BarChart bars={rows} unit={unit} log={log} />
    </section>
  );
}

function ShaTable({ sha256 }) {
  const sizes = Object.keys(sha256.gowasm);
  return (
    <section className="panel" data-bench="SHA-256">
      <h2>SHA-256</h2>
      <p className="muted">Throughput in MB/s by input size; higher is better.</p>
      <div className="scroll">
        <table className="stats">
          <thead>
            <tr>
              <th scope="col">Implementation</th>
              {sizes.map((s) => (
                <th scope="col" key={s}>{s}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Object.entries(sha256).map(([k, bySize]) => (
              <tr key={k}>
                <th scope="row">{names[k]}</th>
                {sizes.map((s) => (
                  <td key={s} data-value={bySize[s]}>{number(bySize[s], 4)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <BarChart bars={Object.entries(sha256).map(([k, bySize]) => ({ label: names[k], short: shortNames[k], value: bySize[sizes.at(-1)] }))} unit={`MB/s at ${sizes.at(-1)}`} />
    </section>
  );
}
