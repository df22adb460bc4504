// The URL of worker.js beside this module, where unbundled code (Node,
// plain ES modules in a browser) finds it. Bundlers replace this module
// with the URL of their bundle of the worker: `gowasm build` and
// @gowasm/vite do; with another bundler, pass options.worker. It is
// computed rather than written new URL('./worker.js', import.meta.url),
// which bundlers would copy, unbundled and unused, into every build.
export default import.meta.url.replace(/[^/]*$/, 'worker.js');
