// The worker and pool benchmark, Chromium only. It measures, in one run,
// side by side: how much later than inline a pool is ready, the pool's speedup on a CPU-bound export with 1 and 2
// workers (inline as the reference), the round-trip latency of a no-op
// call in worker mode (inline as the reference), and how long the main
// thread stays busy while a 2-second Go job runs in a worker (inline as
// the contrast). It reports and never asserts.

import { load } from '/bridge/index.js';
import binding from '/gen/binding.js';

// Long tasks of the whole page, recorded from the start; each phase picks
// those that began within its window.
const longTasks = [];
const longTaskSupported = PerformanceObserver.supportedEntryTypes.includes('longtask');
if (longTaskSupported) {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

const WORK_MS = 80; // the target duration of one work() call
const CALLS = 8; // concurrent work() calls per timed batch
const ROUNDS = 5; // timed batches per pool size, interleaved; the best counts
const NOOPS = 1000;
const LATER_NOOPS = 3000; // timed calls after the first NOOPS; the last NOOPS of them count
const SPIN_MS = 2000;

// The worker script a production build ships, served as production
// serves it (bench_test.go lays it out): not the bridge's own worker.js.
const WORKER = '/assets/worker.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The smallest nonzero step of performance.now(), in µs. */
function timerResolution() {
  let best = Infinity;
  for (let i = 0; i < 20; i++) {
    const a = performance.now();
    let b = a;
    while (b === a) b = performance.now();
    best = Math.min(best, b - a);
  }
  return best * 1000;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * The n for which inline work(n) takes about WORK_MS, measured after a
 * warm-up of 300 ms, so that V8 has tiered work up from its baseline code.
 */
function calibrate(inline) {
  for (const warm = performance.now(); performance.now() - warm < 300; ) inline.work(1 << 20);
  let n = 1 << 16;
  for (;;) {
    let ms = Infinity;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      inline.work(n);
      ms = Math.min(ms, performance.now() - start);
    }
    if (ms >= 20) return Math.min(0x7fffffff, Math.round((n * WORK_MS) / ms));
    n *= 4;
  }
}

/** Milliseconds for CALLS work(n) calls, all submitted at once. */
async function batch(api, n, expect) {
  const start = performance.now();
  const results = await Promise.all(Array.from({ length: CALLS }, () => api.work(n)));
  const ms = performance.now() - start;
  if (results.some((r) => r !== expect)) throw new Error(`work(${n}) returned ${results}, inline ${expect}`);
  return ms;
}

async function poolSpeedup(module, inline) {
  const n = calibrate(inline);
  const expect = inline.work(n);
  const inlineMs = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    for (let i = 0; i < CALLS; i++) inline.work(n);
    inlineMs.push(performance.now() - start);
    await sleep(0);
  }
  const pools = {};
  for (const workers of [1, 2]) {
    pools[workers] = await load(binding, { wasm: module, mode: 'pool', workers, worker: WORKER });
    // Warm-up: a few calls on every worker, so that each runs tiered-up code.
    await Promise.all(Array.from({ length: workers * 4 }, () => pools[workers].work(n >> 3)));
  }
  const ms = { 1: [], 2: [] };
  try {
    // Interleaved, so that a slow spell of the machine hits both sizes.
    for (let r = 0; r < ROUNDS; r++) {
      for (const workers of [1, 2]) ms[workers].push(await batch(pools[workers], n, expect));
    }
  } finally {
    pools[1].close();
    pools[2].close();
  }
  const t1 = Math.min(...ms[1]);
  const t2 = Math.min(...ms[2]);
  return {
    n,
    calls: CALLS,
    inlineMs: Math.min(...inlineMs),
    pool1Ms: t1,
    pool2Ms: t2,
    pool1AllMs: ms[1],
    pool2AllMs: ms[2],
    speedup: t1 / t2,
  };
}

/**
 * The no-op round trip in worker mode, through the shared-memory channel
 * (the default on this cross-origin isolated page) and through messages,
 * beside the floor of the latter, a worker that echoes a message of the
 * same shape (echo-worker.js): after 200 untimed calls of each, NOOPS
 * sequential awaits, then LATER_NOOPS more, in alternating blocks so that
 * all meet the machine in the same state. The first NOOPS are what a page
 * sees soon after load(); the last NOOPS of the later ones, what it sees
 * once V8 has optimised the module's hot functions, which it does in the
 * background on the same cores.
 */
async function noopLatency(module, inline) {
  const shared = await load(binding, { wasm: module, mode: 'worker', worker: WORKER });
  const messages = await load(binding, { wasm: module, mode: 'worker', worker: WORKER, sharedMemory: false });
  const echo = await echoWorker();
  const ways = { shared: () => shared.noop(), messages: () => messages.noop(), echo: () => echo.roundTrip(0) };
  const us = { shared: [], messages: [], echo: [] };
  try {
    for (let i = 0; i < 200; i++) {
      for (const call of Object.values(ways)) await call();
    }
    const BLOCK = 100;
    for (let block = 0; block < (NOOPS + LATER_NOOPS) / BLOCK; block++) {
      for (const [way, call] of Object.entries(ways)) {
        for (let i = 0; i < BLOCK; i++) {
          const start = performance.now();
          await call();
          us[way].push((performance.now() - start) * 1000);
        }
      }
    }
  } finally {
    shared.close();
    messages.close();
    echo.worker.terminate();
  }
  // Inline: the best of a few timed loops, as in bench.js.
  let inlineNs = Infinity;
  for (let r = 0, n = 1e6; r < 5; r++) {
    const start = performance.now();
    for (let i = 0; i < n; i++) inline.noop();
    inlineNs = Math.min(inlineNs, ((performance.now() - start) * 1e6) / n);
  }
  const rows = {};
  for (const [way, v] of Object.entries(us)) rows[way] = { first: latencies(v.slice(0, NOOPS)), later: latencies(v.slice(-NOOPS)) };
  return { calls: NOOPS, laterCalls: LATER_NOOPS, ...rows, inlineNs };
}

/** The mean and percentiles of round trips, in µs. */
function latencies(us) {
  const sorted = us.toSorted((a, b) => a - b);
  return {
    meanUs: us.reduce((sum, u) => sum + u, 0) / us.length,
    p50Us: percentile(sorted, 50),
    p99Us: percentile(sorted, 99),
    minUs: sorted[0],
    maxUs: sorted[sorted.length - 1],
  };
}

/**
 * Starts echo-worker.js; resolves once it has said hello, with a round
 * trip of worker mode's message shapes (remote.js), a sync call's
 * [id, index, fn, args] there and [id, result] back, a new Writer's 256
 * bytes transferred each way.
 */
function echoWorker() {
  const worker = new Worker('/assets/echo-worker.js');
  return new Promise((ready, fail) => {
    worker.onerror = fail;
    worker.onmessage = () => {
      let pending = null;
      worker.onmessage = (e) => pending(e.data);
      ready({
        worker,
        roundTrip: (id) => new Promise((resolve) => {
          pending = resolve;
          const args = new Uint8Array(256);
          worker.postMessage([id, 0, 'noop', args], [args.buffer]);
        }),
      });
    };
  });
}

/**
 * Runs job() (which starts the 2-second spin) while a setTimeout(0) loop
 * and a requestAnimationFrame loop record the longest gap between their
 * ticks; returns those gaps and the long tasks that began meanwhile.
 */
async function mainThreadDuring(job) {
  let running = true;
  const gaps = { timeout: 0, frame: 0, frames: 0 };
  let lastTimeout = performance.now();
  const onTimeout = () => {
    const now = performance.now();
    gaps.timeout = Math.max(gaps.timeout, now - lastTimeout);
    lastTimeout = now;
    if (running) setTimeout(onTimeout, 0);
  };
  let lastFrame = null;
  const onFrame = (now) => {
    if (lastFrame !== null) gaps.frame = Math.max(gaps.frame, now - lastFrame);
    lastFrame = now;
    gaps.frames++;
    if (running) requestAnimationFrame(onFrame);
  };
  setTimeout(onTimeout, 0);
  requestAnimationFrame(onFrame);
  await sleep(100); // the loops are ticking
  const start = performance.now();
  const rounds = await job();
  const ms = performance.now() - start;
  await sleep(100); // the last ticks and long-task entries arrive
  running = false;
  await sleep(50);
  const tasks = longTasks.filter((t) => t.start >= start - 1 && t.start <= start + ms);
  return {
    jobMs: ms,
    rounds,
    longTasks: tasks.length,
    longestTaskMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
    maxTimeoutGapMs: gaps.timeout,
    maxFrameGapMs: gaps.frame,
    frames: gaps.frames,
  };
}

async function longJob(module, inline) {
  const api = await load(binding, { wasm: module, mode: 'worker', worker: WORKER });
  let worker;
  try {
    await api.spin(10); // warm-up
    worker = await mainThreadDuring(() => api.spin(SPIN_MS));
  } finally {
    api.close();
  }
  // Inline: the spin is a task of its own, which blocks everything else.
  const inlineRun = await mainThreadDuring(
    () => new Promise((resolve, reject) => setTimeout(() => {
      try {
        resolve(inline.spin(SPIN_MS));
      } catch (err) {
        reject(err);
      }
    }, 0)),
  );
  return { spinMs: SPIN_MS, worker, inline: inlineRun };
}

/**
 * From load() to ready, inline and as a pool of 2, each from its own URL
 * (so each downloads and compiles), in alternating order; medians. A pool
 * compiles once and starts its workers while the module downloads, so it
 * should be ready within 30 ms of inline. Beside them, the browser's own
 * share: a worker that runs nothing (echo-worker.js), from new Worker to
 * its first message.
 */
async function startup(wasmURL) {
  const ms = { inline: [], pool: [], bareWorker: [] };
  const once = async (mode, round) => {
    const start = performance.now();
    if (mode === 'bareWorker') {
      const echo = await echoWorker();
      ms[mode].push(performance.now() - start);
      echo.worker.terminate();
    } else {
      const api = await load(binding, { wasm: `${wasmURL}?start=${mode}-${round}`, mode, workers: 2, worker: WORKER });
      ms[mode].push(performance.now() - start);
      api.close();
    }
  };
  for (let round = 0; round < 7; round++) {
    for (const mode of round % 2 ? ['inline', 'pool', 'bareWorker'] : ['bareWorker', 'pool', 'inline']) {
      await once(mode, round);
      await sleep(50);
    }
  }
  const median = (v) => v.toSorted((a, b) => a - b)[v.length >> 1];
  return {
    inlineMs: median(ms.inline),
    poolMs: median(ms.pool),
    bareWorkerMs: median(ms.bareWorker),
    inlineAllMs: ms.inline,
    poolAllMs: ms.pool,
    bareWorkerAllMs: ms.bareWorker,
  };
}

export async function runWorkers(wasmURL) {
  const module = await WebAssembly.compileStreaming(fetch(wasmURL));
  const inline = await load(binding, { wasm: module });
  const env = {
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    timerResolutionUs: timerResolution(),
    longTaskSupported,
    visibility: document.visibilityState,
  };
  const start = await startup(wasmURL);
  const pool = await poolSpeedup(module, inline);
  const noop = await noopLatency(module, inline);
  const job = await longJob(module, inline);
  inline.close();
  return { env, start, pool, noop, job };
}
