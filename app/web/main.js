// The app's entry: the Vue pages under /vue/, the React app everywhere
// else. Each is its own chunk, so neither framework is downloaded for the
// other's pages. The styles of both are here, in main.css: esbuild
// gathers the CSS an entry imports, not a lazily loaded chunk's.
import './style.css';
import 'uplot/dist/uPlot.min.css';
import { preloadModules } from './routes.js';

preloadModules(location.pathname);

if (location.pathname === '/vue' || location.pathname.startsWith('/vue/')) {
  import('./vue/main.js');
} else {
  import('./react/main.jsx');
}

// A fixed-name service worker (it only claims the page); see public/sw.js.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => {});
}
