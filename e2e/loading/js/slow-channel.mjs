// A pool whose main thread gets channel.js (the shared-memory channel,
// imported lazily) after its workers have started and said hello: it must
// start and serve. Prints JSON facts for loading_test.go.
//
//   node slow-channel.mjs WASM_EXEC BRIDGE_INDEX BINDING WASM
import { createHash } from 'node:crypto';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { DELAY_MS } from './slow-channel-hooks.mjs';

register('./slow-channel-hooks.mjs', import.meta.url);
const [wasmExec, bridge, binding, wasm] = process.argv.slice(2);
await import(pathToFileURL(wasmExec).href);
const { load } = await import(pathToFileURL(bridge).href);
const compute = (await import(pathToFileURL(binding).href)).default;

const input = new TextEncoder().encode('a pool that waited for its channel');
const start = performance.now();
const hung = setTimeout(() => {
  console.error(`load(…, {mode: 'pool'}) was not ready ${DELAY_MS * 10} ms after it began, with channel.js ${DELAY_MS} ms late`);
  process.exit(1);
}, DELAY_MS * 10);
const api = await load(compute, { wasm, mode: 'pool', workers: 2, wasmExec: pathToFileURL(wasmExec) });
const readyMs = performance.now() - start;
clearTimeout(hung);
const hexes = await Promise.all([api.sha256Hex(input), api.sha256Hex(input)]);
api.close();
console.log(JSON.stringify({ delayMs: DELAY_MS, readyMs, hexes, want: createHash('sha256').update(input).digest('hex') }));
