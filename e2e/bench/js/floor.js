// The floor of a module's start-up: what the browser needs for the wasm
// alone, without any framework or bridge: download and compile (streamed),
// instantiate, then Go's runtime and package init until main parks.
// BenchmarkStartup serves this file as /startup-floor.js beside the app
// and uses it twice: it imports it on a page of the app's origin and
// times startModule alone (the floor), and it opens a bare page, an HTML
// document naming the module in its body's data attributes, which this
// file starts as soon as it runs and then marks first-result, as the
// app's pages do (the bare page).

/**
 * Starts the module at wasmURL, fetched with init, and returns the time
 * each step took, in ms. wasm_exec.js is imported, beside the download,
 * only if Go is not defined yet: the floor defines it first, to time the
 * module alone. run: whether Go's main runs until it parks.
 */
export async function startModule(wasmURL, wasmExecURL, run, init) {
  const t0 = performance.now();
  const compiling = WebAssembly.compileStreaming(fetch(wasmURL, init));
  if (typeof Go !== 'function') await import(wasmExecURL);
  const module = await compiling;
  const t1 = performance.now();
  const go = new Go();
  const instance = await WebAssembly.instantiate(module, go.importObject);
  const t2 = performance.now();
  if (run) {
    // wasmbridge.Serve hands its dispatcher to this global, then parks.
    globalThis.__gowasm_handshake = () => {};
    go.run(instance); // returns once main has parked
    delete globalThis.__gowasm_handshake;
  }
  const t3 = performance.now();
  return { compile: t1 - t0, instantiate: t2 - t1, init: t3 - t2, total: t3 - t0 };
}

const bare = document.body?.dataset;
if (bare?.wasm) {
  startModule(bare.wasm, bare.wasmExec, bare.run === 'true').then(() => performance.mark('first-result'));
}
