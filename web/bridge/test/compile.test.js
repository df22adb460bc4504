// How loads of one URL share a download and a compile (compile.js),
// against a real HTTP server: what is shared and for how long, aborts of
// some or all of the loads, progress, and a progress callback that throws.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { compileModule, preloadModule as preload } from '../compile.js';

// The smallest valid module, sent in two halves with a pause between.
const MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const PAUSE_MS = 150;

let server;
let origin;
const requests = new Map(); // path → number of requests
const closedEarly = new Map(); // path → responses the client dropped before their end

before(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    res.writeHead(200, { 'Content-Type': 'application/wasm', 'Content-Length': String(MODULE.length) });
    res.write(MODULE.subarray(0, 4));
    const timer = setTimeout(() => res.end(MODULE.subarray(4)), PAUSE_MS);
    res.on('close', () => {
      if (!res.writableFinished) {
        clearTimeout(timer);
        closedEarly.set(path, (closedEarly.get(path) ?? 0) + 1);
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(() => server.close());

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

test('loads at once share one request and one module; a later load fetches again', async () => {
  const url = `${origin}/together.wasm`;
  const [a, b] = await Promise.all([compileModule(url, 'm', {}), compileModule(url, 'm', {})]);
  assert.equal(requests.get('/together.wasm'), 1);
  assert.equal(a.module, b.module);
  const c = await compileModule(url, 'm', {}); // same task: still shared
  assert.equal(c.module, a.module);
  await nextTask();
  const d = await compileModule(url, 'm', {});
  assert.equal(requests.get('/together.wasm'), 2, 'a compiled module is forgotten once used');
  assert.notEqual(d.module, a.module);
});

test('a preloaded module waits for the first load, then is forgotten', async () => {
  const url = `${origin}/preloaded.wasm`;
  await preload(url);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await preload(url); // a second preload, as a page's entry and its router may both call
  await new Promise((resolve) => setTimeout(resolve, 50));
  await compileModule(url, 'm', {});
  assert.equal(requests.get('/preloaded.wasm'), 1);
  await nextTask();
  await compileModule(url, 'm', {});
  assert.equal(requests.get('/preloaded.wasm'), 2);
});

test('a preload while a load compiles keeps the module for the next load', async () => {
  const url = `${origin}/inline-then-pool.wasm`;
  const inline = compileModule(url, 'm', {}); // a page's main-thread instance
  await preload(url); // its pool, which the page starts later
  const first = await inline;
  await nextTask();
  const pool = await compileModule(url, 'm', {});
  assert.equal(requests.get('/inline-then-pool.wasm'), 1);
  assert.equal(pool.module, first.module);
  await nextTask();
  await compileModule(url, 'm', {});
  assert.equal(requests.get('/inline-then-pool.wasm'), 2, 'forgotten once the load the preload announced came');
});

test('aborting one of two loads leaves the download to the other', async () => {
  const url = `${origin}/abort-one.wasm`;
  const controller = new AbortController();
  const aborted = compileModule(url, 'm', { signal: controller.signal });
  const kept = compileModule(url, 'm', {});
  setTimeout(() => controller.abort(), PAUSE_MS / 3); // mid-download
  await assert.rejects(aborted, { name: 'AbortError' });
  assert.ok((await kept).module instanceof WebAssembly.Module);
  assert.equal(requests.get('/abort-one.wasm'), 1);
  assert.equal(closedEarly.get('/abort-one.wasm'), undefined);
});

test('aborting every load stops the download, and the next load starts afresh', async () => {
  const url = `${origin}/abort-all.wasm`;
  const controllers = [new AbortController(), new AbortController()];
  const loads = controllers.map((c) => compileModule(url, 'm', { signal: c.signal }));
  setTimeout(() => controllers.forEach((c) => c.abort()), PAUSE_MS / 3);
  for (const l of loads) await assert.rejects(l, { name: 'AbortError' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(closedEarly.get('/abort-all.wasm'), 1, 'the response was dropped before its end');
  assert.ok((await compileModule(url, 'm', {})).module instanceof WebAssembly.Module);
  assert.equal(requests.get('/abort-all.wasm'), 2);
});

test('progress reaches each load once per event; a load that joins late gets the last event', async (t) => {
  const url = `${origin}/progress.wasm`;
  const seen = { a: [], b: [], late: [] };
  const one = (p) => seen.a.push(p.loaded);
  const a = compileModule(url, 'm', { onProgress: one });
  const b = compileModule(url, 'm', { onProgress: (p) => seen.b.push(p.loaded) });
  await Promise.all([a, b]);
  await compileModule(url, 'm', { onProgress: (p) => seen.late.push(p.loaded) }); // same task: shared, done
  assert.deepEqual(seen.a, [0, 4, 8]);
  assert.deepEqual(seen.b, [0, 4, 8]);
  assert.deepEqual(seen.late, [8]);

  // One callback given to two loads is called for each.
  const url2 = `${origin}/progress-twice.wasm`;
  const twice = [];
  await Promise.all([compileModule(url2, 'm', { onProgress: (p) => twice.push(p.loaded) }), compileModule(url2, 'm', { onProgress: (p) => twice.push(p.loaded) })]);
  assert.deepEqual(twice.sort(), [0, 0, 4, 4, 8, 8]);
  t.diagnostic(`events: ${JSON.stringify(seen)}`);
});

test('a progress callback that throws is reported and breaks no load', async (t) => {
  const reported = [];
  t.mock.method(console, 'error', (err) => reported.push(err));
  const url = `${origin}/throwing.wasm`;
  const results = await Promise.allSettled([
    compileModule(url, 'm', { onProgress: () => { throw new Error('a broken progress bar'); } }),
    compileModule(url, 'm', {}),
  ]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled']);
  assert.ok(reported.length > 0 && reported.every((e) => e.message === 'a broken progress bar'));
});
