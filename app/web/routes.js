// What each page needs, by path: its code (React pages) and the Go
// modules it runs first. The entry starts loading both for the page it
// opens, before any framework code has loaded, so that the page's code,
// React and the modules download and compile side by side; the React app
// does the same when a link is pointed at. A page's own load() then finds
// its module compiled, or on the way (preload from @gowasm/bridge).
import { preload } from '@gowasm/bridge';
import hashingWasm from 'gowasm:hashing.wasm';
import imagingWasm from 'gowasm:imaging.wasm';
import tabularWasm from 'gowasm:tabular.wasm';

const routes = {
  '/': { page: () => import('./react/pages/Home.jsx') },
  '/image': { page: () => import('./react/pages/Image.jsx'), modules: [imagingWasm] },
  '/hash': { page: () => import('./react/pages/Hash.jsx'), modules: [hashingWasm] },
  '/data': { page: () => import('./react/pages/Data.jsx'), modules: [tabularWasm] },
  '/bench': { page: () => import('./react/pages/Bench.jsx') },
  '/vue': { modules: [hashingWasm, tabularWasm] },
};

const pages = new Map(); // path → the import of its React page

/** The path as routes names it: without a trailing slash, but for /. */
export function routePath(path) {
  return path.replace(/(.)\/$/, '$1');
}

/**
 * Starts loading what the page at path needs: its Go modules and its
 * React code. Resolves with the page's ES module, or undefined for a
 * path without a React page.
 */
export function preloadRoute(path) {
  const route = routes[routePath(path)];
  for (const url of route?.modules ?? []) preload(url);
  if (route?.page === undefined) return Promise.resolve(undefined);
  let loading = pages.get(route);
  if (loading === undefined) {
    loading = route.page();
    pages.set(route, loading);
    loading.catch(() => pages.delete(route)); // a later visit tries again
  }
  return loading;
}
