// Module hooks for slow-channel.mjs: the main thread's import of the
// bridge's channel.js takes DELAY_MS longer, as a download over a slow
// network does. Workers load theirs at once (Node's hooks stay on the
// thread that registered them, and the delay names remote.js anyway).
export const DELAY_MS = 500;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === './channel.js' && context.parentURL?.endsWith('/remote.js')) {
    await new Promise((wait) => setTimeout(wait, DELAY_MS));
  }
  return nextResolve(specifier, context);
}
