// Usage: node node.mjs WASM_EXEC BRIDGE BINDING WASM MODE WORKERS
// Loads the module with @gowasm/bridge in Node, then runs the batches the
// Go test writes to standard input, one JSON line each, and answers each
// with one JSON line on file descriptor 3 (Go's runtime may print to
// standard output).
import fs from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { runBatch } from './fuzz.js';

const [wasmExec, bridge, binding, wasm, mode, workers] = process.argv.slice(2);
await import(pathToFileURL(wasmExec).href);
const { goInstance, load } = await import(pathToFileURL(bridge).href);
const { default: module } = await import(pathToFileURL(binding).href);

// What escapes the bridge (a timer throwing inside wasm_exec.js, an
// unhandled rejection) is a failure the Go test reports, not a crash.
const escaped = [];
process.on('uncaughtException', (err) => escaped.push(`uncaught exception: ${err?.stack ?? err}`));
process.on('unhandledRejection', (err) => escaped.push(`unhandled rejection: ${err?.stack ?? err}`));

const api = await load(module, { wasm, mode, workers: Number(workers), throttle: 0, wasmExec: pathToFileURL(wasmExec) });
const env = {
  realm: vm.runInNewContext('globalThis'),
  escaped,
  memory: mode === 'inline'
    ? async () => goInstance(api).memory.buffer.byteLength
    : async () => Math.max(...(await Promise.all(Array.from({ length: Number(workers) }, () => api.memoryBytes()))).map(Number)),
};

function answer(line) {
  const bytes = Buffer.from(line + '\n');
  for (let at = 0; at < bytes.length; ) at += fs.writeSync(3, bytes, at);
}

answer(JSON.stringify({ ready: true }));
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  answer(JSON.stringify(await runBatch(api, env, JSON.parse(line))));
}
process.exit(0);
