// The benchmarks of the /bench page, measured in the visitor's browser,
// side by side in one run: what a Go-in-the-browser user would pick
// instead, for the same work. Each returns plain numbers for the page's
// tables and charts and for make bench.
import { goInstance, load } from '@gowasm/bridge';
import bench from 'gowasm:bench';
import benchWasm, { size as benchSize } from 'gowasm:bench.wasm';
import hashing from 'gowasm:hashing';
import hashingWasm, { size as hashingSize } from 'gowasm:hashing.wasm';
import imaging from 'gowasm:imaging';
import imagingWasm from 'gowasm:imaging.wasm';
import { filterInBands, nextTask } from './bands.js';
import { blurJS } from './blur.js';
import { measure, measureAsync } from './measure.js';
import { poolSize } from './pool.js';

/** Settings of a full run, and of a quick one (tests, a first look). */
export const plans = {
  full: { minMs: 300, shaSizes: [64, 4 << 10, 1 << 20, 64 << 20], blurSide: 1000, startups: 3 },
  quick: { minMs: 40, shaSizes: [64, 4 << 10, 1 << 20], blurSide: 400, startups: 1 },
};

const sigma = 3;

/**
 * Runs every benchmark, reporting each step to onStep(label) and each
 * finished section to onSection(name, result); returns all the results.
 */
export async function runAll(plan, onStep, onSection) {
  const results = {
    environment: { userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency, plan, date: new Date().toISOString() },
  };
  for (const [name, run] of [
    ['callOverhead', callOverhead],
    ['sha256', sha256],
    ['blur', blur],
    ['startup', startup],
  ]) {
    results[name] = await run(plan, async (label) => {
      onStep(label);
      await nextTask(); // let the page show it before the main thread is busy
    });
    onSection(name, results[name]);
  }
  return results;
}

/** ns per call of add(int32, int32) int32: the fast path, js.FuncOf, plain JavaScript. */
async function callOverhead(plan, step) {
  const api = await load(bench, { wasm: benchWasm, size: benchSize });
  try {
    const { add: funcOfAdd } = goInstance(api).exposed;
    const plainAdd = (a, b) => (a + b) | 0;
    const calls = (add) =>
      measure((n) => {
        let sum = 0;
        for (let i = 0; i < n; i++) sum = add(sum & 0xffff, i & 0xffff);
        if (sum === -1) throw new Error('unreachable');
      }, plan.minMs);
    const out = {};
    await step('call overhead: gowasm fast path');
    out.gowasm = calls((a, b) => api.add(a, b));
    await step('call overhead: hand-written js.FuncOf');
    out.funcOf = calls(funcOfAdd);
    await step('call overhead: plain JavaScript');
    out.plainJS = calls(plainAdd);
    return out; // ns per call
  } finally {
    api.close();
  }
}

/** SHA-256 MB/s at each size: gowasm, hash-wasm, @noble/hashes, WebCrypto. */
async function sha256(plan, step) {
  const [{ sha256: hashWasm }, { sha256: noble }] = await Promise.all([import('hash-wasm'), import('@noble/hashes/sha2.js')]);
  const api = await load(hashing, { wasm: hashingWasm, size: hashingSize });
  try {
    const peers = {
      gowasm: { sync: (d) => api.sum(d, 'sha256') },
      hashWasm: { async: (d) => hashWasm(d) },
      noble: { sync: (d) => noble(d) },
      webCrypto: { async: (d) => crypto.subtle.digest('SHA-256', d) },
    };
    const out = Object.fromEntries(Object.keys(peers).map((k) => [k, {}]));
    for (const size of plan.shaSizes) {
      const data = new Uint8Array(size);
      for (let i = 0; i < size; i++) data[i] = (i * 2654435761) >>> 24;
      for (const [name, f] of Object.entries(peers)) {
        await step(`SHA-256 of ${label(size)}: ${name}`);
        const ns = f.sync
          ? measure((n) => {
              for (let i = 0; i < n; i++) f.sync(data);
            }, plan.minMs)
          : await measureAsync(async (n) => {
              for (let i = 0; i < n; i++) await f.async(data);
            }, plan.minMs);
        out[name][label(size)] = size / 1e6 / (ns / 1e9); // MB/s
      }
    }
    return out;
  } finally {
    api.close();
  }
}

function label(size) {
  return size >= 1 << 20 ? `${size >> 20} MiB` : size >= 1 << 10 ? `${size >> 10} KiB` : `${size} B`;
}

/**
 * Megapixels per second of a Gaussian blur (sigma 3) of a square image:
 * gowasm inline, in a worker, in pools of 1…N workers (the image in
 * bands); photon (Rust, wasm-bindgen); the same algorithm in plain
 * JavaScript. Also whether the JavaScript port gives Go's bytes.
 */
async function blur(plan, step) {
  const side = plan.blurSide;
  const pix = new Uint8ClampedArray(4 * side * side);
  for (let i = 0; i < pix.length; i++) pix[i] = (i % 4 === 3 ? 255 : (i * 40503) >>> 7) & 255;
  const image = { width: side, height: side, data: pix };
  const filter = { kind: 'blur', radius: sigma };
  const mp = side * side / 1e6;
  const rate = (ns) => mp / (ns / 1e9);
  const out = { megapixels: mp, pool: {} };

  await step('blur: gowasm inline');
  const inline = await load(imaging, { wasm: imagingWasm });
  let goBytes;
  try {
    goBytes = inline.apply(pix, side, side, filter);
    out.gowasmInline = rate(measure((n) => { for (let i = 0; i < n; i++) inline.apply(pix, side, side, filter); }, plan.minMs));
  } finally {
    inline.close();
  }

  await step('blur: gowasm in a worker');
  const worker = await load(imaging, { wasm: imagingWasm, mode: 'worker' });
  try {
    out.gowasmWorker = rate(await measureAsync(async (n) => { for (let i = 0; i < n; i++) await worker.apply(pix, side, side, filter); }, plan.minMs));
  } finally {
    worker.close();
  }

  for (let workers = 1; workers <= poolSize; workers++) {
    await step(`blur: gowasm in a pool of ${workers}`);
    const pool = await load(imaging, { wasm: imagingWasm, mode: 'pool', workers });
    const never = new AbortController().signal;
    try {
      out.pool[workers] = rate(await measureAsync(async (n) => {
        for (let i = 0; i < n; i++) await filterInBands(pool, image, filter, never, () => {});
      }, plan.minMs));
    } finally {
      pool.close();
    }
  }

  await step('blur: photon (Rust)');
  const photon = await import('@silvia-odwyer/photon');
  out.photon = rate(measure((n) => {
    for (let i = 0; i < n; i++) {
      const img = new photon.PhotonImage(new Uint8Array(pix.buffer), side, side);
      photon.gaussian_blur(img, sigma);
      img.get_raw_pixels();
      img.free();
    }
  }, plan.minMs));

  await step('blur: plain JavaScript');
  const jsBytes = blurJS(pix, side, side, sigma);
  out.plainJS = rate(measure((n) => { for (let i = 0; i < n; i++) blurJS(pix, side, side, sigma); }, plan.minMs));
  out.plainJSMatchesGo = jsBytes.length === goBytes.length && jsBytes.every((b, i) => b === goBytes[i]);
  return out;
}

/**
 * Start-up of the imaging module, fresh from the network each time, in
 * ms: fetch, compile, instantiate and Go's initialisation (load), and
 * the first result; the median of the runs.
 */
async function startup(plan, step) {
  const runs = [];
  for (let i = 0; i < plan.startups; i++) {
    await step(`start-up ${i + 1} of ${plan.startups}`);
    const t0 = performance.now();
    const bytes = await (await fetch(imagingWasm, { cache: 'no-store' })).arrayBuffer();
    const t1 = performance.now();
    const module = await WebAssembly.compile(bytes);
    const t2 = performance.now();
    const api = await load(imaging, { wasm: module });
    const t3 = performance.now();
    api.halo({ kind: 'blur', radius: 1 });
    const t4 = performance.now();
    api.close();
    runs.push({ fetch: t1 - t0, compile: t2 - t1, instantiateAndInit: t3 - t2, firstResult: t4 - t3, total: t4 - t0, bytes: bytes.byteLength });
  }
  const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  return Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(k)]));
}
