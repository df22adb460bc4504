// A page for BenchmarkCompileWhere: it compiles the module named in its
// body's data attributes on its main thread or in a worker
// (compile-worker.js), while the main thread does work of its own, then
// starts Go there and marks first-result. The work stands in for a
// framework's start: tasks of 15 ms, yielding between them.

const { wasm, where, busyMs } = document.body.dataset;

function busy(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

function compileInWorker() {
  const worker = new Worker('/compile-worker.js');
  worker.postMessage(new URL(wasm, location.href).href);
  return new Promise((resolve, reject) => {
    worker.onmessage = (e) => {
      worker.terminate();
      if (e.data instanceof WebAssembly.Module) resolve(e.data);
      else reject(new Error(e.data));
    };
  });
}

const compiling = where === 'worker' ? compileInWorker() : WebAssembly.compileStreaming(fetch(wasm));
for (let left = Number(busyMs); left > 0; left -= 15) {
  await new Promise((resolve) => setTimeout(resolve, 0));
  busy(Math.min(15, left));
}
const module = await compiling;
performance.mark('compiled');
const go = new Go();
const instance = await WebAssembly.instantiate(module, go.importObject);
globalThis.__gowasm_handshake = () => {}; // wasmbridge.Serve hands its dispatcher to it, then parks
go.run(instance); // returns once main has parked
delete globalThis.__gowasm_handshake;
performance.mark('first-result');
