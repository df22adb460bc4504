// The worker side of worker and pool modes: one Go instance that runs
// calls whose arguments the main thread has already checked and encoded.
// Messages are described in remote.js.

import { IDLE_MS, SLICE_MS, WorkerEnd } from './channel.js';
import { nodeModule } from './node.js';
import { Runtime } from './runtime.js';
import { GoBlockingError, GoExitError, GoTrapError, serializeError } from './errors.js';

const LOST = Symbol('a message that could not be deserialized');
const port = connect();
let runtime = null;
const running = new Map(); // call id → AbortController of a running async call
let channel = null; // the shared-memory channel (channel.js), if the main thread made one
let read = 0; // messages read since the channel came, an int32 that wraps as the channel's count does
let listening = false; // for the bell, from the event loop

port.listen((msg) => {
  if (channel !== null) read = (read + 1) | 0;
  if (Array.isArray(msg)) {
    const [id, index, fn, args] = msg;
    callSync(id, index, fn, args, null);
  } else if (msg !== LOST) {
    handle(msg);
  }
  serveChannel(); // once the worker is idle, and no message is left to read
});
port.post({ type: 'hello' });

function handle(msg) {
  switch (msg.type) {
    case 'prepare':
      glue = importGlue(msg.wasmExec);
      glue.catch(() => {}); // reported by start
      break;
    case 'start':
      if (msg.channel !== undefined) channel = new WorkerEnd(msg.channel);
      start(msg).then(
        () => {
          port.post({ type: 'ready', goVersion: runtime.goVersion });
          serveChannel();
        },
        (err) => port.post({ type: 'failed', error: serializeError(err) }),
      );
      break;
    case 'call':
      callAsync(msg);
      break;
    case 'cancel':
      running.get(msg.id)?.abort();
      break;
  }
}

let glue = null; // the import of wasm_exec.js, begun by 'prepare'

/** Defines globalThis.Go from the wasm_exec.js at url. */
async function importGlue(url) {
  if (typeof globalThis.Go === 'function') return;
  try {
    await importClassic(url);
  } catch (err) {
    throw new Error(`the worker cannot load wasm_exec.js from ${url}: ${err.message}`, { cause: err });
  }
  if (typeof globalThis.Go !== 'function') throw new Error(`${url} did not define Go; it is not Go's wasm_exec.js`);
}

async function start({ module, label }) {
  try {
    await glue;
  } catch (err) {
    throw new Error(`${label}: ${err.message}`, { cause: err.cause });
  }
  runtime = new Runtime(module, globalThis.Go, label);
  await runtime.start();
}

/**
 * Runs sync export index and sends its result: into the channel the call
 * came through, if any, when it fits there, else as a message.
 */
function callSync(id, index, fn, args, through) {
  try {
    const view = runtime.invoke(fn, index, args, (r) => r.buf); // a view of Go's memory until Go runs again
    if (through?.reply(view)) return;
    const result = view.slice();
    through?.posted(); // before the message, after which the main thread may write the next call
    port.post([id, result], [result.buffer]);
  } catch (err) {
    through?.posted();
    done(id, err);
  }
}

/**
 * Runs the calls that come through the channel, blocked on its bell
 * between them, while no async call runs and no message waits to be read.
 * After IDLE_MS without a call, or SLICE_MS of calls, it returns to the
 * event loop (Go's timers run there) and listens for the bell from it.
 */
function serveChannel() {
  if (channel === null || runtime === null || running.size > 0) return;
  const away = performance.now(); // from the event loop
  let last = away;
  for (;;) {
    const bell = channel.bell();
    if (channel.unread(read)) return; // the event loop delivers them, and each calls this again
    if (channel.called()) {
      const { id, index, fn, args } = channel.request();
      callSync(id, index, fn, args, channel);
      last = performance.now();
      if (last - away < SLICE_MS) continue;
    } else if (channel.wait(bell, IDLE_MS - (performance.now() - last))) {
      continue;
    }
    break;
  }
  listenForBell();
}

/** Listens for the bell from the event loop; serves again after one turn of it if a call or message waits. */
function listenForBell() {
  if (listening) return;
  listening = true;
  const bell = channel.bell(); // read before the checks, so that nothing slips between them and the wait
  if (channel.called() || channel.unread(read)) nextTurn();
  else channel.listen(bell, resume);
}

function resume() {
  listening = false;
  serveChannel();
}

let turn = null; // a MessageChannel from this worker to itself

/** resume() after one turn of the event loop: a message to itself, which no timer clamps. */
function nextTurn() {
  if (turn === null) {
    turn = new MessageChannel();
    turn.port1.onmessage = resume;
  }
  turn.port2.postMessage(null);
}

function callAsync({ id, fn, index, args, handles, throttle }) {
  const controller = new AbortController();
  running.set(id, controller);
  const batch = new Batch(id, throttle);
  const callbacks = handles.map((h, k) => (h instanceof Blob ? h : (bytes) => batch.add(k, bytes)));
  runtime.callAsync(fn, index, args, { signal: controller.signal }, (r) => r.buf, callbacks).then(
    (result) => {
      batch.flush();
      port.post({ type: 'done', id, result }, [result.buffer]);
    },
    (err) => {
      batch.flush();
      done(id, err);
    },
  ).finally(() => {
    running.delete(id);
    serveChannel();
  });
}

/**
 * Reports a failed call. After a Go exit, a blocking sync call or a trap
 * the worker asks to be replaced, so that a fresh thread (and memory)
 * serves the next call.
 */
function done(id, err) {
  const fatal = err instanceof GoExitError || err instanceof GoBlockingError || err instanceof GoTrapError;
  port.post({ type: 'done', id, error: serializeError(err), fatal });
}

/**
 * Callback invocations of one call, posted to the main thread at most
 * every `throttle` ms; within that window only the latest arguments of
 * each callback are kept (progress), and throttle 0 keeps them all.
 * Posting happens inside the callback when the window has passed, because
 * a CPU-bound Go call never lets a timer run until it returns.
 */
class Batch {
  constructor(id, throttle) {
    this.id = id;
    this.throttle = throttle;
    this.pending = [];
    this.last = -Infinity;
    this.timer = null;
  }

  add(k, bytes) {
    if (this.throttle > 0) this.pending = this.pending.filter(([j]) => j !== k);
    this.pending.push([k, bytes]);
    const wait = this.last + this.throttle - performance.now();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  flush() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.last = performance.now();
    port.post({ type: 'callbacks', id: this.id, batch }, batch.map(([, bytes]) => bytes.buffer));
  }
}

/**
 * The message port to the main thread, in browsers and in Node. A message
 * that cannot be deserialized arrives as LOST, so that it counts as read.
 */
function connect() {
  if (typeof WorkerGlobalScope === 'function' && globalThis instanceof WorkerGlobalScope) {
    return {
      post: (msg, transfer) => globalThis.postMessage(msg, transfer),
      listen(f) {
        globalThis.addEventListener('message', (e) => f(e.data));
        globalThis.addEventListener('messageerror', () => f(LOST));
      },
    };
  }
  const { parentPort } = nodeModule('node:worker_threads');
  return {
    post: (msg, transfer) => parentPort.postMessage(msg, transfer),
    listen(f) {
      parentPort.on('message', f);
      parentPort.on('messageerror', () => f(LOST));
    },
  };
}

/**
 * Runs Go's wasm_exec.js, a classic script, in this worker: with
 * importScripts in a classic worker (bundlers' default worker format),
 * with import() in a module worker (which refuses importScripts) and in
 * Node.
 */
async function importClassic(url) {
  if (typeof importScripts === 'function') {
    try {
      importScripts(url);
      return;
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
    }
  }
  await import(/* @vite-ignore */ /* webpackIgnore: true */ url);
}
