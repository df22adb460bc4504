// Runs the wasicalc module through @gowasm/bridge in Node: load() sees a
// WASI module and runs it with node:wasi, no wasm_exec.js. Prints JSON
// facts for wasi_test.go, which compares them with native Go.
const [bridge, bindingPath, wasm, command] = process.argv.slice(2);
const { load } = await import(bridge);
const { default: binding } = await import(bindingPath);

const facts = {};
const outcome = (f) => {
  try {
    const v = f();
    return { value: typeof v === 'bigint' ? v.toString() : ArrayBuffer.isView(v) ? Array.from(v) : v };
  } catch (err) {
    return { class: err.constructor.name, message: err.message, code: err.code };
  }
};

facts.hasGo = typeof globalThis.Go;
const api = await load(binding, { wasm });
facts.add = outcome(() => api.add(2147483000, 600));
facts.mul64 = outcome(() => api.mul64(-3n, 1234567890123n));
facts.greet = outcome(() => api.greet('wasi ✓ 𝄞'));
facts.scale = outcome(() => api.scale(new Float64Array([1.5, -2, 1e300]), 2));
facts.reverse = outcome(() => api.reverse(new Uint8Array([1, 2, 3, 250])));
facts.mid = outcome(() => api.mid({ x: 1, y: 2, label: 'a', tags: ['p'] }, { x: 3, y: 6, tags: ['q', 'r'] }));
facts.midSame = outcome(() => api.mid({ x: 1, y: 1, tags: [] }, { x: 1, y: 1, tags: [] }));
facts.count = outcome(() => api.count({ a: 2, b: 40 }));
facts.badArg = outcome(() => api.add(1, 'two'));
facts.calls = [outcome(() => api.calls()), outcome(() => api.calls())];
facts.boom = outcome(() => api.boom('bad'));
facts.afterBoom = outcome(() => api.calls());
facts.exit = outcome(() => api.exit(3));
facts.afterExit = outcome(() => api.calls());
const slept = performance.now();
facts.sleep = outcome(() => api.sleep(30));
facts.sleepMs = performance.now() - slept;
facts.deadlock = outcome(() => api.deadlock());
facts.afterDeadlock = outcome(() => api.calls());
facts.afterDeadlockAdd = outcome(() => api.add(1, 2));
let worker;
try {
  await load(binding, { wasm, mode: 'worker', wasmExec: new URL('file:///nonexistent/wasm_exec.js') });
  worker = { value: 'loaded' };
} catch (err) {
  worker = { class: err.constructor.name, message: err.message };
}
facts.worker = worker;
api.close();
facts.closed = outcome(() => api.add(1, 2));
try {
  await load(binding, { wasm: command });
  facts.command = { value: 'loaded' };
} catch (err) {
  facts.command = { class: err.constructor.name, message: err.message };
}
console.log(JSON.stringify(facts));
