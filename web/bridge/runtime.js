// The runtimes that generated bindings drive. Checks holds what every
// call needs to check and encode its arguments; Runtime runs a Go
// instance on this thread (inline mode, and inside each worker). Short
// member names (x, f, n) are read on every call by generated code;
// everything else is internal to @gowasm/bridge.

import { Reader, Writer, decodeUTF8, utf8Encoder } from './codec.js';
import { GoBlockingError, GoError, GoExitError, GoPanicError } from './errors.js';

// Must match wasmbridge/serve_js.go (ABI, handshake) and wasmbridge/call.go (states, frame).
export const ABI = 2;
const HANDSHAKE = '__gowasm_handshake';
const STATE_OK = 0;
const STATE_RUNNING = 1;
const STATE_ERROR = 2;
const STATE_PANIC = 3;
const FRAME_WORDS = 7;

/** Argument checks and encoding, shared by the inline and remote runtimes. */
export class Checks {
  constructor() {
    this.writers = []; // idle Writers; a call takes one while it encodes
  }

  /** A Writer for one call's arguments; nested calls get their own. */
  acquire() {
    return this.writers.pop() ?? new Writer();
  }

  release(w) {
    // Keep small buffers only: one huge argument should not pin memory.
    if (w.buf.length <= 1 << 20 && this.writers.length < 4) this.writers.push(w.reset());
  }

  /** True for a plain object, the JavaScript form of map[string]V. */
  isRecord(v) {
    if (typeof v !== 'object' || v === null) return false;
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  }

  /** A reader over encoded bytes, for callback arguments. */
  read(bytes) {
    return new Reader(bytes);
  }

  /**
   * Checks the options object of a call; returns its signal. Errors are
   * returned, not thrown, for the caller's Promise to reject with.
   */
  callOptions(fn, options) {
    if (options === undefined) return {};
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      return { error: new TypeError(`${fn}: the last argument must be an options object such as { signal }, got ${show(options)}`) };
    }
    const { signal } = options;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      return { error: new TypeError(`${fn}: options.signal must be an AbortSignal, got ${show(signal)}`) };
    }
    return { signal };
  }

  /** Throws the TypeError for a wrong number of arguments. */
  arity(fn, expected, got) {
    throw new TypeError(`${fn}: expects ${expected} argument${expected === '1' ? '' : 's'}, got ${got}`);
  }

  /** Throws the TypeError or RangeError for a parameter that failed its check. */
  bad(fn, param, value, kind) {
    const [jsType, description] = KINDS[kind] ?? [kind, `a ${kind}`];
    const where = `${fn}: parameter "${param}"`;
    if ((typeof value === 'string' && value.length > MAX_STRING) || (ArrayBuffer.isView(value) && value.byteLength > MAX_BYTES)) {
      throw new RangeError(`${where} is too large for one call (at most ${MAX_BYTES} bytes); pass it in parts`);
    }
    if (kind === 'key') {
      throw new TypeError(`${where}: the key is not well-formed Unicode (it has a lone surrogate)`);
    }
    if (kind === 'record' && typeof value === 'object' && value !== null) {
      throw new TypeError(`${where} must be a plain object (Go map[string]V), got ${show(value)}`);
    }
    if (jsType === 'string' && typeof value === 'string') {
      throw new TypeError(`${where} is not well-formed Unicode (it has a lone surrogate), so it has no UTF-8 form for Go`);
    }
    if (typeof value === jsType && jsType !== 'object') {
      throw new RangeError(`${where} must be ${description}, got ${show(value)}`);
    }
    if (ArrayBuffer.isView(value) && this.detached(value)) {
      throw new TypeError(`${where} is a ${value.constructor.name} over a detached ArrayBuffer (it was transferred)`);
    }
    throw new TypeError(`${where} must be ${description}, got ${show(value)}`);
  }

  /** True when a zero-length TypedArray has a detached buffer. */
  detached(a) {
    if (a.length !== 0) return false;
    if (typeof a.buffer.detached === 'boolean') return a.buffer.detached;
    try {
      new Uint8Array(a.buffer);
      return false;
    } catch {
      return true;
    }
  }
}

export class Runtime extends Checks {
  /**
   * @param {WebAssembly.Module} module
   * @param {typeof globalThis.Go} GoClass the class from the toolchain's wasm_exec.js
   * @param {string} label what to call the module in errors (its URL or package)
   */
  constructor(module, GoClass, label) {
    super();
    this.module = module;
    this.Go = GoClass;
    this.label = label;
    this.n = 0; // byte length written by the last put* call
    this.calls = new Map(); // id → pending async call
    this.nextCall = 1;
    this.exportNames = WebAssembly.Module.exports(module)
      .filter((e) => e.kind === 'function')
      .map((e) => e.name);
  }

  /** Starts the Go program; resolves once main has parked in wasmbridge.Serve. */
  async start() {
    const go = new this.Go();
    this.checkGlue(go);
    const instance = await WebAssembly.instantiate(this.module, go.importObject);
    this.run(go, instance);
  }

  /** Starts a fresh instance synchronously, after a blocked call or an exit. */
  restart() {
    const go = new this.Go();
    this.run(go, new WebAssembly.Instance(this.module, go.importObject));
  }

  /**
   * wasm_exec.js and the Go runtime change together: a glue from another
   * Go release lacks functions the module imports (Go 1.21 even renamed
   * the import module). Name them, instead of WebAssembly's LinkError.
   */
  checkGlue(go) {
    const glue = go.importObject ?? {};
    const missing = WebAssembly.Module.imports(this.module)
      .filter((i) => typeof glue[i.module]?.[i.name] !== 'function' && !(glue[i.module]?.[i.name] instanceof WebAssembly.Memory))
      .map((i) => `${i.module}.${i.name}`);
    if (missing.length > 0) {
      const shown = missing.slice(0, 3).join(', ') + (missing.length > 3 ? ` and ${missing.length - 3} more` : '');
      throw new Error(
        `${this.label}: wasm_exec.js does not match the Go release that built the module: the module imports ${shown}, ` +
          'which this wasm_exec.js does not provide. Serve the wasm_exec.js of the same Go toolchain, from $(go env GOROOT)/lib/wasm/',
      );
    }
  }

  run(go, instance) {
    let ready = null;
    globalThis[HANDSHAKE] = (r) => { ready = r; };
    go.exit = (code) => { go.exitCode = code; };
    try {
      // go.run is async, but its synchronous part runs main until it parks.
      go.run(instance).then(() => this.onExit(go));
    } finally {
      delete globalThis[HANDSHAKE];
    }
    if (go.exited) {
      throw new GoExitError(this.label, go.exitCode ?? 0, ' during initialization, before wasmbridge.Serve');
    }
    if (ready === null) {
      throw new Error(`${this.label}: main did not call wasmbridge.Serve; build the module from the main package generated by gowasm bind`);
    }
    if (ready.abi !== ABI) {
      throw new Error(`${this.label}: the module speaks wasmbridge ABI ${ready.abi}, this @gowasm/bridge speaks ${ABI}; regenerate it with a matching gowasm`);
    }
    this.go = go;
    this.x = instance.exports;
    this.memory = instance.exports.mem;
    this.dispatch = ready.call;
    this.cancel = ready.cancel;
    this.exposed = ready.exposed;
    this.goVersion = ready.goVersion;
    this.frameAddress = this.x.gowasm__frame();
    this.refresh();
  }

  /** Views on linear memory go stale when Go grows it; make fresh ones. */
  refresh() {
    const buffer = this.memory.buffer;
    this.u8 = new Uint8Array(buffer);
    this.f = new Uint32Array(buffer, this.frameAddress, FRAME_WORDS);
  }

  memoryU8() {
    if (this.u8.length === 0) this.refresh(); // a grown memory detaches the old buffer
    return this.u8;
  }

  // ---- the sync path ------------------------------------------------------

  /**
   * Called by generated code when word 0 of the call frame is not STATE_OK
   * (or the frame view went stale). Returns normally when the call succeeded.
   */
  settle(fn) {
    if (this.go.exited) this.died(fn);
    this.refresh();
    switch (this.f[0]) {
      case STATE_OK:
        return;
      case STATE_RUNNING:
        this.kill();
        throw new GoBlockingError(fn);
      case STATE_ERROR:
        throw new GoError(fn, this.text(3));
      case STATE_PANIC:
        throw new GoPanicError(fn, this.text(3), this.text(5));
      default:
        throw new Error(`${fn}: corrupt call frame (state ${this.f[0]})`);
    }
  }

  /** An error message or stack from Go; invalid UTF-8 is replaced, not fatal. */
  text(word) {
    const ptr = this.f[word];
    return lenientDecoder.decode(this.memoryU8().subarray(ptr, ptr + this.f[word + 1]));
  }

  /** Throws the GoExitError for a Go program that exited during fn. */
  died(fn) {
    const code = this.go.exitCode ?? 2;
    this.kill();
    throw new GoExitError(fn, code);
  }

  /** Decodes the encoded result of the last call with f(reader). */
  decode(fn, f) {
    const ptr = this.f[1];
    try {
      return f(new Reader(this.memoryU8().subarray(ptr, ptr + this.f[2])));
    } catch (err) {
      throw prefixed(fn, err);
    }
  }

  /** The string result of the last call. */
  str(fn) {
    const ptr = this.f[1];
    const n = this.f[2];
    if (n === 0) return '';
    try {
      return decodeUTF8(this.memoryU8().subarray(ptr, ptr + n));
    } catch (err) {
      throw prefixed(fn, err);
    }
  }

  /** The TypedArray result of the last call, copied out of Go memory. */
  nums(Ctor) {
    // Copying into a fresh array measured 2-3x faster than slice() on a
    // view of wasm memory (Node 20, Chromium 156).
    const ptr = this.f[1];
    const bytes = this.f[2];
    const out = new Ctor(bytes / Ctor.BYTES_PER_ELEMENT);
    new Uint8Array(out.buffer).set(this.memoryU8().subarray(ptr, ptr + bytes));
    return out;
  }

  /** Writes s into Go memory; returns its address, its byte length in this.n. */
  putStr(s, fn) {
    if (s.length === 0) {
      this.n = 0;
      return 0;
    }
    const cap = s.length * 3;
    const ptr = this.alloc(cap, fn);
    this.n = utf8Encoder.encodeInto(s, this.memoryU8().subarray(ptr, ptr + cap)).written;
    return ptr;
  }

  /** Copies a TypedArray into Go memory; returns its address. */
  putNums(a, fn) {
    const n = a.byteLength;
    if (n === 0) return 0;
    const ptr = this.alloc(n, fn);
    this.memoryU8().set(new Uint8Array(a.buffer, a.byteOffset, n), ptr);
    return ptr;
  }

  /** Copies encoded bytes into Go memory; returns the address, length in this.n. */
  putBytes(bytes, fn) {
    this.n = bytes.length;
    if (bytes.length === 0) return 0;
    const ptr = this.alloc(bytes.length, fn);
    this.memoryU8().set(bytes, ptr);
    return ptr;
  }

  /** Allocates a parameter buffer in Go; Go may die of it (out of memory). */
  alloc(size, fn) {
    if (this.closed) throw new Error(`${fn}: the API was closed`);
    const ptr = this.x.gowasm__alloc(size);
    if (this.go.exited) this.died(fn);
    return ptr;
  }

  /**
   * Runs sync export number index from encoded arguments, the path of
   * worker and pool modes; returns a copy of its encoded result.
   */
  invoke(fn, index, args) {
    const ptr = this.putBytes(args, fn);
    this.x.gowasm__invoke(index, ptr, this.n);
    if (this.f[0] !== STATE_OK) this.settle(fn); // also when the view went stale
    const at = this.f[1];
    return this.memoryU8().slice(at, at + this.f[2]);
  }

  // ---- the async path -----------------------------------------------------

  /**
   * Starts async export number index with encoded arguments; resolves with
   * decode(reader) of the result.
   */
  callAsync(fn, index, args, options, decode, callbacks) {
    const { signal, error } = this.callOptions(fn, options);
    if (error !== undefined) return Promise.reject(error);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.closed) return Promise.reject(new Error(`${fn}: the API was closed`));
    if (this.go.exited) this.restart();
    return new Promise((resolve, reject) => {
      const id = this.nextCall++;
      const call = { fn, reject, done: false, thrown: undefined };
      const finish = () => {
        call.done = true;
        this.calls.delete(id);
        signal?.removeEventListener('abort', onAbort);
      };
      call.finish = finish;
      const onAbort = () => {
        if (call.done) return;
        finish();
        this.cancel(id);
        reject(signal.reason);
      };
      const settle = (state, payload, stack) => {
        if (call.done) return;
        finish();
        if (call.thrown !== undefined) {
          reject(call.thrown); // a callback threw: that is the call's failure
        } else if (state === STATE_OK) {
          try {
            resolve(decode(new Reader(payload)));
          } catch (err) {
            reject(prefixed(fn, err));
          }
        } else if (state === STATE_ERROR) {
          reject(new GoError(fn, payload));
        } else {
          reject(new GoPanicError(fn, payload, stack));
        }
      };
      // Remember the first exception a callback throws; Go carries on.
      // Handles that are not functions (a Blob for a Reader) pass as they are.
      const guarded = callbacks.map((cb) => typeof cb !== 'function' ? cb : (bytes) => {
        try {
          cb(bytes);
        } catch (err) {
          if (call.thrown === undefined) call.thrown = err;
          throw err;
        }
      });
      this.calls.set(id, call);
      signal?.addEventListener('abort', onAbort);
      this.dispatch(index, id, args, settle, ...guarded);
    });
  }

  // ---- instance faults ----------------------------------------------------

  /** The Go program of go exited: fail its pending calls. */
  onExit(go) {
    if (go !== this.go) return;
    this.failPending((fn) => new GoExitError(fn, go.exitCode ?? 0));
    this.deferRestart();
  }

  /**
   * Abandons the current instance (its Go stack is no longer sound) and
   * makes the next call start a fresh one.
   */
  kill() {
    const go = this.go;
    for (const timer of go._scheduledTimeouts.values()) clearTimeout(timer);
    go._scheduledTimeouts.clear();
    go._resume = () => {};
    go.exited = true;
    this.failPending((fn) => new GoExitError(fn, 'none', ': its instance was restarted after a blocking call'));
    this.deferRestart();
  }

  failPending(makeError) {
    for (const call of this.calls.values()) {
      call.finish();
      call.reject(makeError(call.fn));
    }
    this.calls.clear();
  }

  /**
   * Ends the Go program for good: pending calls reject, later calls throw.
   * pkg is the Go package name, to name exports in errors.
   */
  close(pkg) {
    if (this.closed) return;
    this.closed = true;
    this.failPending((fn) => new Error(`${fn}: the API was closed`));
    this.kill();
    // Shims are named gowasm_<JavaScript name> (see gowasm bind).
    this.swapExports((name) => () => {
      throw new Error(`${pkg}.${name.replace(/^gowasm_/, '')}: the API was closed`);
    });
  }

  /** Swaps in exports that restart the instance on first use. */
  deferRestart() {
    this.swapExports((name) => (...args) => {
      this.restart();
      return this.x[name](...args);
    });
  }

  /** Replaces every export of the instance with stand-in(name). */
  swapExports(standIn) {
    this.x = Object.fromEntries(this.exportNames.map((name) => [name, standIn(name)]));
  }
}

// Lengths cross as int32: a parameter holds at most 2 GiB - 1 bytes, and
// a string at most a third of that in UTF-16 code units (3 bytes each).
const MAX_BYTES = 0x7fffffff;
const MAX_STRING = Math.floor(MAX_BYTES / 3);

const lenientDecoder = new TextDecoder();

/** Puts the export's name in front of an error raised while decoding its result. */
export function prefixed(fn, err) {
  if (err instanceof Error && !err.message.startsWith(fn)) err.message = `${fn}: ${err.message}`;
  return err;
}

const KINDS = {
  bool: ['boolean', 'a boolean'],
  int8: ['number', 'an integer in [-128, 127] (Go int8)'],
  uint8: ['number', 'an integer in [0, 255] (Go uint8)'],
  int16: ['number', 'an integer in [-32768, 32767] (Go int16)'],
  uint16: ['number', 'an integer in [0, 65535] (Go uint16)'],
  int32: ['number', 'an integer in [-2147483648, 2147483647] (Go int32)'],
  uint32: ['number', 'an integer in [0, 4294967295] (Go uint32)'],
  int: ['number', 'a safe integer (Go int); use int64 in Go for a bigint'],
  uint: ['number', 'a non-negative safe integer (Go uint)'],
  int64: ['bigint', 'a bigint in [-2n**63n, 2n**63n-1n] (Go int64)'],
  uint64: ['bigint', 'a bigint in [0n, 2n**64n-1n] (Go uint64)'],
  float32: ['number', 'a number within ±3.4028234663852886e38 (Go float32)'],
  float64: ['number', 'a number'],
  string: ['string', 'a string'],
  object: ['object', 'an object'],
  record: ['object', 'a plain object'],
  array: ['object', 'an array'],
  function: ['function', 'a function'],
  Uint8Array: ['object', 'a Uint8Array or Uint8ClampedArray'],
};

function show(v) {
  switch (typeof v) {
    case 'string':
      return v.length > 40 ? `a string of length ${v.length}` : JSON.stringify(v);
    case 'bigint':
      return `${v}n`;
    case 'object':
      if (v === null) return 'null';
      if (Array.isArray(v)) return `an array of length ${v.length}`;
      return `a ${v.constructor?.name ?? 'object'}`;
    case 'function':
      return 'a function';
    case 'undefined':
      return 'undefined';
    default:
      return String(v);
  }
}
