// The file hasher: every file is streamed through Go's hashes in a worker
// of the pool, several files at once; WebCrypto can check the SHA-256.
// Text is hashed as it is typed by the same module on this thread, which
// starts beside the pool from the one compiled module and answers first.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useGo } from '@gowasm/bridge/react';
import { FilePicker } from '../components/FilePicker.jsx';
import { ModuleStatus } from '../components/ModuleStatus.jsx';
import { bytes, failure, rate } from '../../shared/format.js';
import { hashingHere, hashingPool } from '../../shared/modules.js';
import { poolSize } from '../../shared/pool.js';
import { markFirstResult } from '../../shared/timing.js';

const algorithms = [
  { id: 'sha256', label: 'SHA-256', webCrypto: 'SHA-256' },
  { id: 'sha512', label: 'SHA-512', webCrypto: 'SHA-512' },
  { id: 'md5', label: 'MD5 (legacy checks only)' },
];

/** Files up to this size can be checked against WebCrypto, which needs them whole in memory. */
const crossCheckLimit = 1 << 30;

let nextId = 1;

export default function Hash() {
  const go = useGo(...hashingPool);
  const [chosen, setChosen] = useState(['sha256', 'sha512']);
  const [crossCheck, setCrossCheck] = useState(false);
  const [jobs, setJobs] = useState([]);
  const update = (id, change) => setJobs((all) => all.map((j) => (j.id === id ? { ...j, ...change } : j)));
  const controllers = useRef(new Map());
  useEffect(() => () => controllers.current.forEach((c) => c.abort()), []);

  async function hash(file, api) {
    const id = nextId++;
    const controller = new AbortController();
    controllers.current.set(id, controller);
    const wanted = algorithms.filter((a) => chosen.includes(a.id));
    setJobs((all) => [...all, { id, file, wanted, done: 0, state: 'hashing', started: performance.now() }]);
    const started = performance.now();
    try {
      const digests = await api.hashFile(
        file,
        wanted.map((a) => a.id),
        (done) => update(id, { done: Number(done), ms: performance.now() - started }),
        { signal: controller.signal, throttle: 100 },
      );
      update(id, { state: 'done', digests, done: file.size, ms: performance.now() - started });
      if (crossCheck && file.size <= crossCheckLimit) update(id, { checks: await webCrypto(file, wanted, digests) });
    } catch (err) {
      update(id, { state: 'failed', error: failure(err) });
    } finally {
      controllers.current.delete(id);
    }
  }

  return (
    <>
      <p className="lead">Hash files of any size: they are read in 1 MiB pieces, never uploaded, and several are hashed at once.</p>
      <ModuleStatus name="hashing" state={go} workers={poolSize} />
      <TextDigest />
      <fieldset className="options">
        <legend>Digests</legend>
        {algorithms.map((a) => (
          <label key={a.id}>
            <input
              type="checkbox"
              checked={chosen.includes(a.id)}
              onChange={(e) => setChosen((c) => (e.target.checked ? [...c, a.id] : c.filter((x) => x !== a.id)))}
            />{' '}
            {a.label}
          </label>
        ))}
        <label>
          <input type="checkbox" checked={crossCheck} onChange={(e) => setCrossCheck(e.target.checked)} /> Cross-check SHA
          digests with the browser's WebCrypto (files up to 1 GiB)
        </label>
      </fieldset>
      <FilePicker
        label="Choose files to hash"
        hint={go.status === 'ready' ? 'or drop them here.' : 'You can choose files once hashing.wasm has started.'}
        multiple
        onFiles={(files) => {
          if (go.status !== 'ready' || chosen.length === 0) return;
          for (const f of files) hash(f, go.api);
        }}
      />
      {chosen.length === 0 && <p role="alert">Choose at least one digest.</p>}
      <ul className="jobs" aria-live="polite">
        {jobs.map((j) => (
          <Job key={j.id} job={j} onCancel={() => controllers.current.get(j.id)?.abort()} />
        ))}
      </ul>
    </>
  );
}

const encoder = new TextEncoder();

/** The SHA-256 of the text typed in it, computed by Go on this thread as it changes. */
function TextDigest() {
  const go = useGo(...hashingHere);
  const [text, setText] = useState('The quick brown fox jumps over the lazy dog');
  const digest = useMemo(() => {
    if (go.status !== 'ready') return null;
    try {
      return go.api.sum(encoder.encode(text), 'sha256');
    } catch (err) {
      return { error: failure(err) }; // the next change runs a fresh instance
    }
  }, [go.status, go.api, text]);
  useEffect(() => {
    if (typeof digest === 'string') markFirstResult();
  }, [digest]);
  return (
    <div className="panel text-digest">
      <label htmlFor="hash-text">Text</label>
      <input id="hash-text" type="text" value={text} spellCheck={false} onChange={(e) => setText(e.target.value)} />
      <p>
        SHA-256 <output className="mono" htmlFor="hash-text" data-digest="text">{typeof digest === 'string' ? digest : '…'}</output>
      </p>
      {digest?.error && <p role="alert">{digest.error}</p>}
    </div>
  );
}

function Job({ job, onCancel }) {
  const { file, state, done, ms, digests, checks, error, wanted } = job;
  return (
    <li className="job" data-state={state}>
      <div className="job-head">
        <strong className="name">{file.name}</strong> <span className="muted">{bytes(file.size)}</span>
        {state === 'hashing' && (
          <button type="button" onClick={onCancel}>
            Cancel<span className="visually-hidden"> hashing {file.name}</span>
          </button>
        )}
      </div>
      {state === 'hashing' && (
        <label className="job-progress">
          <progress max={file.size || 1} value={done} /> {bytes(done)} · {rate(done, ms)}
        </label>
      )}
      {state === 'done' && (
        <dl className="digests">
          {wanted.map((a) => (
            <div key={a.id}>
              <dt>{a.label.split(' ')[0]}</dt>
              <dd>
                <output className="mono" data-algorithm={a.id}>{digests[a.id]}</output>
                {checks?.[a.id] !== undefined && (
                  <span className={checks[a.id] ? 'ok' : 'bad'}>{checks[a.id] ? ' ✓ WebCrypto agrees' : ' ✗ WebCrypto differs'}</span>
                )}
              </dd>
            </div>
          ))}
          <div>
            <dt>Speed</dt>
            <dd>{rate(file.size, ms)}</dd>
          </div>
        </dl>
      )}
      {state === 'failed' && <p role="alert">{error}</p>}
    </li>
  );
}

async function webCrypto(file, wanted, digests) {
  const data = await file.arrayBuffer();
  const checks = {};
  for (const a of wanted) {
    if (!a.webCrypto) continue;
    const sum = new Uint8Array(await crypto.subtle.digest(a.webCrypto, data));
    checks[a.id] = Array.from(sum, (b) => b.toString(16).padStart(2, '0')).join('') === digests[a.id];
  }
  return checks;
}
