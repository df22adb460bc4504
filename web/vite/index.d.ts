import type { Plugin } from 'vite';

/** Options of the gowasm plugin. */
export interface GowasmOptions {
  /**
   * The Go packages to build, as patterns relative to the Go module, e.g.
   * ['./calc']. Each is imported as gowasm:NAME (its binding) and
   * gowasm:NAME.wasm (its module's URL and size), NAME its package name.
   */
  packages: string[];
  /** The directory of the Go module; by default the nearest go.mod at or above Vite's root. */
  goModule?: string;
  /** How to run the module's gowasm CLI; by default ['go', 'tool', 'gowasm']. */
  command?: string[];
  /** Where the bindings and modules are written; by default node_modules/.gowasm under Vite's root. */
  outDir?: string;
  /**
   * The declaration file of the gowasm: imports, kept current for tsc; by
   * default src/gowasm-env.d.ts, or gowasm-env.d.ts where there is no
   * src/. false writes none.
   */
  dts?: string | false;
}

/** The Vite plugin: Go packages as gowasm:NAME imports. */
export default function gowasm(options: GowasmOptions): Plugin;
