// Unit tests of the module cache behind useGo (cache.js), run by
// `node --test web/bridge/test/`. A fake load() stands in for the real
// one: each call is recorded with its options and settled by the test.
// Real loads through the React hook and the Vue composable are covered in
// headless Chromium by e2e/frameworks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectScope, nextTick, ref } from 'vue';
import { createCache } from '../cache.js';
import { hold, PRELOAD_KEEP_MS, take } from '../preloaded.js';
import { loadKey } from '../key.js';
import { ABI } from '../runtime.js';
import { useGo } from '../vue.js';

const binding = { abi: ABI, name: 'compute', goPackage: 'example.com/compute', create() {} };

/** A fake load(): records calls; each returns a promise the test settles. */
function fakeLoad() {
  const calls = [];
  const load = (b, options) =>
    new Promise((resolve, reject) => {
      const call = { binding: b, options, closed: 0, resolve: null, reject };
      call.api = { hello: () => 'hi' };
      Object.defineProperty(call.api, 'close', { value: () => call.closed++ });
      call.resolve = () => resolve(call.api);
      calls.push(call);
    });
  return { load, calls };
}

/** Waits for a macrotask, after the cache's delayed close has run. */
const macrotask = () => new Promise((resolve) => setTimeout(resolve, 5));

test('StrictMode-like acquire, release, acquire loads once and keeps the module', async () => {
  const { load, calls } = fakeLoad();
  const cache = createCache(load);
  const first = cache.acquire(binding, { wasm: '/m.wasm', mode: 'worker' });
  cache.release(first);
  // A new options object, as each render makes: same module, same entry.
  const second = cache.acquire(binding, { wasm: '/m.wasm', mode: 'worker' });
  assert.equal(second, first);
  assert.equal(calls.length, 1);
  assert.equal(second.status, 'loading');
  assert.equal(second.api, null);
  calls[0].resolve();
  await macrotask();
  assert.equal(second.status, 'ready');
  assert.equal(second.api, calls[0].api);
  assert.equal(calls[0].closed, 0, 'the close scheduled by the first release was cancelled');
  assert.equal(calls[0].options.signal.aborted, false);
  assert.equal(cache.size, 1);
  cache.release(second);
});

test('the last release closes the API after a macrotask, and a later acquire loads again', async () => {
  const { load, calls } = fakeLoad();
  const cache = createCache(load);
  const a = cache.acquire(binding, { wasm: '/m.wasm' });
  const b = cache.acquire(binding, { wasm: '/m.wasm' });
  assert.equal(a, b);
  calls[0].resolve();
  await macrotask();
  cache.release(a);
  await macrotask();
  assert.equal(calls[0].closed, 0, 'one user is left');
  cache.release(b);
  assert.equal(calls[0].closed, 0, 'closed only after a macrotask');
  await macrotask();
  assert.equal(calls[0].closed, 1);
  assert.equal(cache.size, 0);
  const c = cache.acquire(binding, { wasm: '/m.wasm' });
  assert.notEqual(c, a);
  assert.equal(calls.length, 2);
  assert.equal(c.status, 'loading');
  cache.release(c);
});

test('releasing the last user while loading aborts the load, and closes what resolves anyway', async () => {
  const { load, calls } = fakeLoad();
  const cache = createCache(load);
  const entry = cache.acquire(binding, { wasm: '/m.wasm', mode: 'pool', workers: 2 });
  const seen = [];
  entry.subscribe(() => seen.push(entry.status));
  cache.release(entry);
  assert.equal(calls[0].options.signal.aborted, false, 'not before a macrotask');
  await macrotask();
  assert.equal(calls[0].options.signal.aborted, true);
  assert.equal(calls[0].options.signal.reason.name, 'AbortError');
  calls[0].resolve(); // a load past its last check of the signal
  await macrotask();
  assert.equal(calls[0].closed, 1);
  assert.deepEqual(seen, [], 'a disposed entry notifies nobody');
  assert.equal(cache.size, 0);
});

test("the user's signal still aborts the shared load", async () => {
  const { load, calls } = fakeLoad();
  const cache = createCache(load);
  const controller = new AbortController();
  const entry = cache.acquire(binding, { wasm: '/m.wasm', signal: controller.signal });
  controller.abort(new Error('user gave up'));
  assert.equal(calls[0].options.signal.aborted, true);
  assert.equal(calls[0].options.signal.reason.message, 'user gave up');
  cache.release(entry);
});

test('a failed load is shared while held and loaded again after its release', async () => {
  const { load, calls } = fakeLoad();
  const cache = createCache(load);
  const a = cache.acquire(binding, { wasm: '/m.wasm' });
  calls[0].reject(new Error('load: cannot fetch /m.wasm: HTTP 404 Not Found'));
  await macrotask();
  assert.equal(a.status, 'error');
  assert.match(a.error.message, /HTTP 404/);
  assert.equal(a.api, null);
  const b = cache.acquire(binding, { wasm: '/m.wasm' });
  assert.equal(b, a, 'another user sees the same failure');
  assert.equal(calls.length, 1);
  cache.release(a);
  cache.release(b);
  // Forgotten at once, without waiting for a macrotask.
  assert.equal(cache.size, 0);
  const retry = cache.acquire(binding, { wasm: '/m.wasm' });
  assert.notEqual(retry, a);
  assert.equal(calls.length, 2);
  assert.equal(retry.status, 'loading');
  calls[1].resolve();
  await macrotask();
  assert.equal(retry.status, 'ready');
  cache.release(retry);
});

test('a rejection that is not an Error becomes one', async () => {
  const { load, calls } = fakeLoad();
  const cache = createCache(load);
  const entry = cache.acquire(binding, { wasm: '/m.wasm' });
  calls[0].reject('a string reason');
  await macrotask();
  assert.ok(entry.error instanceof Error);
  assert.equal(entry.error.message, 'a string reason');
  assert.equal(entry.error.cause, 'a string reason');
  cache.release(entry);
});

test('a load that throws synchronously is an error, not an exception from acquire', async () => {
  const cache = createCache(() => {
    throw new TypeError('bad binding');
  });
  const entry = cache.acquire(binding, { wasm: '/m.wasm' });
  await macrotask();
  assert.equal(entry.status, 'error');
  assert.equal(entry.error.message, 'bad binding');
  cache.release(entry);
});

test('progress reaches subscribers and the first user\'s onProgress; unsubscribe stops it', async () => {
  const { load, calls } = fakeLoad();
  const cache = createCache(load);
  const userProgress = [];
  const entry = cache.acquire(binding, { wasm: '/m.wasm', onProgress: (p) => userProgress.push(p.loaded) });
  const seenA = [];
  const seenB = [];
  const stopA = entry.subscribe(() => seenA.push(entry.progress));
  entry.subscribe(() => seenB.push(entry.snapshot));
  assert.equal(entry.progress, null);
  const { onProgress } = calls[0].options;
  onProgress({ loaded: 0, total: 100 });
  onProgress({ loaded: 60, total: 100 });
  stopA();
  onProgress({ loaded: 100, total: 100 });
  assert.deepEqual(seenA, [{ loaded: 0, total: 100 }, { loaded: 60, total: 100 }]);
  assert.deepEqual(userProgress, [0, 60, 100]);
  assert.deepEqual(entry.progress, { loaded: 100, total: 100 });
  calls[0].resolve();
  await macrotask();
  assert.equal(seenB.length, 4);
  // Snapshots are frozen and replaced, never changed in place.
  assert.notEqual(seenB[2], seenB[3]);
  assert.ok(Object.isFrozen(seenB[3]));
  assert.deepEqual(seenB[3], { status: 'ready', api: calls[0].api, error: null, progress: { loaded: 100, total: 100 } });
  cache.release(entry);
});

test('the key is the Go package, the module, the mode and the pool size', () => {
  const o = { wasm: '/m.wasm' };
  assert.equal(loadKey(binding, o), loadKey(binding, { ...o, size: 5, throttle: 0, onProgress() {} }));
  assert.equal(loadKey(binding, o), loadKey(binding, { ...o, mode: 'inline', workers: 8 }));
  assert.equal(loadKey(binding, { ...o, mode: 'worker' }), loadKey(binding, { ...o, mode: 'worker', workers: 3 }));
  assert.equal(loadKey(binding, { wasm: new URL('file:///m.wasm') }), loadKey(binding, { wasm: 'file:///m.wasm' }));
  const distinct = [
    loadKey(binding, o),
    loadKey(binding, { wasm: '/n.wasm' }),
    loadKey({ ...binding, goPackage: 'example.com/other' }, o),
    loadKey(binding, { ...o, mode: 'worker' }),
    loadKey(binding, { ...o, mode: 'pool' }),
    loadKey(binding, { ...o, mode: 'pool', workers: 2 }),
    loadKey(binding, { ...o, mode: 'pool', workers: 3 }),
  ];
  assert.equal(new Set(distinct).size, distinct.length);
  // Bytes and compiled modules are keyed by identity, not content.
  const bytes = new Uint8Array([0, 97, 115, 109]);
  assert.equal(loadKey(binding, { wasm: bytes }), loadKey(binding, { wasm: bytes }));
  assert.notEqual(loadKey(binding, { wasm: bytes }), loadKey(binding, { wasm: bytes.slice() }));
  assert.notEqual(loadKey(binding, { wasm: bytes }), loadKey(binding, {}));
  assert.doesNotThrow(() => loadKey(null, undefined));
});

test('release refuses what acquire did not return, and a second release', async () => {
  const { load } = fakeLoad();
  const cache = createCache(load);
  const entry = cache.acquire(binding, { wasm: '/m.wasm' });
  assert.throws(() => cache.release({}), /not an entry returned by acquire/);
  assert.throws(() => createCache(load).release(entry), /not an entry returned by acquire/);
  cache.release(entry);
  assert.throws(() => cache.release(entry), /released more often than it was acquired/);
});

// The Vue composable over the shared cache and the real load(), in Node:
// Vue's reactivity needs no DOM. The modules here fail to load, which
// needs no wasm build; successful loads are covered in Chromium.

/**
 * Resolves once go's status has left 'loading': a real load fails after a
 * compile or a file read, which a busy machine may not finish within one
 * macrotask (CI saw it). Rejects after 10 s.
 */
async function settled(go) {
  for (const deadline = Date.now() + 10_000; go.status.value === 'loading'; await macrotask()) {
    if (Date.now() > deadline) throw new Error('useGo stayed loading for 10 s');
  }
}

test('useGo (Vue) outside setup() or an effectScope throws', () => {
  assert.throws(() => useGo(binding, { wasm: new Uint8Array(8) }), /inside setup\(\) or an effectScope/);
});

test('useGo (Vue) reports a failed real load in its refs, and its scope end lets a retry load again', async () => {
  const wrongABI = { ...binding, abi: 999 };
  const options = { wasm: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]) };
  const scope = effectScope();
  const go = scope.run(() => useGo(wrongABI, options));
  assert.equal(go.status.value, 'loading');
  assert.equal(go.api.value, null);
  await settled(go);
  assert.equal(go.status.value, 'error');
  assert.match(go.error.value.message, /ABI 999/);
  assert.equal(go.api.value, null);
  scope.stop();
  // The failed entry was forgotten: a new user starts a new load.
  const again = effectScope();
  const retry = again.run(() => useGo(wrongABI, options));
  assert.equal(retry.status.value, 'loading');
  await settled(retry);
  assert.equal(retry.status.value, 'error');
  again.stop();
});

test('useGo (Vue) follows a ref of options to another module', async () => {
  // go: any class, so that load() reaches the module before it needs Go's wasm_exec.js.
  const options = ref({ wasm: new Uint8Array([1, 2, 3]), go: class {} }); // not WebAssembly
  const scope = effectScope();
  const go = scope.run(() => useGo(binding, options));
  await settled(go);
  assert.equal(go.status.value, 'error');
  assert.match(go.error.value.message, /not a valid WebAssembly module/);
  options.value = { wasm: 'file:///nonexistent/gowasm-test.wasm', go: class {} };
  await nextTick();
  assert.equal(go.status.value, 'loading', 'a new key starts a new load');
  assert.equal(go.error.value, null);
  await settled(go);
  assert.equal(go.status.value, 'error');
  assert.match(go.error.value.message, /cannot read file:\/\/\/nonexistent\/gowasm-test\.wasm/);
  scope.stop();
});

test('an instance preload() started is taken at acquire once ready: the entry starts ready, without a load', async () => {
  const { load, calls } = fakeLoad();
  const cache = createCache(load);
  const options = { wasm: '/held.wasm' };
  const key = loadKey(binding, options);
  assert.equal(cache.peek(key).status, 'loading', 'nothing held, nothing loaded');
  const api = { hello: () => 'preloaded' };
  let closed = 0;
  Object.defineProperty(api, 'close', { value: () => closed++ });
  await hold(key, {}, async () => api);
  const peeked = cache.peek(key);
  assert.equal(peeked.status, 'ready');
  assert.equal(peeked.api, api);
  assert.equal(cache.peek(key), peeked, 'the same object until it changes, as useSyncExternalStore needs');
  const entry = cache.acquire(binding, options);
  assert.equal(entry.status, 'ready');
  assert.equal(entry.api, api);
  assert.equal(calls.length, 0, 'no load started');
  assert.equal(cache.peek(key), entry.snapshot);
  cache.release(entry);
  await macrotask();
  assert.equal(closed, 1, 'the cache owns it now: its last release closes it');
  assert.equal(take(key), undefined, 'nothing is held any more');
});

test('a preloaded instance not taken within PRELOAD_KEEP_MS is closed', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const key = loadKey(binding, { wasm: '/unused.wasm' });
  let closed = 0;
  const api = {};
  Object.defineProperty(api, 'close', { value: () => closed++ });
  await hold(key, {}, async () => api);
  await Promise.resolve(); // hold's own then, which starts the timer
  t.mock.timers.tick(PRELOAD_KEEP_MS - 1);
  assert.equal(closed, 0);
  t.mock.timers.tick(1);
  assert.equal(closed, 1);
  assert.equal(take(key), undefined);
});
