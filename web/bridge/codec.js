// The wire format shared with wasmbridge/codec.go: little-endian numbers,
// uint32 lengths, int/uint as float64. Generated bindings call these
// methods from their per-type encoders and decoders.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Appends values to a growable buffer. One Writer is reused per call. */
export class Writer {
  constructor() {
    this.grow(256);
    this.n = 0;
  }

  grow(size) {
    const next = new Uint8Array(size);
    if (this.buf) next.set(this.buf.subarray(0, this.n));
    this.buf = next;
    this.dv = new DataView(next.buffer);
  }

  reset() {
    this.n = 0;
    return this;
  }

  reserve(k) {
    const need = this.n + k;
    if (need > this.buf.length) this.grow(Math.max(need, this.buf.length * 2));
    const at = this.n;
    this.n = need;
    return at;
  }

  bool(v) { this.buf[this.reserve(1)] = v ? 1 : 0; }
  i8(v) { this.dv.setInt8(this.reserve(1), v); }
  u8(v) { this.dv.setUint8(this.reserve(1), v); }
  i16(v) { this.dv.setInt16(this.reserve(2), v, true); }
  u16(v) { this.dv.setUint16(this.reserve(2), v, true); }
  i32(v) { this.dv.setInt32(this.reserve(4), v, true); }
  u32(v) { this.dv.setUint32(this.reserve(4), v, true); }
  f32(v) { this.dv.setFloat32(this.reserve(4), v, true); }
  f64(v) { this.dv.setFloat64(this.reserve(8), v, true); }
  i64(v) { this.dv.setBigInt64(this.reserve(8), v, true); }
  u64(v) { this.dv.setBigUint64(this.reserve(8), v, true); }
  len(n) { this.u32(n); }

  str(s) {
    const at = this.reserve(4 + s.length * 3);
    const { written } = encoder.encodeInto(s, this.buf.subarray(at + 4));
    this.dv.setUint32(at, written, true);
    this.n = at + 4 + written;
  }

  /** Appends a TypedArray: element count, then its raw bytes. */
  nums(a) {
    this.u32(a.length);
    const at = this.reserve(a.byteLength);
    this.buf.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
  }

  bytes() { return this.buf.subarray(0, this.n); }
}

/** Reads values from bytes produced by a wasmbridge.Encoder. */
export class Reader {
  /** @param {Uint8Array} u8 */
  constructor(u8) {
    this.buf = u8;
    this.dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
    this.at = 0;
  }

  take(k) {
    const at = this.at;
    this.at += k;
    return at;
  }

  bool() { return this.buf[this.take(1)] !== 0; }
  i8() { return this.dv.getInt8(this.take(1)); }
  u8() { return this.dv.getUint8(this.take(1)); }
  i16() { return this.dv.getInt16(this.take(2), true); }
  u16() { return this.dv.getUint16(this.take(2), true); }
  i32() { return this.dv.getInt32(this.take(4), true); }
  u32() { return this.dv.getUint32(this.take(4), true); }
  f32() { return this.dv.getFloat32(this.take(4), true); }
  f64() { return this.dv.getFloat64(this.take(8), true); }
  i64() { return this.dv.getBigInt64(this.take(8), true); }
  u64() { return this.dv.getBigUint64(this.take(8), true); }
  len() { return this.u32(); }

  str() {
    const n = this.len();
    const at = this.take(n);
    return n === 0 ? '' : decodeUTF8(this.buf.subarray(at, at + n));
  }

  /** Reads an array whose elements item(reader) decodes. */
  array(item) {
    const n = this.len();
    const a = new Array(n);
    for (let i = 0; i < n; i++) a[i] = item(this);
    return a;
  }

  /** Reads a map[string]V into a plain object whose values item(reader) decodes. */
  record(item) {
    const n = this.len();
    const o = {};
    for (let i = 0; i < n; i++) {
      const key = this.str();
      const value = item(this);
      // A plain assignment to "__proto__" would set the prototype instead.
      if (key === '__proto__') {
        Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
      } else {
        o[key] = value;
      }
    }
    return o;
  }

  /** Reads a TypedArray into a new, unshared array of type Ctor. */
  nums(Ctor) {
    const size = this.len() * Ctor.BYTES_PER_ELEMENT;
    const at = this.take(size);
    // Elements in the wire format are unaligned: copy bytes, then view.
    const bytes = new Uint8Array(size);
    bytes.set(this.buf.subarray(at, at + size));
    return new Ctor(bytes.buffer);
  }
}

/** Decodes UTF-8 from Go, refusing invalid bytes instead of replacing them. */
export function decodeUTF8(bytes) {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new TypeError('a Go string is not valid UTF-8; return []byte for binary data');
  }
}

export { encoder as utf8Encoder };
