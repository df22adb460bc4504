// Loader scenarios: each returns facts for loading_test.go. The server
// lays out: /compute.wasm (with .gz and .br siblings), /raw/compute.wasm
// (no siblings), /raw/compute.bin (the module as application/octet-stream),
// /exits.wasm, /old_wasm_exec.js (a glue whose imports predate Go 1.21).
import { load } from '/bridge/index.js';
import compute from '/gen/compute.js';
import exits from '/gen/exits.js';

const size = Number(new URL(location.href).searchParams.get('size'));

function describe(err) {
  return { class: err?.constructor?.name, name: err?.name, message: String(err?.message ?? err), code: err?.code };
}

async function failure(promise) {
  try {
    const api = await promise;
    api.close();
    return null;
  } catch (err) {
    return describe(err);
  }
}

/** Loads with onProgress; returns the events and what the network saw. */
async function progress(url, options = {}) {
  const events = [];
  const api = await load(compute, { wasm: url, onProgress: (p) => events.push(p), ...options });
  const hex = api.sha256Hex(new TextEncoder().encode('abc'));
  api.close();
  const [entry] = performance.getEntriesByName(new URL(url, location.href).href);
  return { events, hex, encoded: entry?.encodedBodySize, decoded: entry?.decodedBodySize };
}

/** Runs f with console.warn recorded. */
async function warnings(f) {
  const warned = [];
  const warn = console.warn;
  console.warn = (...args) => warned.push(args.join(' '));
  try {
    return { result: await f(), warned };
  } finally {
    console.warn = warn;
  }
}

class GlueBefore121 extends Go {
  constructor() {
    super();
    this.importObject = { go: this.importObject.gojs }; // Go ≤ 1.20 named the import module "go"
  }
}

globalThis.loading = (async () => {
  const facts = {};
  facts.compressed = await progress('/compute.wasm', { size });
  facts.compressedNoSize = await progress('/compute.wasm?again');
  facts.identity = await progress('/raw/compute.wasm');
  facts.wrongType = await warnings(async () => {
    const api = await load(compute, { wasm: '/raw/compute.bin' });
    const hex = api.sha256Hex(new Uint8Array(0));
    api.close();
    return hex;
  });
  facts.notFound = await failure(load(compute, { wasm: '/missing.wasm' }));
  facts.notWasm = (await warnings(() => failure(load(compute, { wasm: '/index.html' })))).result;
  facts.exitInline = await failure(load(exits, { wasm: '/exits.wasm' }));
  facts.exitWorker = await failure(load(exits, { wasm: '/exits.wasm', mode: 'worker' }));
  facts.glueInline = await failure(load(compute, { wasm: '/compute.wasm', go: GlueBefore121 }));
  facts.glueWorker = await failure(load(compute, { wasm: '/compute.wasm', mode: 'worker', wasmExec: '/old_wasm_exec.js' }));
  facts.badWorker = await failure(load(compute, { wasm: '/compute.wasm', mode: 'worker', worker: '/missing-worker.js' }));
  facts.abortedBefore = await failure(load(compute, { wasm: '/compute.wasm', signal: AbortSignal.abort() }));
  const controller = new AbortController();
  facts.abortedDuring = await failure(load(compute, {
    wasm: '/raw/compute.wasm?abort',
    signal: controller.signal,
    onProgress: ({ loaded }) => loaded > 0 && controller.abort(),
  }));
  facts.badMode = await failure(load(compute, { wasm: '/compute.wasm', mode: 'threads' }));
  return JSON.stringify(facts);
})();
