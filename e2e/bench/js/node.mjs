// Usage: node node.mjs WASM_EXEC BRIDGE BINDING WASM — prints the results as JSON.
import { pathToFileURL } from 'node:url';
import { runBench } from './bench.js';

const [wasmExec, bridge, binding, wasm] = process.argv.slice(2);
await import(pathToFileURL(wasmExec).href);
const { load, goInstance } = await import(pathToFileURL(bridge).href);
const { default: module } = await import(pathToFileURL(binding).href);
const api = await load(module, { wasm });
process.stdout.write(JSON.stringify(runBench(api, goInstance(api))));
process.exit(0);
