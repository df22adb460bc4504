// What the React and Vue pages of e2e/frameworks share: the input the test
// chose, a count of the Web Workers the page creates and terminates, and
// window.e2e, the steps frameworks_test.go runs and reads.
//
// Each page renders the same sections: #inline (useGo inline) and
// #worker-a, #worker-b (two components sharing one worker-mode load), each
// with data-status and an <output class="sha"> holding sha256Hex(input).
import computeWasm from 'gowasm:compute.wasm';

/** The text to hash, from ?text=. */
export const input = new TextEncoder().encode(new URLSearchParams(location.search).get('text') ?? '');

/** Counters, and the distinct APIs the components received (kept for after they unmount). */
export const probe = {
  workersCreated: 0,
  workersTerminated: 0,
  mounts: 0,
  unmounts: 0,
  apis: { inline: new Set(), worker: new Set() },
  /** Records the api a component of mode kind received. */
  saw(kind, api) {
    probe.apis[kind].add(api);
  },
};
const only = (kind) => [...probe.apis[kind]][0];

// Count workers: every Web Worker the bridge starts goes through this.
const NativeWorker = globalThis.Worker;
globalThis.Worker = class Worker extends NativeWorker {
  constructor(...args) {
    super(...args);
    probe.workersCreated++;
  }

  terminate() {
    probe.workersTerminated++;
    super.terminate();
  }
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check) {
  while (!check()) await sleep(20);
}

const sections = () => [...document.querySelectorAll('section[data-status]')];

/** How many times the page fetched the module (performance resource entries). */
function wasmFetches() {
  const url = new URL(computeWasm, location.href).href;
  return performance.getEntriesByType('resource').filter((e) => e.name === url).length;
}

function counts() {
  return {
    workersCreated: probe.workersCreated,
    workersTerminated: probe.workersTerminated,
    mounts: probe.mounts,
    unmounts: probe.unmounts,
    inlineAPIs: probe.apis.inline.size,
    workerAPIs: probe.apis.worker.size,
  };
}

/**
 * Installs window.e2e. setUsers(n) renders n worker-mode components
 * (n ≤ 2); unmount() unmounts the whole app.
 */
export function install({ setUsers, unmount }) {
  window.e2e = {
    /** Waits for every section to be ready with its hash, or for any failure. */
    async rendered() {
      const done = (s) => s.dataset.status === 'error' || (s.dataset.status === 'ready' && s.querySelector('.sha').textContent !== '');
      await until(() => sections().length === 3 && sections().every(done));
      return {
        sections: sections().map((s) => ({
          id: s.id,
          status: s.dataset.status,
          sha: s.querySelector('.sha').textContent,
          error: s.querySelector('.error')?.textContent ?? '',
          progress: s.querySelector('.progress')?.textContent ?? '',
        })),
        wasmURL: computeWasm,
        wasmFetches: wasmFetches(),
        ...counts(),
      };
    },

    /** Unmounts one of the two worker-mode components; the other keeps the worker. */
    async dropOne() {
      setUsers(1);
      await until(() => document.getElementById('worker-b') === null);
      await sleep(100); // well past the macrotask after which the cache closes an unused load
      const hex = await only('worker').sha256Hex(input).catch((err) => `${err.name}: ${err.message}`);
      return { sections: sections().map((s) => s.id), hex, ...counts() };
    },

    /** Unmounts the app; its modules must be closed and its worker terminated. */
    async unmountAll() {
      unmount();
      await sleep(100);
      const workerCall = await only('worker').sha256Hex(input).then((hex) => `resolved ${hex}`, (err) => err.message);
      let inlineCall;
      try {
        inlineCall = `returned ${only('inline').sha256Hex(input)}`;
      } catch (err) {
        inlineCall = err.message;
      }
      return { sections: sections().length, workerCall, inlineCall, wasmFetches: wasmFetches(), ...counts() };
    },
  };
}
