// The app's service worker: it keeps the app's scripts in CacheStorage and
// has the browser serve them from there through the Static Routing API,
// without running this worker. (Chromium keeps a V8 code cache beside the
// classic wasm_exec.js it caches, but compiles the module scripts again on
// every visit; see README, "Start-up".) A script missing from the cache
// comes from the network. The page registers it as /sw.js?build=ID, a URL
// of its own per build, so that a deploy installs it afresh: it caches the
// new build's scripts and drops the last one's.
const build = new URL(location.href).searchParams.get('build') ?? 'unknown';
const PREFIX = 'gowasm-scripts-';
const CACHE = PREFIX + build;

self.addEventListener('install', (event) => {
  // Without static routes the cache could only be served by a fetch
  // handler, which would start this worker for every request: slower.
  if (typeof event.addRoutes !== 'function') {
    self.skipWaiting();
    return;
  }
  const scripts = new URLPattern({ pathname: '/assets/*.js' });
  event.waitUntil(Promise.all([event.addRoutes([{ condition: { urlPattern: scripts }, source: 'cache' }]), precache()]).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// A page asks again when it finds the cache gone: another service worker
// of the origin may delete the caches it does not own (go-app's, under
// /goapp/, does when it activates).
self.addEventListener('message', (event) => {
  if (event.data === 'precache') event.waitUntil(precache());
});

/** Caches every script the build lists in its asset manifest; a failure caches none and installs anyway. */
async function precache() {
  try {
    const response = await fetch('/asset-manifest.json', { cache: 'no-cache' });
    if (!response.ok) return;
    const { assets } = await response.json();
    const paths = assets.map((a) => `/${a.path}`).filter((p) => p.startsWith('/assets/') && p.endsWith('.js'));
    await (await caches.open(CACHE)).addAll(paths);
  } catch {
    await caches.delete(CACHE);
  }
}
