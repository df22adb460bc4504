// What identifies a load of a module: the key under which the adapters'
// cache shares one load, and under which load() takes over the instance
// a preload(binding, options) started.
//
// Internal to @gowasm/bridge: package.json does not export it.

/**
 * What identifies a load: the Go package, the module (its URL, or the
 * identity of the bytes, Module or Response), the mode, in pool mode the
 * pool size, and whether workers may share memory. Other options (size, throttle, wasmExec, worker, go,
 * signal, onProgress) are taken from the first user of a key.
 */
export function loadKey(binding, options) {
  const o = options ?? {};
  const mode = o.mode ?? 'inline';
  const workers = mode === 'pool' ? String(o.workers ?? 'default') : mode === 'worker' ? '1' : '';
  const pkg = typeof binding?.goPackage === 'string' ? binding.goPackage : identity(binding);
  const channels = mode !== 'inline' && o.sharedMemory === false ? 'messages' : '';
  return JSON.stringify([pkg, wasmKey(o.wasm), String(mode), workers, channels]);
}

const ids = new WeakMap();
let nextID = 1;

/** A name for an object that lasts as long as the object. */
function identity(value) {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return `${typeof value}:${String(value)}`;
  let id = ids.get(value);
  if (id === undefined) {
    id = `#${nextID++}`;
    ids.set(value, id);
  }
  return id;
}

function wasmKey(wasm) {
  if (typeof wasm === 'string' || wasm instanceof URL) {
    // Two spellings of one URL ('/m.wasm' and 'https://host/m.wasm') are one module.
    try {
      return `url:${typeof location !== 'undefined' ? new URL(wasm, location.href).href : String(wasm)}`;
    } catch {
      return `url:${String(wasm)}`;
    }
  }
  return identity(wasm);
}
