// Loader scenarios: each returns facts for loading_test.go. The server
// lays out: /compute.wasm (with .gz and .br siblings), /raw/compute.wasm
// (no siblings), /raw/compute.bin (the module as application/octet-stream),
// /exits.wasm, /old_wasm_exec.js (a glue whose imports predate Go 1.21).
import { load, preload } from '/bridge/index.js';
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
  const [entry] = await fetched(url);
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

const abcHex = (api) => api.sha256Hex(new TextEncoder().encode('abc'));

/**
 * The resource timing entries of url, once there is one: an entry is
 * added when its response has ended, which may be after the compile that
 * read it has finished.
 */
async function fetched(url) {
  const href = new URL(url, location.href).href;
  for (const deadline = performance.now() + 5000; performance.getEntriesByName(href, 'resource').length === 0 && performance.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 50)); // and any second fetch
  return performance.getEntriesByName(href, 'resource');
}

/** How often the page fetched url, and how many of each gowasm mark name it. */
async function record(url) {
  const href = new URL(url, location.href).href;
  const marks = {};
  for (const m of performance.getEntriesByType('mark')) {
    if (m.name.startsWith('gowasm:') && m.detail?.url === href) marks[m.name] = (marks[m.name] ?? 0) + 1;
  }
  return { fetches: (await fetched(url)).length, marks };
}

/** One URL loaded inline and in a pool at once: one download, one compile. */
async function shared() {
  const url = '/compute.wasm?shared';
  const [inline, pool] = await Promise.all([load(compute, { wasm: url }), load(compute, { wasm: url, mode: 'pool', workers: 2 })]);
  const hexes = [abcHex(inline), await pool.sha256Hex(new TextEncoder().encode('abc'))];
  inline.close();
  pool.close();
  return { ...(await record(url)), hexes };
}

/** preload() first, load() later: the load uses the preloaded module. */
async function preloaded() {
  const url = '/compute.wasm?preloaded';
  await preload(url);
  const api = await load(compute, { wasm: url });
  const hexes = [abcHex(api)];
  api.close();
  return { ...(await record(url)), hexes };
}

/**
 * preload(binding, options) first, load() later: the load takes over the
 * preloaded instance, the pool's too: one instance per mode, one download
 * and one compile; the load hears the download's last progress.
 */
async function started() {
  const url = '/compute.wasm?started';
  const options = { wasm: url, size };
  await Promise.all([preload(compute, options), preload(compute, { ...options, mode: 'pool', workers: 2 })]);
  await preload(compute, options); // a second preload of the same load, as an entry and a router may both call
  const heard = [];
  const api = await load(compute, { ...options, onProgress: (p) => heard.push(p) });
  const pool = await load(compute, { ...options, mode: 'pool', workers: 2 });
  const shared = await record(url);
  const again = await load(compute, options); // nothing held any more: a fresh instance
  const hexes = [abcHex(api), await pool.sha256Hex(new TextEncoder().encode('abc')), abcHex(again)];
  const marks = performance.getEntriesByName('gowasm:ready').filter((m) => m.detail.url === new URL(url, location.href).href);
  api.close();
  pool.close();
  again.close();
  return { ...shared, hexes, ready: marks.map((m) => `${m.detail.mode}${m.detail.preloaded ? ' preloaded' : ''}`), heard: heard.at(-1) ?? null };
}

/** A load() that takes over a preloaded instance and is aborted leaves nothing held: the next load starts afresh. */
async function startedAbort() {
  const url = '/compute.wasm?startedAbort';
  preload(compute, { wasm: url });
  const aborted = await failure(load(compute, { wasm: url, signal: AbortSignal.abort() }));
  const controller = new AbortController();
  const taken = failure(load(compute, { wasm: url, signal: controller.signal }));
  controller.abort();
  const api = await load(compute, { wasm: url });
  const hexes = [abcHex(api)];
  api.close();
  return { aborted, taken: await taken, hexes };
}

/** Two loads share a download; aborting one leaves the other's. */
async function abortOne() {
  const url = '/raw/compute.wasm?abortOne';
  const controller = new AbortController();
  const aborted = failure(load(compute, { wasm: url, signal: controller.signal }));
  const kept = load(compute, { wasm: url });
  controller.abort();
  const api = await kept;
  const hexes = [abcHex(api)];
  api.close();
  return { ...(await record(url)), aborted: await aborted, hexes };
}

/**
 * A pool's workers start while its module still downloads: the module's
 * last byte is held back until the page has fetched both workers' script.
 */
async function parallelStart() {
  const bytes = new Uint8Array(await (await fetch('/raw/compute.wasm?bytes')).arrayBuffer());
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const body = new ReadableStream({
    async start(controller) {
      controller.enqueue(bytes.slice(0, -1));
      await held;
      controller.enqueue(bytes.slice(-1));
      controller.close();
    },
  });
  const worker = new URL('/bridge/worker.js?parallel', location.href).href;
  const loading = load(compute, { wasm: new Response(body, { headers: { 'Content-Type': 'application/wasm' } }), mode: 'pool', workers: 2, worker });
  const deadline = performance.now() + 10_000;
  while (performance.getEntriesByName(worker).length < 2 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const workersBeforeCompiled = performance.getEntriesByName(worker).length;
  release();
  const api = await loading;
  const hexes = [await api.sha256Hex(new TextEncoder().encode('abc'))];
  api.close();
  return { workersBeforeCompiled, hexes };
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
  facts.shared = await shared();
  facts.preloaded = await preloaded();
  facts.started = await started();
  facts.startedAbort = await startedAbort();
  facts.abortOne = await abortOne();
  facts.parallelStart = await parallelStart();
  return JSON.stringify(facts);
})();
