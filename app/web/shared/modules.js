// The loads of Go modules the pages make, each named once as [binding,
// options]: the pages' useGo and the entry's preload (routes.js) must name
// the same load for the page to take over the instance the entry started.
import hashing from 'gowasm:hashing';
import hashingWasm, { size as hashingSize } from 'gowasm:hashing.wasm';
import imaging from 'gowasm:imaging';
import imagingWasm, { size as imagingSize } from 'gowasm:imaging.wasm';
import tabular from 'gowasm:tabular';
import tabularWasm, { size as tabularSize } from 'gowasm:tabular.wasm';
import { poolSize } from './pool.js';

/** The hasher on the main thread (text digests) and in a pool (files). */
export const hashingHere = [hashing, { wasm: hashingWasm, size: hashingSize }];
export const hashingPool = [hashing, { wasm: hashingWasm, size: hashingSize, mode: 'pool', workers: poolSize }];

/** The image studio's live preview on the main thread, and its full-size work in a pool. */
export const imagingHere = [imaging, { wasm: imagingWasm, size: imagingSize }];
export const imagingPool = [imaging, { wasm: imagingWasm, size: imagingSize, mode: 'pool', workers: poolSize }];

/** Statistics of small tables on the main thread, of large ones in a worker. */
export const tabularHere = [tabular, { wasm: tabularWasm, size: tabularSize }];
export const tabularWorker = [tabular, { wasm: tabularWasm, size: tabularSize, mode: 'worker' }];
