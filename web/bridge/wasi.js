// The runtime of a wasip1 module (gowasm module -target wasip1, built with
// GOOS=wasip1 -buildmode=c-shared) in Node: Node's node:wasi runs it, with
// no wasm_exec.js. Calls take the same sync path, through the same call
// frame, as a GOOS=js module inline; what differs is how an instance
// starts and dies. load() picks this runtime when a module imports
// wasi_snapshot_preview1.
//
// Under wasip1 a sync export that waits really waits (time.Sleep blocks
// the thread), and a wait nothing can end is Go's "all goroutines are
// asleep" fatal error: a trap, reported as GoTrapError. os.Exit is a
// GoExitError. Either way the next call starts a fresh instance.

import { nodeModule } from './node.js';
import { ABI, Runtime } from './runtime.js';
import { GoExitError } from './errors.js';
import { showThrown } from './values.js';

export class WasiRuntime extends Runtime {
  /**
   * @param {WebAssembly.Module} module
   * @param {string} label what to call the module in errors
   */
  constructor(module, label) {
    super(module, null, label);
    this.goVersion = undefined; // a reactor has no handshake to tell it
    this.exposed = {};
  }

  /** Instantiates the module and runs its package initialization. */
  async start() {
    const host = this.host();
    this.run(host, await WebAssembly.instantiate(this.module, host.imports));
  }

  /** Starts a fresh instance synchronously, after a fault or an exit. */
  restart() {
    const host = this.host();
    this.run(host, new WebAssembly.Instance(this.module, host.imports));
  }

  /**
   * A WASI host for one instance: node:wasi's imports, with proc_exit
   * made to record the exit code and unwind, and the instance's state as
   * Runtime keeps it for a GOOS=js instance.
   */
  host() {
    const { WASI } = wasiModule(this.label);
    const wasi = new WASI({ version: 'preview1', returnOnExit: true });
    const imports = wasi.getImportObject();
    const state = { exited: false, exitCode: undefined, discarded: false, fate: null, _scheduledTimeouts: new Map() };
    imports.wasi_snapshot_preview1.proc_exit = (code) => {
      state.exited = true;
      state.exitCode = code;
      throw new WasiExit(code);
    };
    return { wasi, imports, state };
  }

  run({ wasi, state }, instance) {
    if (typeof instance.exports._start === 'function') {
      throw new Error(`${this.label}: a WASI command, not a reactor; build it with gowasm module -target wasip1 (GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared)`);
    }
    try {
      wasi.initialize(instance); // Go's _initialize: the runtime and package init
    } catch (err) {
      if (state.exited) throw new GoExitError(this.label, state.exitCode, ' during initialization');
      throw new Error(`${this.label}: the module trapped during initialization: ${showThrown(err)}`, { cause: err });
    }
    const x = instance.exports;
    if (typeof x.gowasm__abi !== 'function' || typeof x.gowasm__frame !== 'function') {
      throw new Error(`${this.label}: a WASI module without gowasm's exports; build it with gowasm module -target wasip1`);
    }
    const abi = x.gowasm__abi();
    if (abi !== ABI) {
      throw new Error(`${this.label}: the module speaks wasmbridge ABI ${abi}, this @gowasm/bridge speaks ${ABI}; regenerate it with a matching gowasm`);
    }
    this.go = state;
    this.x = x;
    this.memory = x.memory;
    this.frameAddress = x.gowasm__frame();
    this.refresh();
  }

  callAsync(fn) {
    return Promise.reject(new Error(`${fn}: a wasip1 module has no async exports`));
  }
}

/** What proc_exit throws to unwind the Go code that called os.Exit. */
class WasiExit extends Error {
  constructor(code) {
    super(`exit code ${code}`);
    this.code = code;
  }
}

/**
 * node:wasi, without the ExperimentalWarning Node 20 prints when it is
 * first loaded: load() is what chose it, not the user.
 */
function wasiModule(label) {
  const process = globalThis.process;
  const emit = process?.emitWarning;
  if (emit) {
    process.emitWarning = function (warning, ...rest) {
      const text = String(warning?.message ?? warning);
      if (text.startsWith('WASI')) return;
      return emit.call(this, warning, ...rest);
    };
  }
  try {
    const wasi = nodeModule('node:wasi');
    if (wasi === undefined) throw new Error(`${label} is a WASI module (wasip1): it runs in Node 20.16 or later, through node:wasi`);
    return wasi;
  } finally {
    if (emit) process.emitWarning = emit;
  }
}
