import { useEffect, useState } from 'react'
import type { Mode } from '@gowasm/bridge'
import { useGo } from '@gowasm/bridge/react'
import calc from 'gowasm:calc'
import calcWasm, { size } from 'gowasm:calc.wasm'

function Calc({ mode }: { mode: Mode }) {
  const { api, status, error } = useGo(calc, { wasm: calcWasm, size, mode, workers: 2 })
  const [result, setResult] = useState('')
  useEffect(() => {
    if (!api) return
    Promise.all([api.add(2, 40), api.greet('Vite'), api.mean(new Float64Array([1, 2, 3.5])), api.version()])
      .then((values) => setResult(JSON.stringify(values)), (err: Error) => setResult(`error: ${err.message}`))
  }, [api])
  if (status === 'error') return <output data-mode={mode}>error: {error?.message}</output>
  return <output data-mode={mode}>{result || status}</output>
}

function App() {
  return (
    <main>
      <h1>Go in Vite</h1>
      <p>inline <Calc mode="inline" /></p>
      <p>worker <Calc mode="worker" /></p>
      <p>pool <Calc mode="pool" /></p>
    </main>
  )
}

export default App
