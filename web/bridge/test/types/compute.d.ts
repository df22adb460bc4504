// A binding as `gowasm bind` writes it for ../../../../app/compute (trimmed
// of doc comments), for the type checks of the React and Vue adapters.

import type { Binding as $Binding, CallOptions as $CallOptions } from '@gowasm/bridge';

export interface Summary {
  count: number;
  mean: number;
  min: number;
  max: number;
  stdDev: number;
}

export interface ComputeAPI {
  sha256Hex(data: Uint8Array | Uint8ClampedArray): string;
  stats(values: Float64Array): Summary;
  primes(limit: number): Int32Array;
  blur(pix: Uint8Array | Uint8ClampedArray, width: number, height: number, radius: number): Uint8Array;
  countdown(n: number, intervalMS: number, progress: (left: number, total: number) => void, options?: $CallOptions): Promise<string>;
}

declare const binding: $Binding<ComputeAPI>;
export default binding;
