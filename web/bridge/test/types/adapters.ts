// Type checks of @gowasm/bridge/react and @gowasm/bridge/vue, run by
// ../types.test.js with `tsc -p web/bridge/test/types` (strict). Every
// `@ts-expect-error` line must be an error, or tsc fails on it.

import { useEffect, useState } from 'react';
import { computed, ref, type Ref, type ShallowRef } from 'vue';
import { preload, PRELOAD_KEEP_MS, type Closable, type LoadProgress, type Remote } from '@gowasm/bridge';
import { useGo as useGoReact, type GoState, type GoStatus } from '@gowasm/bridge/react';
import { useGo as useGoVue, type UseGo } from '@gowasm/bridge/vue';
import compute, { type ComputeAPI, type Summary } from './compute.js';

declare const wasm: string;
declare const size: number;
const bytes = new Uint8Array([1, 2, 3]);

/** Exact type equality, for results that must not widen to any. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

// React, inline (the default mode): sync exports return their results.
export function InlineComponent(): string {
  const { api, status, error, progress } = useGoReact(compute, { wasm, size, onProgress: (p) => void p.loaded });
  assertType<Equal<typeof api, (ComputeAPI & Closable) | null>>();
  assertType<Equal<typeof status, GoStatus>>();
  assertType<Equal<typeof error, Error | null>>();
  assertType<Equal<typeof progress, LoadProgress | null>>();
  // @ts-expect-error api is null until the module is ready
  api.sha256Hex(bytes);
  if (status === 'error') return error.message; // narrowed: error is an Error
  if (status !== 'ready') return progress ? `${progress.loaded} of ${progress.total ?? '?'}` : 'loading';
  const hex: string = api.sha256Hex(bytes); // narrowed: api is set
  const s: Summary = api.stats(new Float64Array([1, 2]));
  // @ts-expect-error inline sync exports return values, not Promises
  const wrong: Promise<string> = api.sha256Hex(bytes);
  // @ts-expect-error parameters keep their Go types
  api.primes('100');
  api.close();
  return hex + s.count + String(wrong);
}

// React, worker and pool modes: every export returns a Promise and takes CallOptions.
export function WorkerComponent(): string {
  const state = useGoReact(compute, { wasm, mode: 'worker' });
  assertType<Equal<typeof state, GoState<Remote<ComputeAPI> & Closable>>>();
  const [hex, setHex] = useState('');
  useEffect(() => {
    if (state.status !== 'ready') return;
    const controller = new AbortController();
    const p: Promise<string> = state.api.sha256Hex(bytes, { signal: controller.signal, throttle: 0 });
    p.then(setHex);
    // @ts-expect-error in a worker every export returns a Promise
    const sync: string = state.api.sha256Hex(bytes);
    void sync;
    return () => controller.abort();
  }, [state]);
  const pool = useGoReact(compute, { wasm, mode: 'pool', workers: 4 });
  if (pool.api !== null) {
    const primes: Promise<Int32Array> = pool.api.primes(10);
    void primes;
    // @ts-expect-error an unknown export
    pool.api.nope();
  }
  // A mode known only at run time: either form.
  const mode = Math.random() > 0.5 ? ('inline' as const) : ('worker' as const);
  const either = useGoReact(compute, { wasm, mode });
  assertType<Equal<typeof either.api, ((ComputeAPI | Remote<ComputeAPI>) & Closable) | null>>();
  // @ts-expect-error options.wasm is required
  useGoReact(compute, { mode: 'worker' });
  // @ts-expect-error not a mode
  useGoReact(compute, { wasm, mode: 'thread' });
  // @ts-expect-error the first argument is a binding
  useGoReact({ name: 'compute' }, { wasm });
  // @ts-expect-error the state is read-only
  state.status = 'ready';
  return hex;
}

// Vue: refs, options as a plain object, a ref or a getter.
export function setupInline(): string {
  const { api, status, error, progress } = useGoVue(compute, { wasm, size });
  assertType<Equal<typeof api.value, (ComputeAPI & Closable) | null>>();
  assertType<Equal<typeof status.value, GoStatus>>();
  assertType<Equal<typeof error.value, Error | null>>();
  assertType<Equal<typeof progress.value, LoadProgress | null>>();
  const apiRef: Readonly<ShallowRef<(ComputeAPI & Closable) | null>> = api;
  const statusRef: Readonly<Ref<'loading' | 'ready' | 'error'>> = status;
  // @ts-expect-error api.value may be null
  api.value.sha256Hex(bytes);
  // @ts-expect-error the refs are read-only
  status.value = 'ready';
  const hex = computed(() => api.value?.sha256Hex(bytes) ?? '');
  const text: string = hex.value;
  return text + String(apiRef.value) + statusRef.value;
}

export function setupWorker(): void {
  const go: UseGo<Remote<ComputeAPI> & Closable> = useGoVue(compute, { wasm, mode: 'worker' });
  go.api.value?.sha256Hex(bytes).then((hex: string) => hex.length);
  // @ts-expect-error in a worker every export returns a Promise
  const sync: string | undefined = go.api.value?.sha256Hex(bytes);
  void sync;
  const workers = ref(2);
  const pool = useGoVue(compute, () => ({ wasm, mode: 'pool' as const, workers: workers.value }));
  const p: Promise<Int32Array> | undefined = pool.api.value?.primes(10);
  void p;
  const options = ref({ wasm, mode: 'inline' as const });
  const inline = useGoVue(compute, options);
  const n: number | undefined = inline.api.value?.primes(10).length;
  void n;
  // @ts-expect-error options.wasm is required
  useGoVue(compute, { mode: 'pool' });
  // @ts-expect-error the first argument is a binding
  useGoVue('compute', { wasm });
}

// preload: a module's URL, or a whole load that a later load() or useGo takes over.
export async function preloads(): Promise<number> {
  const compiled: Promise<void> = preload(wasm);
  const started: Promise<void> = preload(compute, { wasm, size, mode: 'pool', workers: 2 });
  await Promise.all([compiled, started]);
  // @ts-expect-error a binding's load needs its options
  void preload(compute);
  // @ts-expect-error the options are load()'s
  void preload(compute, { wasm, mode: 'threads' });
  return PRELOAD_KEEP_MS;
}
