// The app's entry: the Vue pages under /vue/, the React app everywhere
// else. Each is its own chunk, so neither framework is downloaded for the
// other's pages. The styles of both are here, in main.css: esbuild
// gathers the CSS an entry imports, not a lazily loaded chunk's.
import './style.css';
import 'uplot/dist/uPlot.min.css';
import { preloadRoute, showsFirstResult } from './routes.js';
import { firstResultShown } from './shared/timing.js';

preloadRoute(location.pathname, { start: true }).catch(() => {}); // the page's render reports it

if (location.pathname === '/vue' || location.pathname.startsWith('/vue/')) {
  import('./vue/main.js');
} else {
  import('./react/main.jsx');
}

// The service worker (public/sw.js) keeps the app's scripts for the next
// visit. Installing it fetches and compiles every script of the build, so
// it is registered once the page's start-up is over and the browser is
// idle: after the first result of a page that shows one as it opens (on
// 2 cores, registering at the load event, which comes before it, added
// 30-75 ms to a first visit's first result), else after the load event.
// Its URL names this build (the content hash in this entry's name), so
// that each deploy installs it.
if ('serviceWorker' in navigator) {
  const build = new URL(import.meta.url).pathname.replace(/^.*\/|\.js$/g, '');
  const register = async () => {
    try {
      await navigator.serviceWorker.register(`/sw.js?build=${encodeURIComponent(build)}`);
      const { active } = await navigator.serviceWorker.ready;
      // This very script is among those cached; when it is missing, ask.
      if ((await caches.match(import.meta.url)) === undefined) active?.postMessage('precache');
    } catch {
      // No service worker: every visit loads its scripts from the HTTP cache, nothing worse.
    }
  };
  const loaded = new Promise((resolve) => addEventListener('load', resolve, { once: true }));
  const startedUp = showsFirstResult(location.pathname) ? Promise.all([loaded, firstResultShown]) : loaded;
  startedUp.then(() => (globalThis.requestIdleCallback ?? setTimeout)(register, { timeout: 3000 }));
}
