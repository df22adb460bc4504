// The floor of a module's start-up: what the browser needs for the wasm
// alone, without any page, framework or bridge: download and compile
// (streamed, from the network: no HTTP cache, so no code cache), then
// instantiate, then Go's runtime and package init until main parks.
// BenchmarkStartup evaluates this function on a page of the site's origin
// and compares each page's first result with it.
async (wasmURL, wasmExecURL, run) => {
  if (typeof Go !== 'function') await import(wasmExecURL);
  const t0 = performance.now();
  const module = await WebAssembly.compileStreaming(fetch(wasmURL, { cache: 'no-store' }));
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
