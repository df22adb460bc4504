// Usage: node malformed.mjs WASM_EXEC RUNTIME BINDING WASM
// Sends encoded arguments that the generated JavaScript would never
// produce straight to the module's invokers and async dispatcher, as a
// binding from another gowasm version could: Go must refuse each with the
// parameter named, allocate nothing for a count it cannot hold, and keep
// serving. Prints the outcomes as JSON.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { describeError } from '../../internal/jsvalue/tag.js';

const [wasmExec, runtimeJS, bindingJS, wasm] = process.argv.slice(2);
await import(pathToFileURL(wasmExec).href);
const { Runtime } = await import(pathToFileURL(runtimeJS).href);
const binding = await readFile(bindingJS, 'utf8');
const index = (method, fn) => Number(binding.match(new RegExp(`${method}\\('conformance\\.${fn}', (\\d+)`))[1]);

const runtime = new Runtime(await WebAssembly.compile(await readFile(wasm)), globalThis.Go, 'conformance');
await runtime.start();
const u32 = (n) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, n >>> 24];
const str = (s) => [...u32(s.length), ...Buffer.from(s)];
const bytes = (...parts) => Uint8Array.from(parts.flat());

const outcome = async (f) => {
  try {
    return { value: await f() };
  } catch (err) {
    return { error: describeError(err) };
  }
};
const join = index('callSync', 'join');
const memory = () => runtime.memory.buffer.byteLength;
const before = memory();
const out = {
  // parts: a count of 2^32 - 1 strings in 4 bytes.
  hugeCount: await outcome(() => runtime.invoke('conformance.join', join, bytes(u32(0xffffffff)), (r) => r.str())),
  // sep: a string, then a byte too many.
  leftOver: await outcome(() => runtime.invoke('conformance.join', join, bytes(u32(1), str('a'), str(','), [7]), (r) => r.str())),
  // s, a Shape: its name announces more bytes than follow.
  async: await outcome(() => runtime.callAsync('conformance.asyncWords', index('callAsync', 'asyncWords'), bytes(u32(100), [1, 2]), undefined, (r) => r.str(), [])),
  good: await outcome(() => runtime.invoke('conformance.join', join, bytes(u32(2), str('a'), str('b'), str('+')), (r) => r.str())),
  grewMiB: (memory() - before) / (1 << 20),
};
process.stdout.write(JSON.stringify(out), () => process.exit(0));
