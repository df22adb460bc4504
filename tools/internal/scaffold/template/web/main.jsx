// A React page calling Go through @gowasm/bridge: the binding and the
// module URL come from `gowasm:greet`, built from ../greet.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { load } from '@gowasm/bridge';
import greet from 'gowasm:greet';
import greetWasm from 'gowasm:greet.wasm';

const api = await load(greet, { wasm: greetWasm });

function App() {
  const [name, setName] = useState('gowasm');
  const [n, setN] = useState(50);
  const [fib, setFib] = useState('');
  useEffect(() => {
    try {
      setFib(String(api.fib(n)));
    } catch (err) {
      setFib(err.message);
    }
  }, [n]);
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
