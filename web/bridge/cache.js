// The module cache behind the React hook and the Vue composable: one
// load() per module, mode and pool size, shared by every component that
// uses it, counted, and closed a macrotask after its last user lets go,
// so that React's StrictMode (mount, unmount, mount again at once) and a
// component that re-mounts reuse the load in flight instead of starting
// another.
//
// Internal to @gowasm/bridge: package.json does not export it.

import { load } from './index.js';
import { peek as peekHeld, take } from './preloaded.js';
import { anySignal } from './signal.js';
import { loadKey } from './key.js';

/** The state of a module not loaded yet; the adapters' first render shows it. */
export const LOADING = Object.freeze({ status: 'loading', api: null, error: null, progress: null });

/** Entry → its bookkeeping, out of users' reach. */
const records = new WeakMap();

/**
 * A cache of loads made with load. The adapters share the one below;
 * tests make their own with a fake load.
 */
export function createCache(load) {
  const entries = new Map(); // key → record

  /**
   * Returns the entry of the module that binding and options name,
   * starting its load if no user holds it, and counts one more user.
   * Each acquire must be paired with one release.
   */
  function acquire(binding, options) {
    const key = loadKey(binding, options);
    let record = entries.get(key);
    if (record === undefined) {
      record = start(key, binding, options ?? {});
      entries.set(key, record);
    }
    record.refs++;
    if (record.timer !== null) {
      clearTimeout(record.timer); // re-acquired before the close: keep it
      record.timer = null;
    }
    return record.entry;
  }

  /**
   * Counts one user less. When none is left, a failed entry is forgotten
   * at once (the next acquire loads again); otherwise the API is closed,
   * or the load aborted, after a macrotask unless the entry is acquired
   * again in between.
   */
  function release(entry) {
    const record = records.get(entry);
    if (record === undefined || record.cache !== cache) throw new TypeError('release: not an entry returned by acquire');
    if (record.refs === 0) throw new Error('release: the entry was released more often than it was acquired');
    if (--record.refs > 0) return;
    if (record.state.status === 'error') {
      dispose(record);
      return;
    }
    record.timer = setTimeout(() => {
      record.timer = null;
      if (record.refs === 0) dispose(record);
    }, 0);
  }

  function dispose(record) {
    record.disposed = true;
    if (entries.get(record.key) === record) entries.delete(record.key);
    record.listeners.clear();
    if (record.state.status === 'ready') {
      record.state.api.close();
    } else if (record.state.status === 'loading') {
      // load() rejects, or resolves anyway when it was past its last
      // check; start() closes what it then returns.
      record.controller.abort(new DOMException('the last user of the module released it while it loaded', 'AbortError'));
    }
  }

  function start(key, binding, options) {
    const controller = new AbortController();
    const listeners = new Set();
    const record = { cache, key, refs: 0, timer: null, controller, listeners, disposed: false, state: LOADING, entry: null };
    const update = (patch) => {
      if (record.disposed) return;
      record.state = Object.freeze({ ...record.state, ...patch });
      for (const listener of [...listeners]) listener.fn();
    };
    record.entry = Object.freeze({
      key,
      /** 'loading', 'ready' or 'error'. */
      get status() { return record.state.status; },
      /** The loaded API once ready, else null. */
      get api() { return record.state.api; },
      /** Why the load failed, else null. */
      get error() { return record.state.error; },
      /** The last download progress, or null before any. */
      get progress() { return record.state.progress; },
      /** All four, in a frozen object replaced on every change. */
      get snapshot() { return record.state; },
      /** Calls fn after every change until the returned function is called. */
      subscribe(fn) {
        const listener = { fn };
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
    records.set(record.entry, record);

    // A ready instance that preload(binding, options) started is taken
    // at once: the entry starts ready, with no render in between.
    const ready = peekHeld(key);
    if (ready !== undefined) {
      take(key);
      record.state = ready;
      return record;
    }
    const userProgress = options.onProgress;
    const loadOptions = {
      ...options,
      signal: options.signal instanceof AbortSignal ? anySignal(options.signal, controller.signal) : (options.signal ?? controller.signal),
      onProgress(progress) {
        update({ progress: Object.freeze({ loaded: progress.loaded, total: progress.total }) });
        if (typeof userProgress === 'function') userProgress(progress);
      },
    };
    let loading;
    try {
      loading = Promise.resolve(load(binding, loadOptions));
    } catch (err) {
      loading = Promise.reject(err);
    }
    loading.then(
      (api) => {
        if (record.disposed) api?.close?.();
        else update({ status: 'ready', api });
      },
      (err) => update({ status: 'error', error: err instanceof Error ? err : new Error(String(err), { cause: err }) }),
    );
    return record;
  }

  /**
   * The state a user of key would see now, without acquiring anything: the
   * held entry's, a ready preloaded instance's, or loading. The same
   * object until it changes, as useSyncExternalStore needs.
   */
  function peek(key) {
    return entries.get(key)?.state ?? peekHeld(key) ?? LOADING;
  }

  const cache = {
    acquire,
    release,
    peek,
    /** The number of loads held or about to close. */
    get size() { return entries.size; },
  };
  return cache;
}

const shared = createCache(load);

/** Acquires the shared entry of a module; see createCache. */
export const acquire = shared.acquire;

/** Releases an entry acquired with acquire. */
export const release = shared.release;

/** The state of a module's entry without acquiring it; see createCache. */
export const peek = shared.peek;
