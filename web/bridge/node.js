// Node's built-in modules, for the parts of @gowasm/bridge that run in
// Node: reading a module from a file: URL, and worker threads for worker
// and pool modes. They are reached through process.getBuiltinModule
// (Node 20.16+) rather than imported, so that a browser bundle holds no
// Node module for a bundler to resolve, externalize or warn about, and no
// top-level await that a classic (iife) worker bundle refuses.

/** The built-in module name (e.g. 'node:worker_threads'), or undefined outside Node. */
export function nodeModule(name) {
  return globalThis.process?.getBuiltinModule?.(name);
}
