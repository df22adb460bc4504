// Usage: node node.mjs WASM_EXEC BRIDGE BINDING WASM CASES_JSON
// Loads the module with @gowasm/bridge in Node and prints the results.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { runAll } from './runner.js';

const [wasmExec, bridge, binding, wasm, casesFile] = process.argv.slice(2);
await import(pathToFileURL(wasmExec).href);
const { goInstance, load } = await import(pathToFileURL(bridge).href);
const { default: module } = await import(pathToFileURL(binding).href);
const api = await load(module, { wasm });
const spec = JSON.parse(await readFile(casesFile, 'utf8'));
process.stdout.write(JSON.stringify(await runAll(api, goInstance(api), spec)));
// Parked Go instances keep no timers alive; exit explicitly all the same.
process.exit(0);
