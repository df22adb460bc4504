// The runtimes that generated bindings drive. Checks holds what every
// call needs to check and encode its arguments; Runtime runs a Go
// instance on this thread (inline mode, and inside each worker). Short
// member names (x, f, n) are read on every call by generated code;
// everything else is internal to @gowasm/bridge.

import { MAX_BYTES, Reader, TooLarge, Writer, decodeUTF8, utf8Encoder } from './codec.js';
import { GoBlockingError, GoError, GoExitError, GoPanicError, GoTrapError } from './errors.js';
import { blobOf, bytesOf, dateValue, isAbortSignal, isRecord, show, showThrown, signals, typedArrayKind } from './values.js';

// Must match wasmbridge/serve_js.go (handshake) and wasmbridge/wire.go
// (states, frame); wasmbridge/wire_other_test.go checks that they do.
export const ABI = 4;
const HANDSHAKE = '__gowasm_handshake';
const STATE_OK = 0;
const STATE_RUNNING = 1;
const STATE_ERROR = 2;
const STATE_PANIC = 3;
const STATE_BAD_ARGUMENT = 4;
// Words of the sync call frame (wasmbridge/wire.go).
const FRAME_STATE = 0;
const FRAME_RESULT_PTR = 1;
const FRAME_RESULT_LEN = 2;
const FRAME_MESSAGE_PTR = 3;
const FRAME_STACK_PTR = 5;
const FRAME_WORDS = 7;

/** A string holds at most a third of MAX_BYTES UTF-16 code units: each may take 3 bytes of UTF-8. */
const MAX_STRING = Math.floor(MAX_BYTES / 3);

/**
 * Errors this module raised for a call, with the qualified name of that
 * call: they pass through a call's error handling as they are, where
 * anything else thrown while its arguments are read gets named.
 */
const owners = new WeakMap();

function owned(fn, err) {
  owners.set(err, fn);
  return err;
}

/** A parameter path for a message: a deeply nested one, cut in the middle. */
function pathText(path) {
  const p = String(path);
  return p.length <= 160 ? p : `${p.slice(0, 70)}…${p.slice(-70)}`;
}

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

  /** True for a plain object of any realm, the JavaScript form of map[string]V. */
  isRecord(v) {
    return isRecord(v);
  }

  /** The arguments of a callback of fn: decode(reader) over the bytes Go encoded. */
  args(fn, bytes, decode) {
    try {
      return decode(new Reader(bytes));
    } catch (err) {
      throw prefixed(fn, err);
    }
  }

  /**
   * The bytes of TypedArray parameter v, checked to be a kind TypedArray
   * (or a Uint8ClampedArray when clamped is set): a view taken from its
   * internal slots, so own properties and overridden getters cannot lie
   * about its length, and read once, before anything reaches Go.
   */
  view(v, kind, fn, path, clamped) {
    const k = typedArrayKind(v);
    if (k !== kind && !(clamped && k === 'Uint8ClampedArray')) this.bad(fn, path, v, clamped ? 'bytes' : kind);
    const bytes = bytesOf(v);
    if (bytes === undefined) {
      throw owned(fn, new TypeError(`${fn}: parameter "${pathText(path)}" is a ${k} over a detached ArrayBuffer (it was transferred)`));
    }
    if (bytes.length > MAX_BYTES) this.tooLarge(fn, path);
    return bytes;
  }

  /**
   * The time value of time.Time parameter v, a valid Date of any realm,
   * read from its internal slot.
   */
  date(v, fn, path) {
    const ms = dateValue(v);
    if (ms === undefined) this.bad(fn, path, v, 'Date');
    if (Number.isNaN(ms)) throw owned(fn, new RangeError(`${fn}: parameter "${pathText(path)}" must be a valid Date, got an Invalid Date`));
    return ms;
  }

  /**
   * True for milliseconds that stand for a whole number of nanoseconds,
   * computed as wasmbridge.MillisToDuration does: ms·10^6 rounded half
   * away from zero must fit an int64 and divide back to ms.
   */
  isDuration(ms) {
    const ns = ms * 1e6;
    const n = Math.sign(ns) * Math.round(Math.abs(ns));
    return n >= -(2 ** 63) && n < 2 ** 63 && n / 1e6 === ms;
  }

  /**
   * Throws for v, none of the values of the Go type name: a RangeError
   * when it is of their JavaScript type, else a TypeError.
   */
  badEnum(fn, path, v, name, values) {
    const Class = typeof v === typeof values[0] ? RangeError : TypeError;
    const list = values.map((x) => (typeof x === 'bigint' ? `${x}n` : JSON.stringify(x))).join(' | ');
    throw owned(fn, new Class(`${fn}: parameter "${pathText(path)}" must be a ${name}: ${list}; got ${show(v)}`));
  }

  /** The Blob of a wasmbridge.Reader parameter: a Blob or File of any realm. */
  blob(v, fn, path) {
    const blob = blobOf(v);
    if (blob === undefined) this.bad(fn, path, v, 'Blob');
    return blob;
  }

  /**
   * Checks the options object of a call; returns { signal, throttle } as
   * read once, or { error } for the caller's Promise to reject with.
   */
  callOptions(fn, options) {
    if (options === undefined) return {};
    try {
      if (typeof options !== 'object' || options === null || Array.isArray(options)) {
        return { error: owned(fn, new TypeError(`${fn}: the last argument must be an options object such as { signal }, got ${show(options)}`)) };
      }
      const { signal, throttle } = options;
      if (signal !== undefined && !isAbortSignal(signal)) {
        return { error: owned(fn, new TypeError(`${fn}: options.signal must be an AbortSignal, got ${show(signal)}`)) };
      }
      if (throttle !== undefined && (typeof throttle !== 'number' || !(throttle >= 0))) {
        return { error: owned(fn, new TypeError(`${fn}: options.throttle must be a number of milliseconds, at least 0, got ${show(throttle)}`)) };
      }
      return { signal, throttle };
    } catch (err) {
      return { error: owned(fn, new TypeError(`${fn}: the options object could not be read: ${showThrown(err)}`, { cause: err })) };
    }
  }

  /** Throws the TypeError for a wrong number of arguments. */
  arity(fn, expected, got) {
    throw owned(fn, new TypeError(`${fn}: expects ${expected} argument${expected === '1' ? '' : 's'}, got ${got}`));
  }

  /** Throws the TypeError or RangeError for a parameter that failed its check. */
  bad(fn, param, value, kind) {
    const [jsType, description] = KINDS[kind] ?? ['object', `a ${kind}`];
    const where = `${fn}: parameter "${pathText(param)}"`;
    if (typeof value === 'string' && value.length > MAX_STRING) this.tooLarge(fn, param);
    if (kind === 'key') {
      throw owned(fn, new TypeError(`${where}: the key is not well-formed Unicode (it has a lone surrogate)`));
    }
    if (jsType === 'string' && typeof value === 'string') {
      throw owned(fn, new TypeError(`${where} is not well-formed Unicode (it has a lone surrogate), so it has no UTF-8 form for Go`));
    }
    if (typeof value === jsType && jsType !== 'object') {
      throw owned(fn, new RangeError(`${where} must be ${description}, got ${show(value)}`));
    }
    throw owned(fn, new TypeError(`${where} must be ${description}, got ${show(value)}`));
  }

  /** Throws the TypeError for an array whose length (a Proxy's answer) is no array length. */
  badLength(fn, param, n) {
    throw owned(fn, new TypeError(`${fn}: parameter "${pathText(param)}" is an array whose length ${show(n)} is not an array length (a Proxy?)`));
  }

  tooLarge(fn, param) {
    throw owned(fn, new RangeError(`${fn}: parameter "${pathText(param)}" is too large for one call (at most ${MAX_BYTES} bytes of arguments); pass it in parts`));
  }

  /**
   * Rethrows err, raised while parameter path of fn was checked and
   * encoded: the check's own errors as they are, anything else (a getter
   * or a Proxy trap that threw, a revoked Proxy, nesting deeper than the
   * stack) as a TypeError or RangeError naming fn and path.
   */
  reject(fn, path, err) {
    if (owners.get(err) === fn) throw err;
    if (err instanceof TooLarge) this.tooLarge(fn, path);
    let range = false;
    try {
      range = err instanceof RangeError;
    } catch {}
    const Class = range ? RangeError : TypeError;
    throw owned(fn, new Class(`${fn}: parameter "${pathText(path)}" could not be read: ${showThrown(err)}`, { cause: err }));
  }

  /** Names an error that escaped a call's checks without a parameter to blame. */
  named(fn, err) {
    if (typeof err === 'object' && err !== null && owners.has(err)) return err;
    if (err instanceof TooLarge) {
      return owned(fn, new RangeError(`${fn}: the arguments are too large for one call (at most ${MAX_BYTES} bytes); pass them in parts`));
    }
    return owned(fn, new TypeError(`${fn}: ${showThrown(err)}`, { cause: err }));
  }
}

/**
 * Thrown from the imports of a discarded Go instance: it unwinds that
 * instance's Go frames still on the stack (below a callback that
 * re-entered Go), so that none of its code runs again.
 */
class Discarded extends Error {
  constructor(go) {
    super('the Go instance was discarded');
    this.go = go;
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
    const go = this.newGo();
    this.checkGlue(go);
    const instance = await WebAssembly.instantiate(this.module, go.importObject);
    this.run(go, instance);
  }

  /** Starts a fresh instance synchronously, after a fault or an exit. */
  restart() {
    const go = this.newGo();
    this.run(go, new WebAssembly.Instance(this.module, go.importObject));
  }

  /**
   * A Go instance whose every way back into Go this runtime guards: its
   * imports refuse to return into a discarded instance, and its resume
   * (timers, js.FuncOf callbacks) never runs one, nor lets an exception
   * escape to a timer where nothing could catch it.
   */
  newGo() {
    const go = new this.Go();
    go.exit = (code) => { go.exitCode = code; };
    const imports = go.importObject?.gojs ?? {};
    for (const [name, f] of Object.entries(imports)) {
      if (typeof f !== 'function') continue;
      imports[name] = (sp) => {
        if (go.discarded) throw new Discarded(go);
        f(sp);
        if (go.discarded) throw new Discarded(go);
      };
    }
    const resume = go._resume;
    go._resume = () => {
      if (go.discarded || go.exited) {
        // wasm_exec retries a timer whose event Go did not consume: let it stop.
        go._scheduledTimeouts?.clear();
        return;
      }
      try {
        resume.call(go);
      } catch (err) {
        if (!go.discarded && !go.exited) this.trapped(go, err);
      }
    };
    return go;
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
    try {
      // go.run is async, but its synchronous part runs main until it parks;
      // a trap there rejects its Promise, which must not go unhandled.
      go.run(instance).then(() => this.onExit(go), () => {});
    } finally {
      delete globalThis[HANDSHAKE];
    }
    if (go.exited) {
      throw new GoExitError(this.label, go.exitCode ?? 0, ' during initialization, before wasmbridge.Serve');
    }
    if (ready === null) {
      throw new Error(
        `${this.label}: main did not call wasmbridge.Serve (it returned, or trapped); build the module from the main package generated by gowasm bind`,
      );
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
    switch (this.f[FRAME_STATE]) {
      case STATE_OK:
        return;
      case STATE_RUNNING:
        this.kill((other) => new GoBlockingError(other, fn));
        throw new GoBlockingError(fn);
      case STATE_ERROR:
        throw new GoError(fn, this.text(FRAME_MESSAGE_PTR));
      case STATE_PANIC:
        throw new GoPanicError(fn, this.text(FRAME_MESSAGE_PTR), this.text(FRAME_STACK_PTR));
      case STATE_BAD_ARGUMENT:
        throw badArgument(fn, this.text(FRAME_STACK_PTR), this.text(FRAME_MESSAGE_PTR));
      default:
        throw new Error(`${fn}: corrupt call frame (state ${this.f[FRAME_STATE]})`);
    }
  }

  /**
   * Called by generated code when a call into Go threw: the instance was
   * discarded under it (a nested call blocked, exited or trapped, or the
   * API was closed), or its code trapped. Always throws.
   */
  fault(fn, err) {
    if (this.closed) throw new Error(`${fn}: the API was closed`); // what the closed exports throw
    if (err instanceof Discarded) throw err.go.fate(fn);
    if (this.go.exited) this.died(fn);
    const trap = showThrown(err);
    this.kill((other) => new GoTrapError(other, trap, fn));
    throw new GoTrapError(fn, trap);
  }

  /** An async call's Go code trapped in go: fail what was pending on it. */
  trapped(go, err) {
    if (go !== this.go) return;
    const trap = showThrown(err);
    this.kill((fn) => new GoTrapError(fn, trap));
  }

  /** An error message or stack from Go; invalid UTF-8 is replaced, not fatal. */
  text(word) {
    const ptr = this.f[word];
    return lenientDecoder.decode(this.memoryU8().subarray(ptr, ptr + this.f[word + 1]));
  }

  /** Throws the GoExitError for a Go program that exited during fn. */
  died(fn) {
    const code = this.go.exitCode ?? 2;
    this.kill((other) => new GoExitError(other, code));
    throw new GoExitError(fn, code);
  }

  /** Decodes the encoded result of the last call with f(reader). */
  decode(fn, f) {
    const ptr = this.f[FRAME_RESULT_PTR];
    try {
      return f(new Reader(this.memoryU8().subarray(ptr, ptr + this.f[FRAME_RESULT_LEN])));
    } catch (err) {
      throw prefixed(fn, err);
    }
  }

  /** The string result of the last call. */
  str(fn) {
    const ptr = this.f[FRAME_RESULT_PTR];
    const n = this.f[FRAME_RESULT_LEN];
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
    const ptr = this.f[FRAME_RESULT_PTR];
    const bytes = this.f[FRAME_RESULT_LEN];
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

  /**
   * Copies bytes that view() took of parameter path into Go memory;
   * returns their address. n is their length when the parameter was
   * checked: a getter of a later parameter, or Go memory growing under a
   * view of itself, may have detached the buffer since.
   */
  putView(bytes, n, fn, path) {
    if (n === 0) return 0;
    intact(bytes, n, fn, path);
    const ptr = this.alloc(n, fn);
    intact(bytes, n, fn, path); // a view of Go's own memory is detached if it grew
    this.memoryU8().set(bytes, ptr);
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
    let ptr;
    try {
      ptr = this.x.gowasm__alloc(size);
    } catch (err) {
      this.fault(fn, err);
    }
    if (this.go.exited) this.died(fn);
    return ptr;
  }

  /**
   * Runs sync export number index from encoded arguments, the path of
   * worker and pool modes and of exports without a shim; returns
   * decode(reader) over its encoded result in Go memory.
   */
  invoke(fn, index, args, decode) {
    const ptr = this.putBytes(args, fn);
    try {
      this.x.gowasm__invoke(index, ptr, this.n);
    } catch (err) {
      this.fault(fn, err);
    }
    if (this.f[FRAME_STATE] !== STATE_OK) this.settle(fn); // also when the view went stale
    return this.decode(fn, decode);
  }

  // ---- the async path -----------------------------------------------------

  /**
   * Starts async export number index with encoded arguments; resolves with
   * decode(reader) of the result.
   */
  callAsync(fn, index, args, options, decode, callbacks) {
    const { signal, error } = this.callOptions(fn, options);
    if (error !== undefined) return Promise.reject(error);
    if (signals.aborted(signal)) return Promise.reject(signals.reason(signal));
    if (this.closed) return Promise.reject(new Error(`${fn}: the API was closed`));
    try {
      this.live();
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      const id = this.nextCall++;
      const call = { fn, reject, done: false, thrown: undefined };
      const finish = () => {
        call.done = true;
        this.calls.delete(id);
        signals.unlisten(signal, onAbort);
      };
      call.finish = finish;
      const onAbort = () => {
        if (call.done) return;
        finish();
        this.cancel(id);
        reject(signals.reason(signal));
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
        } else if (state === STATE_BAD_ARGUMENT) {
          reject(badArgument(fn, stack, payload));
        } else {
          reject(new GoPanicError(fn, payload, stack));
        }
      };
      // Remember the first exception a callback throws; Go carries on. A
      // call that is over (abandoned with its instance) calls nobody.
      // Handles that are not functions (a Blob for a Reader) pass as they are.
      const guarded = callbacks.map((cb) => typeof cb !== 'function' ? cb : (bytes) => {
        if (call.done) return;
        try {
          cb(bytes);
        } catch (err) {
          if (call.thrown === undefined) call.thrown = err;
          throw err;
        }
      });
      this.calls.set(id, call);
      signals.listen(signal, onAbort);
      this.dispatch(index, id, args, settle, ...guarded);
    });
  }

  /** Makes sure the current instance can run a call: restarts one that exited or was discarded. */
  live() {
    if (this.go.exited && !this.go.discarded) this.onExit(this.go); // before its exit Promise settles
    if (this.go.discarded) this.restart();
  }

  // ---- instance faults ----------------------------------------------------

  /** The Go program of go exited: fail its pending calls. */
  onExit(go) {
    if (go !== this.go || go.discarded) return;
    const code = go.exitCode ?? 0;
    this.kill((fn) => new GoExitError(fn, code));
  }

  /**
   * Abandons the current instance, whose Go state is no longer sound, and
   * makes the next call start a fresh one. fate(fn) is the error of each
   * call that was pending on it, async or sync below a nested call.
   */
  kill(fate) {
    const go = this.go;
    if (!go.discarded) {
      go.fate = fate;
      go.discarded = true;
      for (const timer of go._scheduledTimeouts.values()) clearTimeout(timer);
      go._scheduledTimeouts.clear();
      this.failPending(fate);
    }
    this.deferRestart();
  }

  failPending(fate) {
    for (const call of this.calls.values()) {
      call.finish();
      call.reject(fate(call.fn));
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
    this.kill((fn) => new Error(`${fn}: the API was closed`));
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

const lenientDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

function intact(bytes, n, fn, path) {
  if (bytes.length !== n) {
    throw owned(fn, new TypeError(
      `${fn}: parameter "${pathText(path)}" was detached or shrunk while the arguments were read, ` +
        "or it is a view of the Go instance's own memory, which grew",
    ));
  }
}

/**
 * The error of an argument that reached Go malformed: the JavaScript
 * checks passed it, so the binding and the module disagree on the wire
 * format (generated by different versions of gowasm).
 */
function badArgument(fn, param, message) {
  return new TypeError(
    `${fn}: parameter "${param}" reached Go malformed (${message}); regenerate the binding and the module with the same gowasm`,
  );
}

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
  duration: ['number', 'a number of milliseconds that is a whole number of nanoseconds (Go time.Duration)'],
  Date: ['object', 'a Date'],
  pointer: ['object', 'a value or null (a Go pointer: null is nil, undefined is refused)'],
  object: ['object', 'an object'],
  record: ['object', 'a plain object (Go map[string]V)'],
  array: ['object', 'an array'],
  function: ['function', 'a function'],
  Blob: ['object', 'a Blob or File'],
  bytes: ['object', 'a Uint8Array or Uint8ClampedArray'],
};
