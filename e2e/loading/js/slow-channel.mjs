// A pool whose main thread gets channel.js (the shared-memory channel,
// imported lazily) only after both its workers have said hello: it must
// start, and serve through the channel. Prints JSON facts for
// loading_test.go.
//
//   node slow-channel.mjs WASM_EXEC BRIDGE_INDEX BINDING WASM
import { createHash } from 'node:crypto';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';

const TIMEOUT_MS = 10_000;

// The hooks hold the import until both workers' hellos have come.
const { port1: hooks, port2 } = new MessageChannel();
register('./slow-channel-hooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });
const facts = { held: false, hellosBeforeRelease: 0 };
hooks.on('message', (message) => message === 'held' && (facts.held = true));
hooks.unref();
let hellos = 0;
const emit = Worker.prototype.emit;
Worker.prototype.emit = function (event, message, ...rest) {
  if (event === 'message' && message?.type === 'hello' && ++hellos === 2) {
    facts.hellosBeforeRelease = hellos;
    hooks.postMessage('release');
  }
  return emit.call(this, event, message, ...rest);
};

const [wasmExec, bridge, binding, wasm] = process.argv.slice(2);
await import(pathToFileURL(wasmExec).href);
const { load } = await import(pathToFileURL(bridge).href);
const compute = (await import(pathToFileURL(binding).href)).default;

const hung = setTimeout(() => {
  console.error(`load(…, {mode: 'pool'}) was not ready ${TIMEOUT_MS} ms after it began; ${JSON.stringify({ ...facts, hellos })}`);
  process.exit(1);
}, TIMEOUT_MS);
const api = await load(compute, { wasm, mode: 'pool', workers: 2, wasmExec: pathToFileURL(wasmExec) });
clearTimeout(hung);

// Sync calls through the channel post nothing to a worker.
let posted = 0;
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (...args) {
  posted++;
  return post.apply(this, args);
};
const input = new TextEncoder().encode('a pool that waited for its channel');
const hexes = await Promise.all([api.sha256Hex(input), api.sha256Hex(input)]);
Worker.prototype.postMessage = post;
api.close();
console.log(JSON.stringify({ ...facts, hexes, postedForCalls: posted, want: createHash('sha256').update(input).digest('hex') }));
