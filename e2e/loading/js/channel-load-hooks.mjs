// Module hooks for channel-load.mjs, on the main thread's import of the
// bridge's channel.js (remote.js's; never a worker's, whose worker.js
// imports it too). With data.fail the import fails, as a chunk removed by
// a new deployment does. Otherwise it is held, as a slow download would
// hold it, until the main thread posts 'release' on data.port; the hooks
// post 'held' when they begin to hold it.

let port;
let fail = false;
let release;
const released = new Promise((resolve) => (release = resolve));

export function initialize(data) {
  ({ port, fail } = data);
  port.on('message', (message) => message === 'release' && release());
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === './channel.js' && context.parentURL?.endsWith('/remote.js')) {
    if (fail) throw new Error('channel.js: 404 Not Found');
    port.postMessage('held');
    await released;
  }
  return nextResolve(specifier, context);
}
