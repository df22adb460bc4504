// Unit tests of the shared-memory channel of worker and pool modes, run by
// `node --test web/bridge/test/`. Both sides of a channel run here on one
// thread, one step at a time, so that an order of events the threads
// produce only now and then is produced every time. The end-to-end
// tests are e2e/conformance's (every worker and pool scenario, both ways)
// and e2e/fuzz's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHANNEL_BYTES, CallerEnd, WorkerEnd } from '../channel.js';

/** The main thread's and the worker's views of one channel. */
function pair() {
  const main = new CallerEnd();
  return { main, worker: new WorkerEnd(main.buffer) };
}

/** Resolves with what whenAnswered(id) hands over, or 'pending' if it has not within a few turns. */
function answer(channel, id) {
  return new Promise((resolve) => {
    channel.whenAnswered(id, resolve);
    setTimeout(() => resolve('pending'), 50);
  });
}

test('a call crosses with its name, index and arguments, and its result comes back', async () => {
  const { main, worker } = pair();
  assert.equal(main.send(7, 3, 'pkg.add', Uint8Array.of(1, 2, 3)), true);
  assert.equal(worker.called(), true);
  const call = worker.request();
  assert.deepEqual({ ...call, args: Array.from(call.args) }, { id: 7, index: 3, fn: 'pkg.add', args: [1, 2, 3] });
  assert.equal(worker.names[3], 'pkg.add', 'the name is decoded once per export and kept');
  const answered = answer(main, 7);
  assert.equal(worker.reply(Uint8Array.of(9, 8)), true);
  const result = await answered;
  assert.deepEqual(Array.from(result), [9, 8]);
  assert.equal(result.buffer instanceof SharedArrayBuffer, false, 'the result is a copy, not a view of the channel');
  assert.equal(worker.called(), false);
});

test('a call or result that does not fit is refused whole, for a message to carry', () => {
  const { main, worker } = pair();
  const name = 'pkg.bytes';
  assert.equal(main.send(1, 0, name, new Uint8Array(CHANNEL_BYTES - 32 - name.length + 1)), false);
  assert.equal(worker.called(), false, 'nothing was written');
  assert.equal(main.send(1, 0, name, new Uint8Array(CHANNEL_BYTES - 32 - name.length)), true);
  assert.equal(worker.reply(new Uint8Array(CHANNEL_BYTES)), false);
  assert.equal(worker.called(), true, 'the call still waits for its outcome');
});

test('a wait that outlives its call leaves the next call its result', async () => {
  // Call 1's outcome goes by message; the main thread reads it and writes
  // call 2 before the task of call 1's wait has run. That wait must not
  // take call 2's result.
  const { main, worker } = pair();
  main.send(1, 0, 'pkg.f', new Uint8Array(0));
  const first = [];
  main.whenAnswered(1, (r) => first.push(r));
  worker.request();
  worker.posted();
  main.send(2, 0, 'pkg.f', new Uint8Array(0));
  const second = answer(main, 2);
  worker.request();
  worker.reply(Uint8Array.of(42));
  assert.deepEqual(Array.from(await second), [42]);
  assert.deepEqual(first, [], 'the stale wait handed over nothing');
});

test('an outcome posted as a message ends the wait with null', async () => {
  const { main, worker } = pair();
  main.send(5, 0, 'pkg.f', new Uint8Array(0));
  const answered = answer(main, 5);
  worker.posted();
  assert.equal(await answered, null);
});

test('closing the channel ends the wait of a call whose worker was terminated', async () => {
  const { main } = pair();
  main.send(5, 0, 'pkg.f', new Uint8Array(0));
  const answered = answer(main, 5);
  main.close();
  assert.equal(await answered, null);
});

test('call ids past 2^32 cross intact', async () => {
  const { main, worker } = pair();
  const id = 2 ** 40 + 3;
  main.send(id, 0, 'pkg.f', new Uint8Array(0));
  assert.equal(worker.request().id, id);
  const answered = answer(main, id);
  worker.reply(Uint8Array.of(1));
  assert.deepEqual(Array.from(await answered), [1]);
});

test('every message announced rings the bell and counts as unread until read', () => {
  const { main, worker } = pair();
  const bell = worker.bell();
  main.announce();
  main.announce();
  assert.notEqual(worker.bell(), bell);
  assert.equal(worker.unread(1), true);
  assert.equal(worker.unread(2), false);
  assert.equal(worker.wait(worker.bell(), 1), false, 'no ring, the wait times out');
});

test('the count of messages wraps past 2^31 as worker.js counts what it read', () => {
  const { main, worker } = pair();
  new Int32Array(main.buffer)[2] = 0x7fffffff; // SENT, as after 2^31 - 1 messages
  let read = 0x7fffffff;
  main.announce();
  assert.equal(worker.unread(read), true);
  read = (read + 1) | 0; // worker.js's count
  assert.equal(worker.unread(read), false);
});
