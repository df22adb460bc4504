// What each page needs, by path: its code (React pages), the loads of Go
// modules it starts, the loads it starts later (its own code does, once
// its first result is on its way) and the sample it opens with. The entry
// starts the page it opens before any framework code has loaded: its
// modules download and compile, its main-thread instances start and its
// sample arrives, beside the page's code and React; the page's useGo then
// takes over each instance, ready or on the way (preload from
// @gowasm/bridge). Pointing at a link only fetches and compiles, the later
// loads too: instances start for the page the user opens.
import { preload } from '@gowasm/bridge';
import { hashingHere, hashingPool, imagingHere, imagingPool, tabularHere, tabularWorker } from './shared/modules.js';
import { sampleCSV, samplePreview } from './shared/samples.js';
import { thumbnail } from './shared/thumbnail.js';

const routes = {
  '/': { page: () => import('./react/pages/Home.jsx') },
  '/image': { page: () => import('./react/pages/Image.jsx'), loads: [imagingHere, imagingPool], sample: () => samplePreview().then(thumbnail) },
  '/hash': { page: () => import('./react/pages/Hash.jsx'), loads: [hashingHere, hashingPool] },
  '/data': { page: () => import('./react/pages/Data.jsx'), loads: [tabularHere, tabularWorker], sample: sampleCSV },
  '/bench': { page: () => import('./react/pages/Bench.jsx') },
  '/vue': { loads: [hashingHere, hashingPool], later: [tabularWorker] },
};

const pages = new Map(); // path → the import of its React page

/** The path as routes names it: without a trailing slash, but for /. */
export function routePath(path) {
  return path.replace(/(.)\/$/, '$1');
}

/** Whether the page at path shows a result computed by Go as it opens (and marks first-result). */
export function showsFirstResult(path) {
  return routes[routePath(path)]?.loads !== undefined;
}

/**
 * Starts loading what the page at path needs: its React code, its
 * sample and its Go modules, compiled; with start, also the page's
 * instances on the main thread, which show its first result. Resolves
 * with the page's ES module, or undefined for a path without a React page.
 */
export function preloadRoute(path, { start = false } = {}) {
  const route = routes[routePath(path)];
  route?.sample?.().catch(() => {}); // the page reports it when it opens the sample
  for (const [binding, options] of route?.loads ?? []) {
    if (start && (options.mode ?? 'inline') === 'inline') preload(binding, options);
    else preload(options.wasm);
  }
  if (!start) for (const [, options] of route?.later ?? []) preload(options.wasm);
  if (route?.page === undefined) return Promise.resolve(undefined);
  let loading = pages.get(route);
  if (loading === undefined) {
    loading = route.page();
    pages.set(route, loading);
    loading.catch(() => pages.delete(route)); // a later visit tries again
  }
  return loading;
}
