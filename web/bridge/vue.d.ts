import type { MaybeRefOrGetter, Ref, ShallowRef } from 'vue';
import type { Binding, Closable, LoadOptions, LoadProgress, Remote } from './index.js';

/** Where a module loaded by useGo stands. */
export type GoStatus = 'loading' | 'ready' | 'error';

/** What useGo returns: refs that follow the load. */
export interface UseGo<T> {
  /** The loaded API once status is 'ready', else null. */
  readonly api: Readonly<ShallowRef<T | null>>;
  readonly status: Readonly<Ref<GoStatus>>;
  /** Why load() failed, once status is 'error', else null. */
  readonly error: Readonly<ShallowRef<Error | null>>;
  /** The download so far; null before the first bytes or for a module given as bytes. */
  readonly progress: Readonly<ShallowRef<LoadProgress | null>>;
}

/**
 * Loads a Go module on this thread for the current component (call it in
 * setup() or an effectScope). Components naming the same module (Go
 * package, wasm URL, mode, pool size) share one load, closed when the last
 * of them is unmounted. options may be a ref or a getter: a change of what
 * it names releases the old module and loads the new one.
 */
export function useGo<API>(binding: Binding<API>, options: MaybeRefOrGetter<LoadOptions & { mode?: 'inline' }>): UseGo<API & Closable>;
/** Loads a Go module into workers for the current component; every export returns a Promise. */
export function useGo<API>(binding: Binding<API>, options: MaybeRefOrGetter<LoadOptions & { mode: 'worker' | 'pool' }>): UseGo<Remote<API> & Closable>;
/** Loads a Go module in a mode known only at run time. */
export function useGo<API>(binding: Binding<API>, options: MaybeRefOrGetter<LoadOptions>): UseGo<(API | Remote<API>) & Closable>;
