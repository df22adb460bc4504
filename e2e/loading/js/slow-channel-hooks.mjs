// Module hooks for slow-channel.mjs: the main thread's import of the
// bridge's channel.js is held, as a slow download would hold it, until
// the main thread posts 'release' on the port it registered these hooks
// with. The hooks post 'held' when they begin to hold it. Only remote.js's
// import is held, never a worker's (worker.js imports channel.js too).

let port;
let release;
const released = new Promise((resolve) => (release = resolve));

export function initialize(data) {
  port = data.port;
  port.on('message', (message) => message === 'release' && release());
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === './channel.js' && context.parentURL?.endsWith('/remote.js')) {
    port.postMessage('held');
    await released;
  }
  return nextResolve(specifier, context);
}
