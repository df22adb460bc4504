// The entry of workers.html, a script of its own: the production
// Content-Security-Policy allows no inline script.
import { runWorkers } from './workers.js';

globalThis.bench = runWorkers('/assets/module.wasm').then((r) => JSON.stringify(r));
