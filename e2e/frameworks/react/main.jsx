// The React page of e2e/frameworks: useGo from @gowasm/bridge/react under
// StrictMode, which in this development build mounts every component,
// unmounts it and mounts it again. Two components share one worker-mode
// load; a third loads the module inline.
import { install, input, probe } from '../probe.js';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useGo } from '@gowasm/bridge/react';
import compute from 'gowasm:compute';
import computeWasm, { size } from 'gowasm:compute.wasm';

/** Counts effect mounts and unmounts: proof that StrictMode double-mounted. */
function MountCounter() {
  useEffect(() => {
    probe.mounts++;
    return () => {
      probe.unmounts++;
    };
  }, []);
  return null;
}

function Details({ error, progress }) {
  return (
    <>
      <span className="progress">{progress ? `${progress.loaded}/${progress.total}` : ''}</span>
      <span className="error">{error ? `${error.name}: ${error.message}` : ''}</span>
    </>
  );
}

function WorkerHash({ id }) {
  // A new options object on every render, as real code writes it.
  const { api, status, error, progress } = useGo(compute, { wasm: computeWasm, size, mode: 'worker' });
  const [hex, setHex] = useState('');
  useEffect(() => {
    if (api === null) return undefined;
    probe.saw('worker', api);
    let current = true;
    api.sha256Hex(input).then(
      (h) => current && setHex(h),
      (err) => current && setHex(`${err.name}: ${err.message}`),
    );
    return () => {
      current = false;
    };
  }, [api]);
  return (
    <section id={id} data-status={status}>
      <output className="sha">{hex}</output>
      <Details error={error} progress={progress} />
    </section>
  );
}

function InlineHash() {
  const { api, status, error, progress } = useGo(compute, { wasm: computeWasm, size });
  useEffect(() => {
    if (api !== null) probe.saw('inline', api);
  }, [api]);
  return (
    <section id="inline" data-status={status}>
      <output className="sha">{api === null ? '' : api.sha256Hex(input)}</output>
      <Details error={error} progress={progress} />
    </section>
  );
}

let setUsers = null;

function App() {
  const [users, set] = useState(2);
  setUsers = set;
  return (
    <main>
      <MountCounter />
      <InlineHash />
      {['worker-a', 'worker-b'].slice(0, users).map((id) => (
        <WorkerHash key={id} id={id} />
      ))}
    </main>
  );
}

const root = createRoot(document.getElementById('root'));
root.render(
  <StrictMode>
    <App />
  </StrictMode>,
);
install({ setUsers: (n) => setUsers(n), unmount: () => root.unmount() });
