// The URL of worker.js. Bundlers that do not follow new URL(…,
// import.meta.url) need a hand: `gowasm build` replaces this module with
// the URL of the worker bundle it writes, and load() takes options.worker.
export default new URL('./worker.js', import.meta.url);
