// Errors thrown (or rejected) by calls into Go. Every message starts with
// the qualified JavaScript name of the export, e.g. "compute.blur: ...".

/** The Go export returned a non-nil error. `goMessage` is err.Error(). */
export class GoError extends Error {
  constructor(fn, goMessage, options) {
    super(`${fn}: ${goMessage}`, options);
    this.function = fn;
    this.goMessage = goMessage;
  }
}
GoError.prototype.name = 'GoError';

/** The Go export panicked. `goStack` is the panicking goroutine's stack. */
export class GoPanicError extends Error {
  constructor(fn, goMessage, goStack) {
    super(`${fn}: panic: ${goMessage}`);
    this.function = fn;
    this.goMessage = goMessage;
    this.goStack = goStack;
  }
}
GoPanicError.prototype.name = 'GoPanicError';

/**
 * A sync export blocked (sleep, channel, I/O). Under GOOS=js such a call
 * cannot finish, so the Go instance was restarted: Go state is fresh.
 * Calls pending on that instance reject with it too: `function` names
 * each, `blocked` the export that blocked.
 */
export class GoBlockingError extends Error {
  constructor(fn, blocked = fn) {
    super(
      blocked === fn
        ? `${fn}: the Go function blocked (time.Sleep, a channel, a lock or I/O) on the sync path, ` +
            'where it cannot complete. Make it async by taking context.Context as its first parameter. ' +
            'The Go instance was restarted, so Go state was reset.'
        : `${fn}: the call was abandoned: its Go instance was restarted because ${blocked} blocked on the sync path. ` +
            'The next call starts a fresh Go instance.',
    );
    this.function = fn;
    this.blocked = blocked;
  }
}
GoBlockingError.prototype.name = 'GoBlockingError';

/** The Go program exited (os.Exit, a fatal error, out of memory). */
export class GoExitError extends Error {
  constructor(fn, code, detail = '') {
    super(`${fn}: the Go program exited with code ${code}${detail}; see the console for Go's output. ` +
      'The next call starts a fresh Go instance.');
    this.function = fn;
    this.code = code;
  }
}
GoExitError.prototype.name = 'GoExitError';

/**
 * The Go program's WebAssembly code trapped (memory access out of bounds,
 * an unreachable instruction, a stack overflow): its memory can no longer
 * be trusted, so the instance was restarted. `trap` is the engine's
 * message; `trapped` names the export that was running (calls pending on
 * the instance reject with this error too).
 */
export class GoTrapError extends Error {
  constructor(fn, trap, trapped = fn) {
    super(
      `${fn}: ${trapped === fn ? 'the Go program' : `the call was abandoned: the Go program, running ${trapped},`} ` +
        `crashed with a WebAssembly trap (${trap}). The next call starts a fresh Go instance.`,
    );
    this.function = fn;
    this.trap = trap;
    this.trapped = trapped;
  }
}
GoTrapError.prototype.name = 'GoTrapError';

/**
 * The worker running a call died (its thread crashed or ran out of
 * memory); a fresh worker replaces it, and other calls are unaffected.
 */
export class GoWorkerError extends Error {
  constructor(fn, detail) {
    super(`${fn}: the worker running the call died (${detail}); a fresh worker replaces it`);
    this.function = fn;
  }
}
GoWorkerError.prototype.name = 'GoWorkerError';

const revivable = { GoError, GoPanicError, GoBlockingError, GoExitError, GoTrapError, GoWorkerError, TypeError, RangeError };

/** The fields of our error classes, carried across postMessage. */
const FIELDS = ['function', 'goMessage', 'goStack', 'code', 'blocked', 'trap', 'trapped'];

/** The structured-clone form of an error thrown in a worker. */
export function serializeError(err) {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const data = { name: err.name, message: err.message, stack: err.stack };
  for (const key of FIELDS) data[key] = err[key];
  return data;
}

/** Rebuilds an error from serializeError, of the same class. */
export function reviveError(data) {
  const err = new Error(data.message);
  const Ctor = revivable[data.name];
  if (Ctor !== undefined) Object.setPrototypeOf(err, Ctor.prototype);
  else if (data.name !== 'Error') err.name = data.name;
  for (const key of FIELDS) {
    if (data[key] !== undefined) err[key] = data[key];
  }
  if (data.stack) err.stack = `${err.stack}\n    in the worker: ${data.stack}`;
  return err;
}
