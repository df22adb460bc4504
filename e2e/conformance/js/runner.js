// Runs conformance cases against a loaded API, in Node or in Chromium.
// Values cross to and from the Go test in the tagged JSON form of
// e2e/internal/jsvalue, plus, in arguments only, values JSON cannot carry:
//   {"$detached": "<TypedArray name>"}         a TypedArray over a transferred buffer
//   {"$lone": "<string>"}                      the string with a lone surrogate appended
//   {"$callback": "<name>"}                    a function that records its calls
import { describeError, tag, untagKey, untagNumber, untagTypedArray } from '../../internal/jsvalue/tag.js';

export { describeError, tag };

export function untag(v, calls) {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => untag(x, calls));
  if ('$num' in v) return untagNumber(v);
  if ('$big' in v) return BigInt(v.$big);
  if ('$date' in v) return new Date(untagNumber(v.$date));
  if ('$undef' in v) return undefined;
  if ('$ta' in v) return untagTypedArray(v, globalThis[v.$ta]);
  if ('$detached' in v) {
    const a = new globalThis[v.$detached](4);
    structuredClone(a.buffer, { transfer: [a.buffer] });
    return a;
  }
  if ('$lone' in v) return v.$lone + '\ud800';
  if ('$callback' in v) {
    const name = v.$callback;
    calls[name] = [];
    return (...args) => calls[name].push(args.map(tag));
  }
  const o = {};
  for (const [k, x] of Object.entries(v)) {
    // A plain assignment to "__proto__" would set the prototype instead.
    Object.defineProperty(o, untagKey(k), { value: untag(x, calls), enumerable: true, writable: true, configurable: true });
  }
  return o;
}

async function runCase(api, c) {
  const calls = {};
  const out = {};
  try {
    let r = api[c.fn](...c.args.map((a) => untag(a, calls)));
    if (r instanceof Promise) r = await r;
    out.value = tag(r);
  } catch (err) {
    out.error = describeError(err);
  }
  if (Object.keys(calls).length > 0) out.calls = calls;
  return out;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long sleepy() sleeps to block. A short sleep (5 ms) sometimes does
 * not block: on a loaded machine its timer has expired before Go's
 * scheduler goes idle, and the call returns normally (3 in 300 calls
 * under CPU load). 200 ms never did.
 */
export const BLOCKING_SLEEP_MS = 200;

const emptyShape = {
  name: '', points: [], tags: {}, id: 0n, data: new Uint8Array(0), visible: false,
  groups: {}, nested: [], weight: 0, unsigned: 0n, Untagged: '',
};

/** An error's class, message and the fields of gowasm's error classes. */
function describeGoError(err) {
  return { ...describeError(err), code: err?.code, blocked: err?.blocked, trapped: err?.trapped };
}

/**
 * Calls an async export whose callback runs inner(), a call back into
 * Go, the first time it is called. Reports what inner threw, how the
 * outer call settled, what a fresh instance answers afterwards, and what
 * escaped to the environment (a timer of the abandoned instance throwing
 * inside wasm_exec.js) in the meantime. steps never yields to JavaScript
 * between callbacks; slowDouble sleeps, so its callbacks run from timers.
 */
async function reentering(api, env, outer, inner) {
  api.count();
  let innerError;
  let called = false;
  const callback = () => {
    if (called) return;
    called = true;
    try {
      inner();
    } catch (err) {
      innerError = describeGoError(err);
    }
  };
  let settled;
  try {
    const value = await (outer === 'steps' ? api.steps(3, callback) : api.slowDouble(5n, 3, callback));
    settled = { value: tag(value) };
  } catch (err) {
    settled = { error: describeGoError(err) };
  }
  await sleep(BLOCKING_SLEEP_MS + 100); // the abandoned instance's timers would fire by now
  return { inner: innerError, outer: settled, sum: tag(api.add(2, 3)), count: tag(api.count()), escaped: env.escaped.splice(0) };
}

/** reentering for both outer exports. */
async function reenteringBoth(api, env, inner) {
  return { slowDouble: await reentering(api, env, 'slowDouble', inner), steps: await reentering(api, env, 'steps', inner) };
}

// Scenarios need a sequence of calls; each returns tagged facts that the
// Go test checks.
const scenarios = {
  // Calls back into Go from a callback: one that works answers; one that
  // blocks, exits or traps fails, abandons the call below it with the same
  // class, and leaves a fresh instance without anything escaping.
  reentryWorks: (api, env) => reenteringBoth(api, env, () => {
    if (api.add(20, 22) !== 42) throw new Error('add(20, 22) inside a callback was wrong');
  }),
  reentryBlocks: (api, env) => reenteringBoth(api, env, () => api.sleepy(BLOCKING_SLEEP_MS)),
  reentryExits: (api, env) => reenteringBoth(api, env, () => api.exit(3)),
  reentryTraps: (api, env) => reenteringBoth(api, env, () => api.trap()),

  // A trap in a sync call: a GoTrapError naming it, then a fresh instance.
  async trap(api, env) {
    api.count();
    let error;
    try {
      api.trap();
    } catch (err) {
      error = describeGoError(err);
    }
    return { error, sum: tag(api.add(2, 3)), count: tag(api.count()), escaped: env.escaped.splice(0) };
  },

  // A trap on an async call's goroutine fails it and the calls pending
  // beside it; a fresh instance serves.
  async asyncTrap(api, env) {
    api.count();
    const pending = api.waitForCancel().then(() => ({ value: 'resolved' }), (err) => ({ error: describeGoError(err) }));
    let error;
    try {
      await api.asyncTrap();
    } catch (err) {
      error = describeGoError(err);
    }
    return { error, pending: await pending, sum: tag(api.add(2, 3)), count: tag(api.count()), escaped: env.escaped.splice(0) };
  },

  // os.Exit in a sync call while an async call is pending: both fail
  // with the exit code.
  async exitPending(api) {
    const pending = api.waitForCancel().then(() => ({ value: 'resolved' }), (err) => ({ error: describeGoError(err) }));
    let error;
    try {
      api.exit(3);
    } catch (err) {
      error = describeGoError(err);
    }
    return { error, pending: await pending, sum: tag(api.add(2, 3)) };
  },

  // Getters that call back into Go, and kill the instance, while the
  // arguments are read. A TypedArray's own getters are never asked (its
  // internal slots are read), so its copy cannot land in a restarted
  // instance; a struct's getters run before anything is allocated in Go,
  // so the call runs on the fresh instance. Both return native Go's result.
  async getterRestarts(api) {
    class Liar extends Uint8Array {
      get byteLength() {
        try {
          api.sleepy(BLOCKING_SLEEP_MS);
        } catch {}
        return 1 << 20;
      }
      get length() { return this.byteLength; }
      get byteOffset() { return this.byteLength; }
    }
    const reversed = api.reverseBytes(new Liar([1, 2, 3]));
    const shape = { ...emptyShape, points: [{ x: 1, y: 2 }, { x: 3, y: 5 }] };
    Object.defineProperty(shape, 'name', {
      enumerable: true,
      get() {
        try {
          api.exit(3);
        } catch {}
        return 'read while its instance restarted';
      },
    });
    const centroid = api.centroid(shape);
    await sleep(BLOCKING_SLEEP_MS + 50);
    return { reversed: tag(reversed), centroid: tag(centroid) };
  },

  // A tree nested deeper than the JavaScript stack: a RangeError naming
  // the function and parameter, and the instance keeps serving; one 1,000
  // deep crosses both ways.
  async deepTree(api) {
    const chain = (depth) => {
      let t = { value: 0, children: [] };
      for (let i = 1; i <= depth; i++) t = { value: i % 1000, children: [t] };
      return t;
    };
    let error;
    try {
      api.depth(chain(1_000_000));
    } catch (err) {
      error = describeGoError(err);
    }
    let depth = 0;
    for (let t = api.depth(chain(1000)); t.children.length > 0; t = t.children[0]) depth++;
    return { error, depth: tag(depth), sum: tag(api.add(2, 3)) };
  },

  // A Go string longer than JavaScript strings may be: a RangeError
  // saying so, not "not valid UTF-8".
  async longString(api) {
    // Past this engine's limit: 2^29 - 24 characters in Node 20, more in
    // Chromium 156.
    let n = 2 ** 29;
    try {
      'x'.repeat(n);
      n = 2 ** 30;
    } catch {}
    let error;
    try {
      api.long(n);
    } catch (err) {
      error = describeGoError(err);
    }
    return { error, sum: tag(api.add(2, 3)) };
  },

  // A getter that calls another export while arguments are being encoded
  // must not corrupt either call.
  async nestedEncode(api) {
    let inner;
    const outer = {
      ...emptyShape,
      points: [{ get x() { inner = api.centroid({ ...emptyShape, points: [{ x: 10, y: 20 }] }); return 1; }, y: 2 }, { x: 3, y: 4 }],
    };
    const result = api.centroid(outer);
    return { inner: tag(inner), outer: tag(result) };
  },
  // Map parameters take plain objects with well-formed keys only.
  async badRecords(api) {
    const errors = [];
    for (const tags of [new Map([['a', 'b']]), { ['a\ud800']: 'x' }]) {
      try {
        api.translate({ ...emptyShape, tags }, 0, 0);
        errors.push(null);
      } catch (err) {
        errors.push(describeError(err));
      }
    }
    return { errors, after: tag(api.add(1, 2)) };
  },
  // []byte parameters take canvas pixels (Uint8ClampedArray) on both paths.
  async clampedBytes(api) {
    const pixels = Uint8ClampedArray.from([1, 2, 255]);
    return { reversed: tag(api.reverseBytes(pixels)), length: tag(await api.asyncLen(pixels)) };
  },
  // A callback that throws rejects the call with that very exception.
  async callbackThrows(api) {
    const mine = new Error('thrown by the callback');
    let same = false;
    let error;
    try {
      await api.slowDouble(1n, 3, () => { throw mine; });
    } catch (err) {
      same = err === mine;
      error = describeError(err);
    }
    return { same, error, after: tag(await api.slowDouble(2n, 1, () => {})) };
  },
  // os.Exit in a sync call: a GoExitError, then a fresh instance serves.
  async exit(api) {
    api.count();
    let error;
    try {
      api.exit(3);
    } catch (err) {
      error = { ...describeError(err), code: err.code };
    }
    return { error, sum: tag(api.add(2, 3)), count: tag(api.count()) };
  },
  // os.Exit on a goroutine: the pending call rejects, a fresh instance serves.
  async asyncExit(api) {
    api.count();
    let error;
    try {
      await api.asyncExit(4);
    } catch (err) {
      error = { ...describeError(err), code: err.code };
    }
    return { error, sum: tag(api.add(2, 3)), count: tag(api.count()) };
  },
  // 256 round trips of 1 MiB must not grow Go's memory by anything near
  // 256 MiB: parameters and results are released after each call.
  async noLeak(api, instance) {
    const { memory } = instance;
    const data = new Uint8Array(1 << 20).fill(7);
    api.reverseBytes(data);
    const before = memory.buffer.byteLength;
    for (let i = 0; i < 256; i++) {
      if (api.reverseBytes(data).length !== data.length) throw new Error('short result');
    }
    return { grewMiB: tag((memory.buffer.byteLength - before) / (1 << 20)) };
  },
  // A sync export that blocks is reported and the instance restarts. The
  // sleep is long (see BLOCKING_SLEEP_MS); the wait below outlasts it.
  async blocking(api) {
    const before = api.count();
    let error;
    try {
      api.sleepy(BLOCKING_SLEEP_MS);
    } catch (err) {
      error = describeError(err);
    }
    const sum = api.add(2, 3);
    const after = api.count();
    await sleep(BLOCKING_SLEEP_MS + 50); // the abandoned sleep timer must not wake the dead instance
    return { before: tag(before), error, sum: tag(sum), after: tag(after), afterSleep: tag(api.count()) };
  },
  // Errors and panics leave the instance and its state as they were.
  async keepsState(api) {
    const first = api.count();
    const errors = [];
    for (const call of [() => api.explode('x'), () => api.divide(1, 0), () => api.add(1)]) {
      try {
        call();
      } catch (err) {
        errors.push(err.constructor.name);
      }
    }
    return { first: tag(first), second: tag(api.count()), errors };
  },
  // Aborting a running async call rejects it at once and cancels Go's context.
  async abortRunning(api) {
    const before = api.cancelled();
    const controller = new AbortController();
    const pending = api.waitForCancel({ signal: controller.signal });
    await sleep(5);
    controller.abort();
    let error;
    try {
      await pending;
    } catch (err) {
      error = describeError(err);
    }
    let after = api.cancelled();
    for (let i = 0; i < 200 && after === before; i++) {
      await sleep(5);
      after = api.cancelled();
    }
    return { before: tag(before), after: tag(after), error };
  },
  // An already-aborted signal rejects without reaching Go.
  async abortBeforeStart(api) {
    const before = api.cancelled();
    let error;
    try {
      await api.waitForCancel({ signal: AbortSignal.abort() });
    } catch (err) {
      error = describeError(err);
    }
    await sleep(10);
    return { before: tag(before), after: tag(api.cancelled()), error };
  },
};

/**
 * Runs every case, then every scenario, in order. env is goInstance(api)
 * inline, and {workers} in worker and pool modes.
 */
export async function runAll(api, env, { cases, scenarios: names }) {
  const { modeScenarios } = await import('./modes.js'); // modes.js imports this module
  const results = [];
  for (const c of cases) results.push(await runCase(api, c));
  const facts = {};
  for (const name of names) facts[name] = await (scenarios[name] ?? modeScenarios[name])(api, env);
  return { results, scenarios: facts };
}
