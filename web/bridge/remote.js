// Worker and pool modes: the main-thread side. The generated binding
// checks and encodes arguments here, exactly as inline, and a Pool of
// workers (worker.js), each with its own Go instance, runs the calls.
//
// Where the page can share memory, each worker also has a channel
// (channel.js) through which sync calls cross without messages; those
// that do not fit in it, and everything else, are messages.
//
// Messages, main → worker:
//   {type: 'prepare', wasmExec}             import wasm_exec.js now
//   {type: 'start', module, label, channel} instantiate the compiled module;
//       channel: the SharedArrayBuffer of its channel, or undefined
//   [id, index, fn, args]                   run sync export index
//   {type: 'call', id, fn, index, args, handles, throttle}   start an async one
//       args: the encoded arguments (transferred); handles: per callback
//       parameter {callback: true}, per Reader parameter its Blob
//   {type: 'cancel', id}                    abort a running async call
// worker → main:
//   {type: 'hello'}                         listening; send start
//   {type: 'ready', goVersion} | {type: 'failed', error}
//   {type: 'callbacks', id, batch: [[callback index, encoded arguments]...]}
//   [id, result]                            a sync export's result (one sent
//       through the channel whose result does not fit there comes so too)
//   {type: 'done', id, result | error, fatal}   fatal: replace this worker

import { Checks, prefixed } from './runtime.js';
import { GoWorkerError, reviveError } from './errors.js';
import { Reader, Writer } from './codec.js';
import { signals } from './values.js';
import { nodeModule } from './node.js';
import { imports, mark } from './compile.js';
import defaultWorkerURL from './worker-url.js';

/** The runtime a remote binding drives: every call goes to the pool. */
export class RemoteRuntime extends Checks {
  constructor(pool) {
    super();
    this.pool = pool;
  }

  // Each call's Writer is transferred to a worker with its bytes, so none is reused.
  acquire() {
    return new Writer();
  }

  release() {}

  callSync(fn, index, args, options, decode) {
    return this.submit(fn, true, index, args, options, decode, NO_HANDLES);
  }

  callAsync(fn, index, args, options, decode, handles) {
    return this.submit(fn, false, index, args, options, decode, handles);
  }

  submit(fn, sync, index, args, options, decode, handles) {
    const { signal, throttle, error } = this.callOptions(fn, options);
    if (error !== undefined) return Promise.reject(error);
    if (signals.aborted(signal)) return Promise.reject(signals.reason(signal));
    const pool = this.pool;
    if (pool.closed) return Promise.reject(new Error(`${fn}: the API was closed`));
    return new Promise((resolve, reject) => {
      pool.submit(new RemoteCall(pool, fn, sync, index, args, handles, throttle ?? pool.throttle, signal, decode, resolve, reject));
    });
  }
}

const NO_HANDLES = Object.freeze([]);

/**
 * One call on its way to a worker and back. A class rather than closures:
 * the round trip of a small call is tens of microseconds, and what it
 * allocates shows in its slowest percentiles.
 */
class RemoteCall {
  constructor(pool, fn, sync, index, args, handles, throttle, signal, decode, resolve, reject) {
    this.id = pool.nextCall++;
    this.fn = fn;
    this.sync = sync;
    this.index = index;
    this.args = args;
    this.handles = handles;
    this.throttle = throttle;
    this.signal = signal;
    this.decode = decode;
    this.resolve = resolve;
    this.reject = reject;
    this.thrown = undefined; // what a callback threw
    this.settled = false;
    this.onAbort = null;
    if (signal !== undefined) {
      this.onAbort = () => pool.abort(this, signals.reason(signal));
      signals.listen(signal, this.onAbort);
    }
  }

  settle() {
    this.settled = true;
    if (this.onAbort !== null) signals.unlisten(this.signal, this.onAbort);
  }

  fail(err) {
    if (this.settled) return;
    this.settle();
    this.reject(err);
  }

  succeed(bytes) {
    if (this.settled) return;
    this.settle();
    if (this.thrown !== undefined) {
      this.reject(this.thrown); // a callback threw
      return;
    }
    try {
      this.resolve(this.decode(new Reader(bytes)));
    } catch (err) {
      this.reject(prefixed(this.fn, err));
    }
  }

  deliver(k, bytes) {
    if (this.settled) return;
    try {
      this.handles[k](bytes);
    } catch (err) {
      this.thrown ??= err;
    }
  }
}

/**
 * N workers, each running one call at a time. A call goes to the worker
 * that has been idle longest, or waits in a queue on this thread until
 * one is free, so that an aborted queued call never reaches Go.
 */
export class Pool {
  /**
   * @param {object} o
   * @param {Promise<{module: WebAssembly.Module, label: string}>} o.compiling
   *   the module, compiled once for every worker
   * @param {string} o.name the Go package, for marks
   * @param {number} o.size number of workers
   * @param {string} o.wasmExec URL of Go's wasm_exec.js, for the workers to import
   * @param {string|URL} [o.worker] URL of worker.js
   * @param {number} o.throttle default ms between callback deliveries
   * @param {boolean} o.sharedMemory sync calls through channels, where the page can share memory
   */
  constructor({ compiling, name, size, wasmExec, worker, throttle, sharedMemory }) {
    this.compiling = compiling;
    this.module = null;
    this.label = name;
    this.name = name;
    this.wasmExec = wasmExec;
    this.workerURL = worker ?? defaultWorkerURL;
    this.throttle = throttle;
    this.queue = [];
    this.slots = [];
    this.nextCall = 1;
    this.closed = false;
    this.size = size;
    // channel.js, loaded only where it is used, while the module compiles.
    this.channels = sharedMemory && canShareMemory() ? importChannels(name) : null;
    this.CallerEnd = null; // channel.js's, once loaded: each started worker gets a channel
  }

  /**
   * Starts every worker at once, while the module compiles; resolves when
   * all are ready, rejects with the first failure.
   */
  async start(signal) {
    const aborted = new Promise((_, reject) => {
      if (signal?.aborted) reject(signal.reason);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    const starting = [];
    for (let i = 0; i < this.size; i++) {
      const slot = { index: i, worker: null, channel: null, call: null, ready: false, idleSince: 0 };
      this.slots.push(slot);
      starting.push(this.spawn(slot));
    }
    const compiled = Promise.all([this.compiling, this.channels]).then(([{ module, label }, channels]) => {
      if (imports(module, 'wasi_snapshot_preview1')) {
        throw new Error(`${label} is a WASI module (gowasm module -target wasip1): it runs inline, in Node; worker and pool modes need a GOOS=js module`);
      }
      if (this.closed) return; // aborted, or a worker failed: no channel for a terminated worker
      this.CallerEnd = channels?.CallerEnd ?? null;
      this.module = module;
      this.label = label;
      for (const slot of this.slots) if (slot.hello) this.send(slot);
    });
    try {
      await Promise.race([Promise.all([compiled, ...starting]), aborted]);
    } catch (err) {
      this.close();
      throw err;
    }
  }

  /**
   * Starts a worker in slot; resolves when its Go program is ready. The
   * worker imports wasm_exec.js as soon as it runs, and gets the module
   * once it has compiled.
   */
  async spawn(slot) {
    // Nothing to await between new Worker and listen: a worker's first
    // message (hello) reaches only the listeners it finds (a pool never
    // started when it waited here for channel.js, which came after it).
    const worker = spawnWorker(this.workerURL);
    slot.worker = worker;
    slot.channel = null; // made by send
    slot.ready = false;
    slot.hello = false;
    await new Promise((resolve, reject) => {
      worker.listen(
        (msg) => {
          if (slot.worker !== worker) return; // a replaced worker's last words
          switch (msg.type) {
            case 'hello':
              slot.hello = true;
              worker.post({ type: 'prepare', wasmExec: this.wasmExec });
              if (this.module !== null) this.send(slot);
              break;
            case 'ready':
              slot.ready = true;
              slot.idleSince = performance.now();
              mark('gowasm:worker-ready', this.name, this.label, { worker: slot.index });
              resolve();
              this.pump();
              break;
            case 'failed':
              reject(reviveError(msg.error));
              break;
            default:
              this.onMessage(slot, msg);
          }
        },
        (detail) => {
          if (slot.worker !== worker) return;
          if (!slot.ready) {
            reject(new Error(`${this.label}: the worker failed to start (${detail}); check that ${urlText(this.workerURL)} is served`));
            return;
          }
          this.replace(slot, (fn) => new GoWorkerError(fn, detail));
        },
      );
    });
  }

  /** Hands the compiled module, and a new channel if any, to the worker of slot, to instantiate. */
  send(slot) {
    slot.channel = this.CallerEnd === null ? null : new this.CallerEnd();
    slot.worker.post({ type: 'start', module: this.module, label: this.label, channel: slot.channel?.buffer });
  }

  /** Posts a message to the started worker of slot, waking it if it waits on its channel. */
  post(slot, msg, transfer) {
    slot.channel?.announce();
    slot.worker.post(msg, transfer);
  }

  onMessage(slot, msg) {
    const call = slot.call;
    if (Array.isArray(msg)) {
      // [id, result]: a sync call's result, the hot path without a channel.
      if (call === null || call.id !== msg[0]) return; // a call aborted since
      this.answered(slot, call, msg[1]);
      return;
    }
    if (call === null || call.id !== msg.id) return; // a call aborted since
    if (msg.type === 'callbacks') {
      for (const [k, bytes] of msg.batch) call.deliver(k, bytes);
      return;
    }
    slot.call = null;
    slot.idleSince = performance.now();
    if (msg.error !== undefined) call.fail(reviveError(msg.error));
    else call.succeed(msg.result);
    if (msg.fatal) this.replace(slot, null);
    else this.pump();
  }

  /**
   * Terminates the worker of slot and starts a fresh one; its running
   * call, if any, fails with error(fn).
   */
  replace(slot, error) {
    slot.channel?.close();
    slot.worker.terminate();
    slot.ready = false;
    const call = slot.call;
    slot.call = null;
    if (call !== null && error !== null) call.fail(error(call.fn));
    if (this.closed) return;
    this.spawn(slot).catch((err) => {
      // The module started before, so this is unexpected: fail what waits
      // if no worker is left to serve it.
      console.error(`${this.label}: a replacement worker failed to start:`, err);
      if (this.slots.every((s) => !s.ready)) this.failAll(() => err);
    });
  }

  /** Queues a RemoteCall, which settles with what Go returned. */
  submit(call) {
    this.queue.push(call);
    this.pump();
  }

  abort(call, reason) {
    if (call.settled) return;
    const queued = this.queue.indexOf(call);
    if (queued >= 0) {
      this.queue.splice(queued, 1); // never reaches Go
      call.fail(reason);
      return;
    }
    const slot = this.slots.find((s) => s.call === call);
    call.fail(reason);
    if (slot === undefined) return;
    if (call.sync) {
      // A sync export cannot be interrupted: stop its thread.
      this.replace(slot, null);
    } else {
      // Go's context is cancelled; the worker stays busy until the export returns.
      this.post(slot, { type: 'cancel', id: call.id });
    }
  }

  /** Starts queued calls on idle workers, longest idle first. */
  pump() {
    while (this.queue.length > 0) {
      let slot = null;
      for (const s of this.slots) {
        if (s.ready && s.call === null && (slot === null || s.idleSince < slot.idleSince)) slot = s;
      }
      if (slot === null) return;
      const call = this.queue.shift();
      slot.call = call;
      if (call.sync && slot.channel?.send(call.id, call.index, call.fn, call.args)) {
        // The hot path: no message either way.
        slot.channel.whenAnswered(call.id, (result) => {
          // null: the outcome comes as a message, or the worker was terminated.
          if (result !== null && slot.call === call) this.answered(slot, call, result);
        });
      } else if (call.sync) {
        // An array clones faster than an object.
        this.post(slot, [call.id, call.index, call.fn, call.args], [call.args.buffer]);
      } else {
        const handles = call.handles.map((h) => (typeof h === 'function' ? { callback: true } : h));
        this.post(
          slot,
          { type: 'call', id: call.id, fn: call.fn, index: call.index, args: call.args, handles, throttle: call.throttle },
          [call.args.buffer],
        );
      }
      call.args = null;
    }
  }

  /** Settles the sync call that slot ran with its encoded result, and starts the next. */
  answered(slot, call, result) {
    slot.call = null;
    slot.idleSince = performance.now();
    call.succeed(result);
    this.pump();
  }

  failAll(error) {
    for (const call of this.queue) call.fail(error(call.fn));
    this.queue = [];
    for (const slot of this.slots) {
      slot.call?.fail(error(slot.call.fn));
      slot.call = null;
    }
  }

  /** Terminates every worker; pending and later calls reject. */
  close() {
    if (this.closed) return;
    this.closed = true;
    this.failAll((fn) => new Error(`${fn}: the API was closed`));
    for (const slot of this.slots) {
      slot.channel?.close();
      slot.worker?.terminate();
    }
  }
}

/**
 * Whether this thread can share memory with its workers and await it:
 * in a cross-origin isolated page (SharedArrayBuffer is defined only
 * there) and in Node, where Atomics.waitAsync is.
 */
function canShareMemory() {
  return typeof SharedArrayBuffer === 'function' && typeof Atomics.waitAsync === 'function' && globalThis.crossOriginIsolated !== false;
}

/**
 * channel.js, or null where it does not load (a chunk a new deployment
 * removed from under an open page, a Content-Security-Policy): the pool
 * then works by message, as where memory cannot be shared, and says so.
 */
function importChannels(name) {
  return import('./channel.js').catch((err) => {
    console.warn(`${name}: worker calls go by message: the bridge's channel.js did not load (${err?.message ?? err})`);
    return null;
  });
}

function urlText(url) {
  return url instanceof URL ? url.href : String(url);
}

/**
 * Starts a module worker: a Web Worker in browsers, a worker thread in
 * Node. listen(onMessage, onDeath) reports messages and the thread's death.
 */
function spawnWorker(url) {
  if (typeof Worker === 'function') {
    const worker = new Worker(url, { type: 'module', name: 'gowasm' });
    return {
      post: (msg, transfer) => worker.postMessage(msg, transfer),
      terminate: () => worker.terminate(),
      listen(onMessage, onDeath) {
        worker.addEventListener('message', (e) => onMessage(e.data));
        worker.addEventListener('error', (e) => {
          e.preventDefault();
          onDeath(e.message || 'an error event without a message, e.g. out of memory');
        });
        worker.addEventListener('messageerror', () => onDeath('a message could not be deserialized'));
      },
    };
  }
  const threads = nodeModule('node:worker_threads');
  if (threads === undefined) throw new Error('load: worker and pool modes need Web Workers, or Node 20.16 or later');
  const worker = new threads.Worker(url instanceof URL ? url : new URL(url)); // a file: URL string is no path to Node
  let terminated = false;
  return {
    post: (msg, transfer) => worker.postMessage(msg, transfer),
    terminate: () => {
      terminated = true;
      worker.terminate();
    },
    listen(onMessage, onDeath) {
      worker.on('message', onMessage);
      worker.on('error', (err) => onDeath(err.message));
      worker.on('exit', (code) => terminated || onDeath(`its thread exited with code ${code}`));
    },
  };
}
