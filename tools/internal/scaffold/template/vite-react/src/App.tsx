// A React page calling Go through @gowasm/bridge: the binding and the
// module come from gowasm:greet, built from ../greet by @gowasm/vite.
// useGo loads the module once for every component that uses it.
import { useState } from 'react'
import { useGo } from '@gowasm/bridge/react'
import greet from 'gowasm:greet'
import greetWasm, { size } from 'gowasm:greet.wasm'

export default function App() {
  const go = useGo(greet, { wasm: greetWasm, size })
  const [name, setName] = useState('gowasm')
  const [n, setN] = useState(50)
  if (go.status === 'error') return <p role="alert">{go.error.message}</p>
  if (go.status === 'loading') return <progress value={go.progress?.loaded ?? 0} max={go.progress?.total ?? 1} />
  let fib: string
  try {
    fib = String(go.api.fib(n))
  } catch (err) {
    fib = (err as Error).message
  }
  return (
    <main>
      <h1 id="greeting">{go.api.greet(name)}</h1>
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <p>
        <label>
          fib(<input type="number" value={n} onChange={(e) => setN(Number(e.target.value))} />)
        </label>
        {' = '}
        <output id="fib">{fib}</output>
      </p>
    </main>
  )
}
