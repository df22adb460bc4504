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
 */
export class GoBlockingError extends Error {
  constructor(fn) {
    super(
      `${fn}: the Go function blocked (time.Sleep, a channel, a lock or I/O) on the sync path, ` +
        'where it cannot complete. Make it async by taking context.Context as its first parameter. ' +
        'The Go instance was restarted, so Go state was reset.',
    );
    this.function = fn;
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

const revivable = { GoError, GoPanicError, GoBlockingError, GoExitError, GoWorkerError, TypeError, RangeError };

/** The structured-clone form of an error thrown in a worker. */
export function serializeError(err) {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const { function: fn, goMessage, goStack, code } = err;
  return { name: err.name, message: err.message, stack: err.stack, function: fn, goMessage, goStack, code };
}

/** Rebuilds an error from serializeError, of the same class. */
export function reviveError(data) {
  const err = new Error(data.message);
  const Ctor = revivable[data.name];
  if (Ctor !== undefined) Object.setPrototypeOf(err, Ctor.prototype);
  else if (data.name !== 'Error') err.name = data.name;
  for (const key of ['function', 'goMessage', 'goStack', 'code']) {
    if (data[key] !== undefined) err[key] = data[key];
  }
  if (data.stack) err.stack = `${err.stack}\n    in the worker: ${data.stack}`;
  return err;
}
