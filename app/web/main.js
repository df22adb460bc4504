// The app's entry: the Vue pages under /vue/, the React app everywhere
// else. Each is its own chunk, so neither framework is downloaded for the
// other's pages. The styles of both are here, in main.css: esbuild
// gathers the CSS an entry imports, not a lazily loaded chunk's.
import './style.css';
import 'uplot/dist/uPlot.min.css';
import { preloadRoute } from './routes.js';

preloadRoute(location.pathname, { start: true }).catch(() => {}); // the page's render reports it

if (location.pathname === '/vue' || location.pathname.startsWith('/vue/')) {
  import('./vue/main.js');
} else {
  import('./react/main.jsx');
}

// The service worker (public/sw.js) keeps the app's scripts compiled for
// the next visit. It is registered once the page is idle, so that caching
// the scripts never slows the first visit, under a URL naming this build
// (the content hash in this entry's name), so that each deploy installs it.
if ('serviceWorker' in navigator) {
  const build = new URL(import.meta.url).pathname.replace(/^.*\/|\.js$/g, '');
  const register = async () => {
    try {
      await navigator.serviceWorker.register(`/sw.js?build=${encodeURIComponent(build)}`);
      const { active } = await navigator.serviceWorker.ready;
      // This very script is among those cached; when it is missing, ask.
      if ((await caches.match(import.meta.url)) === undefined) active?.postMessage('precache');
    } catch {
      // No service worker: every visit compiles its scripts, nothing worse.
    }
  };
  addEventListener('load', () => (globalThis.requestIdleCallback ?? setTimeout)(register, { timeout: 3000 }), { once: true });
}
