// Wrong uses of the adapters, for ../types.test.js: tsc must reject this
// file with exactly the errors marked `expect TS<code>` on each line
// (no @ts-expect-error here, so a type that turned into any would show as
// a missing error).

import { useGo as useGoReact } from '@gowasm/bridge/react';
import { useGo as useGoVue } from '@gowasm/bridge/vue';
import compute from './compute.js';

declare const wasm: string;
const bytes = new Uint8Array(3);

export function Component(): string {
  const { api } = useGoReact(compute, { wasm, mode: 'worker' });
  const hex: string = api!.sha256Hex(bytes); // expect TS2322
  api.close(); // expect TS18047
  useGoReact(compute, { wasm, mode: 'threads' }); // expect TS2769
  return hex;
}

export function setup(): void {
  const { api, status } = useGoVue(compute, { wasm });
  api.value!.primes('10'); // expect TS2345
  status.value = 'ready'; // expect TS2540
  useGoVue(compute, { mode: 'pool' }); // expect TS2769
}
