// A pool whose main thread gets channel.js (the shared-memory channel,
// imported lazily) late, or never. Prints JSON facts for loading_test.go.
//
//   node channel-load.mjs late|missing WASM_EXEC BRIDGE_INDEX BINDING WASM
//
// late: the import is held until both workers have said hello; the pool
// must start and serve through the channel. missing: the import fails;
// the pool must start, serve by message and warn.
import { createHash } from 'node:crypto';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';

const TIMEOUT_MS = 10_000;
const [how, wasmExec, bridge, binding, wasm] = process.argv.slice(2);

const { port1: hooks, port2 } = new MessageChannel();
register('./channel-load-hooks.mjs', import.meta.url, { data: { port: port2, fail: how === 'missing' }, transferList: [port2] });
const facts = { held: false, hellosBeforeRelease: 0, warnings: [] };
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
console.warn = (...args) => facts.warnings.push(args.join(' '));

await import(pathToFileURL(wasmExec).href);
const { load } = await import(pathToFileURL(bridge).href);
const compute = (await import(pathToFileURL(binding).href)).default;

const hung = setTimeout(() => {
  console.error(`load(…, {mode: 'pool'}) was not ready ${TIMEOUT_MS} ms after it began; ${JSON.stringify({ ...facts, hellos })}`);
  process.exit(1);
}, TIMEOUT_MS);
const api = await load(compute, { wasm, mode: 'pool', workers: 2, wasmExec: pathToFileURL(wasmExec) });
clearTimeout(hung);

// Sync calls through the channel post nothing to a worker; by message, one each.
let posted = 0;
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (...args) {
  posted++;
  return post.apply(this, args);
};
const input = new TextEncoder().encode('a pool and its channel');
const hexes = await Promise.all([api.sha256Hex(input), api.sha256Hex(input)]);
Worker.prototype.postMessage = post;
api.close();
console.log(JSON.stringify({ ...facts, hexes, postedForCalls: posted, want: createHash('sha256').update(input).digest('hex') }));
