// Scenarios of worker and pool modes, and of streaming a Blob. Each
// returns tagged facts that the Go test checks against native Go.
import { BLOCKING_SLEEP_MS, describeError, sleep, tag } from './runner.js';

async function outcome(promise) {
  try {
    return { value: tag(await promise) };
  } catch (err) {
    return { error: { ...describeError(err), code: err?.code, trapped: err?.trapped } };
  }
}

/**
 * Runs kill() after a call that leaves Go state in the worker; reports its
 * error, then add(2, 3) and count(), which a fresh instance starts at 1.
 */
async function replaced(api, kill) {
  await api.count();
  const failed = await outcome(kill());
  return { error: failed.error, sum: tag(await api.add(2, 3)), count: tag(await api.count()) };
}

/**
 * The Blob the checksum scenarios hash: `parts` copies of one 1 MiB part
 * plus a tail of `tail` bytes, so the last chunk is short. The Go test
 * builds the same bytes natively.
 */
export function patternBlob(parts, tail) {
  const part = new Uint8Array(1 << 20);
  for (let i = 0; i < part.length; i++) part[i] = (i * 31 + 7) & 255;
  return new Blob([...Array(parts).fill(part), part.subarray(0, tail)]);
}

export const BLOB = { parts: 256, tail: 12345 };

// The transport scenario's join: 4 KiB of arguments, a 98 KiB result.
export const JOIN = { parts: 1000, sep: 'é'.repeat(50) };

export const modeScenarios = {
  // 1,000 calls at once: every one resolves with Go's result, and the
  // caller's buffers are not given away.
  async many(api) {
    const calls = [];
    for (let i = 0; i < 1000; i++) calls.push(i % 2 === 0 ? api.add(i, 1000) : api.reverse(`call ${i}`));
    const data = Uint8Array.from([1, 2, 3]);
    const reversed = await api.reverseBytes(data);
    return { results: (await Promise.all(calls)).map(tag), reversed: tag(reversed), dataKept: tag(data) };
  },

  // A call queued behind busy workers and aborted never runs in Go: each
  // worker's counter moves by exactly one, the call after the abort.
  async abortQueued(api, { workers }) {
    const counts = () => Promise.all(Array.from({ length: workers }, () => api.count())); // one per idle worker
    const before = await counts();
    const busy = Array.from({ length: workers }, () => api.busy(300));
    const controller = new AbortController();
    const queued = outcome(api.count({ signal: controller.signal }));
    controller.abort();
    await Promise.all(busy);
    const after = await counts();
    return { before: before.map(tag), queued: await queued, after: after.map(tag) };
  },

  // A running sync export is stopped by replacing its worker: the call
  // rejects at once and the next call meets a fresh Go instance.
  async abortRunningSync(api) {
    await api.count();
    const controller = new AbortController();
    const running = api.busy(60_000, { signal: controller.signal });
    await sleep(100);
    controller.abort();
    const rejected = await outcome(running);
    return { rejected, sum: tag(await api.add(2, 3)), count: tag(await api.count()) };
  },

  // A running async export gets its Go context cancelled; the worker lives on.
  async abortRunningAsync(api) {
    const count = await api.count();
    const before = await api.cancelled();
    const controller = new AbortController();
    const running = api.waitForCancel({ signal: controller.signal });
    await sleep(50);
    controller.abort();
    const rejected = await outcome(running);
    let after = await api.cancelled();
    for (let i = 0; i < 200 && after === before; i++) {
      await sleep(5);
      after = await api.cancelled();
    }
    return { rejected, before: tag(before), after: tag(after), count: tag(count), countAfter: tag(await api.count()) };
  },

  // A worker whose Go program dies (or blocks): the call fails, and a
  // fresh worker serves the next ones.
  workerExit: (api) => replaced(api, () => api.exit(3)),
  workerAsyncExit: (api) => replaced(api, () => api.asyncExit(4)),
  workerFatalPanic: (api) => replaced(api, () => api.asyncFatal()),
  workerOutOfMemory: (api) => replaced(api, () => api.hog()),
  workerBlocking: (api) => replaced(api, () => api.sleepy(BLOCKING_SLEEP_MS)),
  workerTrap: (api) => replaced(api, () => api.trap()),
  workerAsyncTrap: (api) => replaced(api, () => api.asyncTrap()),

  // A worker dies mid-call while another works: only its call fails, and
  // the pool keeps serving.
  async crashMidCall(api) {
    const slow = outcome(api.busy(400));
    const dying = outcome(api.asyncExit(5));
    const more = Promise.all(Array.from({ length: 50 }, (_, i) => api.add(i, i)));
    return { slow: (await slow).error ?? 'ok', dying: (await dying).error, more: (await more).map(tag) };
  },

  // Progress from a CPU-bound Go call arrives in order: throttled by
  // default, every call with throttle 0.
  async progress(api) {
    const throttled = [];
    const n1 = await api.steps(20_000, (done, total) => throttled.push([done, total]), { throttle: 16 });
    const all = [];
    const n2 = await api.steps(2_000, (done) => all.push(done), { throttle: 0 });
    return { n1: tag(n1), throttled: throttled.map(([d, t]) => [tag(d), tag(t)]), n2: tag(n2), all: all.map(tag) };
  },

  // A Blob far larger than a chunk streams through wasmbridge.Reader.
  async checksum(api) {
    const seen = [];
    const sum = await api.checksum(patternBlob(BLOB.parts, BLOB.tail), (done, total) => seen.push([done, total]), { throttle: 0 });
    const failed = await outcome(api.checksum(new Uint8Array(4), () => {}));
    return { sum: tag(sum), progress: seen.map(([d, t]) => [tag(d), tag(t)]), notABlob: failed.error };
  },

  // Inline, Go's memory stays far below the Blob's size.
  async checksumInline(api, { memory }) {
    const before = memory.buffer.byteLength;
    const sum = await api.checksum(patternBlob(BLOB.parts, BLOB.tail), () => {});
    return { sum: tag(sum), grewMiB: tag((memory.buffer.byteLength - before) / (1 << 20)) };
  },

  // Which way sync calls cross (the Go test knows which to expect): 50
  // small calls post no message through shared memory and one each
  // without; arguments and a result too large for the channel (64 KiB)
  // cross as messages either way, Go's bytes intact; small arguments
  // whose result is too large go through the channel, and the result
  // comes back by message.
  async transport(api, { posts }) {
    await api.add(0, 0);
    const before = posts();
    const sums = [];
    for (let i = 0; i < 50; i++) sums.push(tag(await api.add(i, 1)));
    const small = posts() - before;
    const data = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) & 255);
    const beforeLarge = posts();
    const reversed = await api.reverseBytes(data);
    const large = posts() - beforeLarge;
    const intact = reversed.length === data.length && reversed.every((b, i) => b === data[data.length - 1 - i]);
    const beforeJoin = posts();
    const joined = await api.join(Array(JOIN.parts).fill(''), JOIN.sep);
    const join = posts() - beforeJoin;
    return { sums, small, large, intact, joined: tag(joined), join };
  },

  // close() rejects the running call and every later one.
  async close(api) {
    const running = outcome(api.busy(5_000));
    await sleep(50);
    api.close();
    return { running: (await running).error, later: (await outcome(api.add(1, 2))).error };
  },
};
