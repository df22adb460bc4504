// The loads preload(binding, options) starts, each held under its loadKey
// until a load() takes it over: load() through adopt, the adapters' cache
// through take once ready, so that a component's first render already has
// the API.
//
// Internal to @gowasm/bridge: package.json does not export it.

import { anySignal } from './signal.js';

/**
 * How long an instance that preload(binding, options) started waits, once
 * ready, for the load() that takes it; then it is closed.
 */
export const PRELOAD_KEEP_MS = 30_000;

/** loadKey → a held load that nothing has taken yet. */
const held = new Map();

/**
 * Holds the load that start runs under key, unless one is held already.
 * start receives the signal and onProgress the load must use: they hand
 * the load's abort and progress to whoever takes it. Resolves once the
 * load is ready; never rejects.
 */
export function hold(key, { signal, onProgress }, start) {
  if (!held.has(key)) held.set(key, begin(key, signal, onProgress, start));
  return held.get(key).promise.then(
    () => {},
    () => {},
  );
}

/**
 * Starts a held load. Once ready, it is closed PRELOAD_KEEP_MS later
 * unless taken by then; once failed, it is forgotten.
 */
function begin(key, signal, onProgress, start) {
  const controller = new AbortController();
  const h = { controller, last: null, onProgress: null, timer: null, snapshot: undefined };
  h.promise = start({
    signal: signal === undefined ? controller.signal : anySignal(signal, controller.signal),
    onProgress(progress) {
      h.last = progress;
      onProgress?.(progress);
      h.onProgress?.(progress);
    },
  });
  const stillHeld = () => held.get(key) === h;
  h.promise.then(
    (api) => {
      h.snapshot = Object.freeze({ status: 'ready', api, error: null, progress: h.last });
      if (!stillHeld()) return; // taken while it loaded
      h.timer = setTimeout(() => {
        if (!stillHeld()) return;
        held.delete(key);
        api.close();
      }, PRELOAD_KEEP_MS);
    },
    () => {
      if (stillHeld()) held.delete(key); // the next load() starts afresh
    },
  );
  return h;
}

/** Takes the load held under key, ready or not, off the list; undefined when none is. */
export function take(key) {
  const h = held.get(key);
  if (h === undefined) return undefined;
  held.delete(key);
  clearTimeout(h.timer);
  return h;
}

/**
 * The state of the load held under key, { status: 'ready', api, ... }
 * the same object each time, once it is ready; else undefined.
 */
export function peek(key) {
  return held.get(key)?.snapshot;
}

/**
 * Resolves with the API of a taken load, on behalf of a load() with its
 * own progress and signal: the download's last progress is reported at
 * once, later ones as they come; an abort aborts the load, or closes the
 * API it gives.
 */
export function adopt(h, { signal, onProgress }) {
  if (onProgress !== undefined) {
    h.onProgress = onProgress;
    if (h.last !== null) onProgress(h.last);
  }
  if (signal === undefined) return h.promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      h.controller.abort(signal.reason);
      h.promise.then(
        (api) => api.close(),
        () => {},
      );
    };
    signal.addEventListener('abort', onAbort, { once: true });
    h.promise.then(
      (api) => {
        signal.removeEventListener('abort', onAbort);
        if (!signal.aborted) resolve(api);
      },
      (err) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
