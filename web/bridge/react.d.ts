import type { Binding, Closable, LoadOptions, LoadProgress, Remote } from './index.js';

/** Where a module loaded by useGo stands. */
export type GoStatus = 'loading' | 'ready' | 'error';

/**
 * What useGo returns; status tells which fields are set, so that
 * `if (status === 'ready')` makes api non-null.
 */
export type GoState<T> =
  | {
      readonly status: 'loading';
      readonly api: null;
      readonly error: null;
      /** The download so far; null before the first bytes or for a module given as bytes. */
      readonly progress: LoadProgress | null;
    }
  | { readonly status: 'ready'; readonly api: T; readonly error: null; readonly progress: LoadProgress | null }
  | {
      readonly status: 'error';
      readonly api: null;
      /** Why load() failed. */
      readonly error: Error;
      readonly progress: LoadProgress | null;
    };

/**
 * Loads a Go module on this thread for the component. Components naming
 * the same module (Go package, wasm URL, mode, pool size) share one load,
 * closed when the last of them unmounts; StrictMode does not load twice.
 * Options besides those four are read when the load starts.
 */
export function useGo<API>(binding: Binding<API>, options: LoadOptions & { mode?: 'inline' }): GoState<API & Closable>;
/** Loads a Go module into workers for the component; every export returns a Promise. */
export function useGo<API>(binding: Binding<API>, options: LoadOptions & { mode: 'worker' | 'pool' }): GoState<Remote<API> & Closable>;
/** Loads a Go module in a mode known only at run time. */
export function useGo<API>(binding: Binding<API>, options: LoadOptions): GoState<(API | Remote<API>) & Closable>;
