// The Go modules each page runs first, by path: the entry starts
// downloading and compiling them (preload from @gowasm/bridge) before
// any framework code has loaded, and the React app again when a link is
// pointed at. A page's own load() then finds its module compiled, or on
// the way.
import { preload } from '@gowasm/bridge';
import hashingWasm from 'gowasm:hashing.wasm';
import imagingWasm from 'gowasm:imaging.wasm';
import tabularWasm from 'gowasm:tabular.wasm';

const modules = {
  '/image': [imagingWasm],
  '/hash': [hashingWasm],
  '/data': [tabularWasm],
  '/vue': [hashingWasm, tabularWasm],
};

/** Starts compiling the modules of the page at path, if it has any. */
export function preloadModules(path) {
  for (const url of modules[path.replace(/(.)\/$/, '$1')] ?? []) preload(url);
}
