// The bridge benchmark, shared by Node and Chromium. It measures, in one
// run, side by side: the generated fast path, the raw //go:wasmexport
// call, a hand-written js.FuncOf equivalent and plain JavaScript.

import { measure } from '../../../app/web/shared/measure.js';

function calls(add) {
  return measure((n) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum = add(sum & 0xffff, i & 0xffff);
    if (sum === -1) throw new Error('unreachable');
  });
}

function roundTrip(echo, size) {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = i * 31;
  const check = echo(data);
  if (check.length !== size || check[size - 1] !== data[size - 1] || check === data) {
    throw new Error(`echo of ${size} bytes returned the wrong bytes`);
  }
  const ns = measure((n) => {
    for (let i = 0; i < n; i++) echo(data);
  });
  return size / (1 << 20) / (ns / 1e9); // payload MiB/s
}

const plainAdd = (a, b) => (a + b) | 0;
const plainEcho = (data) => data.slice();

export function runBench(api, instance) {
  const raw = instance.exports.gowasm_add;
  const { add: funcOfAdd, echo: funcOfEcho } = instance.exposed;
  if (api.add(2, 3) !== 5 || raw(2, 3) !== 5 || funcOfAdd(2, 3) !== 5) throw new Error('add is broken');
  const result = {
    nsPerCall: {
      fastPath: calls((a, b) => api.add(a, b)),
      rawExport: calls(raw),
      funcOf: calls(funcOfAdd),
      plainJS: calls(plainAdd),
    },
    mibPerSecond: {},
  };
  for (const [label, size] of [['1MiB', 1 << 20], ['16MiB', 16 << 20]]) {
    result.mibPerSecond[label] = {
      fastPath: roundTrip((d) => api.echo(d), size),
      funcOf: roundTrip(funcOfEcho, size),
      plainJS: roundTrip(plainEcho, size),
    };
  }
  return result;
}
