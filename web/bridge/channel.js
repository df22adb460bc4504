// The shared-memory channel of worker and pool modes: one per worker,
// through which its sync calls cross without a message, where the page
// can share memory (cross-origin isolated, and in Node; remote.js
// decides, and loads this module only then). The main thread writes a
// call into the channel and rings its bell; the worker, blocked in
// Atomics.wait while it serves calls, runs the call at once and writes
// the result back, which the main thread awaits with Atomics.waitAsync.
// A message's round trip goes through both threads' task queues and the
// structured clone; this one does not (BenchmarkWorkers prints both).
//
// Everything else still crosses as messages (remote.js lists them). While
// a worker waits on the bell its event loop stands still, so the main
// thread rings the bell for every message it posts to a started worker
// too, and the worker goes back to its event loop until it has read as
// many messages as were announced. It also goes back after IDLE_MS
// without a call, and after a call once it has been away from its event
// loop for SLICE_MS, so that Go's timers and the rest of its event loop
// run as they would between messages, if somewhat later.

/** Bytes of a channel. A call whose name and arguments, or whose result, do not fit goes by message. */
export const CHANNEL_BYTES = 64 * 1024;

/** A blocked worker returns to its event loop after this many ms without a call… */
export const IDLE_MS = 20;
/** …and, for one turn of it, after a call once it has been away from it this many ms. */
export const SLICE_MS = 5;

// The header: int32 words, the call's id as a float64 (ids count every
// call of a pool, past 2^32 in a long-lived page), then the data: the
// name and arguments of a call, its result.
const STATE = 0; // one of the states below
const BELL = 1; // bumped by the main thread for every call and message; the worker waits on it
const SENT = 2; // messages announced to the worker (Pool.post), an int32 that wraps
const INDEX = 3; // the export's index
const NAME_BYTES = 4; // the export's name, UTF-8, at the start of the data
const LENGTH = 5; // the arguments' length after the name; then the result's
const ID_BYTE = 24; // the call's id, for the worker's messages about it
const HEADER_BYTES = 32;

// States of a channel.
const IDLE = 0; // no call, or its result has been read
const CALL = 1; // a call waits for the worker
const DONE = 2; // the result is in the data
const POSTED = 3; // the worker posted the outcome as a message: [id, result] or {type: 'done'}
const CLOSED = 4; // the worker was terminated; the main thread stops waiting

const encodedNames = new Map(); // export name → UTF-8; Chromium's encodeInto refuses shared memory

function utf8(name) {
  let bytes = encodedNames.get(name);
  if (bytes === undefined) encodedNames.set(name, (bytes = new TextEncoder().encode(name)));
  return bytes;
}

/** The layout of a channel over its buffer. */
class Channel {
  constructor(buffer) {
    this.buffer = buffer;
    this.words = new Int32Array(buffer, 0, ID_BYTE / 4);
    this.id = new Float64Array(buffer, ID_BYTE, 1);
    this.data = new Uint8Array(buffer, HEADER_BYTES);
  }
}

/**
 * The main thread's end of a new channel. Each end is a class of its own,
 * so that a bundle holds only the end it uses.
 */
export class CallerEnd extends Channel {
  constructor() {
    super(new SharedArrayBuffer(CHANNEL_BYTES));
  }

  /**
   * Writes sync call id of export index, named fn, into the channel and
   * wakes the worker; false, writing nothing, if it does not fit.
   */
  send(id, index, fn, args) {
    const name = utf8(fn);
    if (name.length + args.length > this.data.length) return false;
    const w = this.words;
    this.data.set(name);
    this.data.set(args, name.length);
    w[NAME_BYTES] = name.length;
    this.id[0] = id;
    w[INDEX] = index;
    w[LENGTH] = args.length;
    Atomics.store(w, STATE, CALL);
    this.ring();
    return true;
  }

  /** Counts a message about to be posted to the worker, and wakes it to read it. */
  announce() {
    Atomics.add(this.words, SENT, 1);
    this.ring();
  }

  ring() {
    Atomics.add(this.words, BELL, 1);
    Atomics.notify(this.words, BELL);
  }

  /**
   * Calls then(result) once the worker has answered call id: the result's
   * bytes, copied out of the channel, or null when the outcome comes as a
   * message or the worker was terminated. A wait that outlives its call
   * (answered by message, the next call already written) does nothing.
   */
  whenAnswered(id, then) {
    const w = this.words;
    while (this.id[0] === id) {
      const state = Atomics.load(w, STATE);
      if (state === DONE) {
        const result = this.data.slice(0, w[LENGTH]);
        Atomics.store(w, STATE, IDLE);
        then(result);
        return;
      }
      if (state !== CALL) {
        then(null);
        return;
      }
      const wait = Atomics.waitAsync(w, STATE, CALL);
      if (wait.async) {
        wait.value.then(() => this.whenAnswered(id, then));
        return;
      }
    }
  }

  /** Marks the channel's worker terminated: a call awaited on it ends. */
  close() {
    Atomics.store(this.words, STATE, CLOSED);
    Atomics.notify(this.words, STATE);
  }
}

/** The worker's end of the channel whose buffer the main thread sent. */
export class WorkerEnd extends Channel {
  constructor(buffer) {
    super(buffer);
    this.names = []; // export index → name: written with every call, decoded once per export
  }

  bell() {
    return Atomics.load(this.words, BELL);
  }

  /** Whether more messages were announced than the worker has read, read counted as an int32 too. */
  unread(read) {
    return Atomics.load(this.words, SENT) !== read;
  }

  /** Whether a call waits for the worker. */
  called() {
    return Atomics.load(this.words, STATE) === CALL;
  }

  /** Blocks until the bell rings after bell, or for at most ms; false if the time ran out. */
  wait(bell, ms) {
    return Atomics.wait(this.words, BELL, bell, ms) !== 'timed-out';
  }

  /** Calls f() once the bell rings after bell. */
  listen(bell, f) {
    const wait = Atomics.waitAsync(this.words, BELL, bell);
    if (wait.async) wait.value.then(f);
    else queueMicrotask(f);
  }

  /** The call that waits: {id, index, fn, args}, args a view of the channel. */
  request() {
    const w = this.words;
    const index = w[INDEX];
    const at = w[NAME_BYTES];
    const fn = this.names[index] ?? (this.names[index] = new TextDecoder().decode(this.data.slice(0, at)));
    return { id: this.id[0], index, fn, args: this.data.subarray(at, at + w[LENGTH]) };
  }

  /** Writes a call's result; false, writing nothing, if it does not fit. */
  reply(result) {
    if (result.length > this.data.length) return false;
    this.data.set(result);
    this.words[LENGTH] = result.length;
    this.answer(DONE);
    return true;
  }

  /** Tells the main thread that the call's outcome was posted as a message. */
  posted() {
    this.answer(POSTED);
  }

  answer(state) {
    Atomics.store(this.words, STATE, state);
    Atomics.notify(this.words, STATE);
  }
}
