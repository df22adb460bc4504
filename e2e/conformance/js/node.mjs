// Usage: node node.mjs WASM_EXEC BRIDGE BINDING WASM CASES_JSON
// Loads the module with @gowasm/bridge in Node, in the spec's mode, and
// prints the results.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { runAll } from './runner.js';

const [wasmExec, bridge, binding, wasm, casesFile] = process.argv.slice(2);
await import(pathToFileURL(wasmExec).href);
const { goInstance, load } = await import(pathToFileURL(bridge).href);
const { default: module } = await import(pathToFileURL(binding).href);
const spec = JSON.parse(await readFile(casesFile, 'utf8'));
const { mode, workers, sharedMemory } = spec;
// Messages posted to workers, for the transport scenario.
let posts = 0;
const { Worker } = await import('node:worker_threads');
const postMessage = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (...args) {
  posts++;
  return postMessage.apply(this, args);
};
// Every callback call is a case's outcome: no throttling.
// What escapes the bridge (an exception thrown from a timer inside
// wasm_exec.js) would end the process: scenarios report it instead.
const escaped = [];
process.on('uncaughtException', (err) => escaped.push(`uncaught exception: ${err?.stack ?? err}`));
process.on('unhandledRejection', (err) => escaped.push(`unhandled rejection: ${err?.stack ?? err}`));
const api = await load(module, { wasm, mode, workers, sharedMemory, throttle: 0, wasmExec: pathToFileURL(wasmExec) });
const env = Object.assign(mode === 'inline' ? goInstance(api) : { workers: mode === 'worker' ? 1 : workers }, { escaped, posts: () => posts });
// Exit once the output is flushed: workers would keep Node alive, and a
// pipe takes large writes asynchronously.
// Go may print to standard output too: a marker line precedes the results.
process.stdout.write('\n@results\n' + JSON.stringify(await runAll(api, env, spec)), () => process.exit(0));
