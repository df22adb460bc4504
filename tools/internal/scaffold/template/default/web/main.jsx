// A React page calling Go through @gowasm/bridge: the binding and the
// module URL come from `gowasm:greet`, built from ../greet. useGo loads
// the module once for every component that uses it.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useGo } from '@gowasm/bridge/react';
import greet from 'gowasm:greet';
import greetWasm, { size } from 'gowasm:greet.wasm';

function App() {
  const { api, status, error, progress } = useGo(greet, { wasm: greetWasm, size });
  if (status === 'error') return <p role="alert">{error.message}</p>;
  if (status === 'loading') return <progress value={progress?.loaded ?? 0} max={progress?.total ?? 1} />;
  return <Greeter api={api} />;
}

function Greeter({ api }) {
  const [name, setName] = useState('gowasm');
  const [n, setN] = useState(50);
  const [fib, setFib] = useState('');
  useEffect(() => {
    try {
      setFib(String(api.fib(n)));
    } catch (err) {
      setFib(err.message);
    }
  }, [api, n]);
  return (
    <main>
      <h1 id="greeting">{api.greet(name)}</h1>
      <label>Name <input value={name} onChange={(e) => setName(e.target.value)} /></label>
      <p>
        <label>fib(<input type="number" value={n} onChange={(e) => setN(Number(e.target.value))} />)</label>
        {' = '}<output id="fib">{fib}</output>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')).render(<App />);
