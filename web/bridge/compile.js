// Fetching and compiling modules: the load()s of a URL that run at once,
// and a preload() before them, share one download and one compile, so
// that a page that runs a module inline and in a pool, or preloads it
// from its entry, pays for it once. A failed or fully aborted compile is
// forgotten at once, a compiled one once a load has used it and no
// preload() waits for another (see join).
//
// Each download and compile is recorded as User Timing marks (see
// README, "Start-up"): gowasm:fetch-start and gowasm:compiled, with
// { module, url } in detail.

import { nodeModule } from './node.js';

/** URL (href) → the compile shared by every load of it. */
const shared = new Map();

/**
 * The compiled module that options.wasm names, and the label errors
 * use for it.
 *
 * @param {*} wasm a URL or path, a Response, bytes or a WebAssembly.Module
 * @param {string} name the Go package name, for marks and messages
 * @param {{signal?: AbortSignal, onProgress?: Function, size?: number}} o
 * @returns {Promise<{module: WebAssembly.Module, label: string}>}
 */
export async function compileModule(wasm, name, o) {
  if (wasm instanceof WebAssembly.Module) return { module: wasm, label: name };
  if (ArrayBuffer.isView(wasm) || wasm instanceof ArrayBuffer) {
    return { module: await compileBytes(wasm, `${name} (bytes)`), label: name };
  }
  if (typeof Response === 'function' && wasm instanceof Response) {
    const url = wasm.url || name;
    mark('gowasm:fetch-start', name, url);
    const module = await compileResponse(wasm, url, o);
    mark('gowasm:compiled', name, url);
    return { module, label: url };
  }
  if (typeof wasm === 'string' || wasm instanceof URL) {
    const url = resolveURL(wasm).href;
    return { module: await join(url, name, o, true), label: url };
  }
  throw new TypeError('load: options.wasm must be a URL, a Response, bytes or a WebAssembly.Module');
}

/**
 * Joins, or starts, the one compile of url: resolves with its module,
 * rejects when it fails or when o.signal aborts. The download itself is
 * aborted only when every load waiting for it has been. A compile is
 * shared while it runs and, once done, with the loads of the same task
 * (a page that starts a module inline and in a pool at once); a module
 * that a preload() asked for waits for the first load after that
 * preload. Then it is forgotten: the instances keep it alive, and a later
 * load fetches the URL again, from the HTTP cache when it may.
 */
function join(url, name, { signal, onProgress, size }, isLoad) {
  signal?.throwIfAborted();
  let entry = shared.get(url);
  if (entry === undefined) {
    entry = { waiting: 0, loads: 0, awaitingLoad: false, controller: new AbortController(), listeners: new Set(), last: null, size, settled: false, forgetting: false };
    entry.promise = fetchAndCompile(url, name, entry).then(
      (module) => {
        entry.settled = true;
        entry.listeners.clear();
        if (entry.loads > 0 && !entry.awaitingLoad) forget(url, entry);
        return module;
      },
      (err) => {
        entry.settled = true;
        if (shared.get(url) === entry) shared.delete(url);
        throw err;
      },
    );
    entry.promise.catch(() => {}); // a preload nobody awaits must not be an unhandled rejection
    shared.set(url, entry);
  }
  if (isLoad) entry.loads++;
  entry.awaitingLoad = !isLoad;
  if (entry.settled) {
    if (isLoad) forget(url, entry);
    if (onProgress !== undefined && entry.last !== null) onProgress(entry.last); // the download's last event
    return entry.promise;
  }
  entry.size ??= size;
  entry.waiting++;
  const listener = onProgress === undefined ? null : { onProgress };
  if (listener !== null) {
    entry.listeners.add(listener);
    if (entry.last !== null) onProgress(entry.last);
  }
  return new Promise((resolve, reject) => {
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      entry.waiting--;
      entry.listeners.delete(listener);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      leave();
      reject(signal.reason);
      if (entry.waiting === 0 && !entry.settled) {
        shared.delete(url);
        entry.controller.abort(signal.reason);
      }
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    entry.promise.then(
      (module) => {
        leave();
        resolve(module);
      },
      (err) => {
        leave();
        reject(err);
      },
    );
  });
}

/** Forgets a compiled entry after this task, whose loads still share it, unless a preload() has come since. */
function forget(url, entry) {
  if (entry.forgetting) return;
  entry.forgetting = true;
  setTimeout(() => {
    entry.forgetting = false;
    if (shared.get(url) === entry && !entry.awaitingLoad) shared.delete(url);
  }, 0);
}

/**
 * Starts downloading and compiling the module at wasm (a URL) before
 * anything loads it (preload(url) in index.js). Resolves when the module
 * is compiled; never rejects: the load() that needs it reports a failure.
 */
export function preloadModule(wasm) {
  const url = resolveURL(wasm).href;
  return join(url, url.replace(/^.*\//, ''), {}, false).then(
    () => {},
    () => {},
  );
}

async function fetchAndCompile(url, name, entry) {
  mark('gowasm:fetch-start', name, url);
  const progress = {
    signal: entry.controller.signal,
    onProgress({ loaded, total }) {
      // The size a load gave is the total when the server's is not known.
      const p = { loaded, total: total ?? entry.size };
      entry.last = p;
      for (const listener of [...entry.listeners]) {
        try {
          listener.onProgress(p);
        } catch (err) {
          // One load's broken progress bar must not fail the download the others share.
          (globalThis.reportError ?? console.error)(err);
        }
      }
    },
  };
  const module = await download(new URL(url), progress);
  mark('gowasm:compiled', name, url);
  return module;
}

async function download(url, progress) {
  if (url.protocol === 'file:') {
    const fs = nodeModule('node:fs/promises');
    if (fs === undefined) throw new Error(`load: cannot read ${url.href} outside Node; serve it over HTTP`);
    let bytes;
    try {
      bytes = await fs.readFile(url);
    } catch (err) {
      throw new Error(`load: cannot read ${url.href}: ${err.message}`, { cause: err });
    }
    progress.onProgress({ loaded: bytes.length, total: bytes.length });
    return compileBytes(bytes, url.href);
  }
  let response;
  try {
    response = await fetch(url, { signal: progress.signal });
  } catch (err) {
    if (progress.signal.aborted) throw progress.signal.reason;
    throw new Error(`load: cannot fetch ${url.href}: ${err.message}`, { cause: err });
  }
  return compileResponse(response, url.href, progress);
}

/** A URL or path resolved against the page, or in Node the working directory. */
export function resolveURL(wasm) {
  if (wasm instanceof URL) return wasm;
  if (typeof location !== 'undefined') return new URL(wasm, location.href);
  if (/^[a-z][a-z0-9+.-]*:/i.test(wasm)) return new URL(wasm);
  // A bare path in Node: relative to the working directory.
  const cwd = globalThis.process.cwd().replace(/\/?$/, '/');
  return new URL(wasm, `file://${cwd}`);
}

async function compileResponse(response, url, { onProgress, size, signal }) {
  if (!response.ok) {
    throw new Error(`load: cannot fetch ${url}: HTTP ${response.status} ${response.statusText}`);
  }
  const type = (response.headers.get('Content-Type') ?? '').split(';')[0].trim();
  if (onProgress !== undefined) response = counted(response, onProgress, size);
  if (type === 'application/wasm' && typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(response);
    } catch (err) {
      signal?.throwIfAborted(); // the download was aborted, not broken
      throw new Error(`load: ${url} is not a valid WebAssembly module: ${err.message}`, { cause: err });
    }
  }
  if (type !== 'application/wasm') {
    console.warn(
      `load: ${url} is served as ${type || 'no Content-Type'}, not application/wasm, so it is compiled only after it has ` +
        'downloaded. Serve .wasm files as application/wasm to compile them while they download.',
    );
  }
  return compileBytes(await response.arrayBuffer(), url);
}

/**
 * The response with a body that reports download progress. Its total is
 * the decoded size: Content-Length when the body is not compressed, else
 * options.size (Content-Length then counts compressed bytes, while the
 * stream yields decoded ones).
 */
function counted(response, onProgress, size) {
  const encoding = response.headers.get('Content-Encoding');
  const length = Number(response.headers.get('Content-Length'));
  const total = size ?? ((!encoding || encoding === 'identity') && length > 0 ? length : undefined);
  let loaded = 0;
  onProgress({ loaded, total });
  const body = response.body.pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        onProgress({ loaded, total });
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function compileBytes(bytes, url) {
  try {
    return await WebAssembly.compile(bytes);
  } catch (err) {
    throw new Error(`load: ${url} is not a valid WebAssembly module: ${err.message}`, { cause: err });
  }
}

/** Whether module imports anything from the import module name, e.g. wasi_snapshot_preview1. */
export function imports(module, name) {
  return WebAssembly.Module.imports(module).some((i) => i.module === name);
}

/**
 * Records a User Timing mark: in the browser's performance panel, and
 * for tests and benchmarks through performance.getEntriesByName.
 */
export function mark(name, module, url, more) {
  globalThis.performance?.mark?.(name, { detail: { module, url, ...more } });
}
