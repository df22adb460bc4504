// The wire format shared with wasmbridge/codec.go: little-endian numbers,
// uint32 lengths, int/uint as float64. Generated bindings call these
// methods from their per-type encoders and decoders.

const encoder = new TextEncoder();
// ignoreBOM: a Go string that starts with U+FEFF keeps it.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Lengths cross as int32 on the sync path: one call's encoded arguments,
 * and any one parameter, hold at most 2 GiB - 1 bytes.
 */
export const MAX_BYTES = 0x7fffffff;

/** Thrown by Writer when the arguments outgrow MAX_BYTES; the runtime names the parameter. */
export class TooLarge extends Error {}

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

  /**
   * Makes room for k more bytes and returns where they start. It may
   * replace buf and dv, so callers read those only after it returns.
   */
  reserve(k) {
    const need = this.n + k;
    if (need > this.buf.length) {
      if (need > MAX_BYTES) throw new TooLarge();
      this.grow(Math.min(Math.max(need, this.buf.length * 2), MAX_BYTES));
    }
    const at = this.n;
    this.n = need;
    return at;
  }

  bool(v) { const at = this.reserve(1); this.buf[at] = v ? 1 : 0; }
  i8(v) { const at = this.reserve(1); this.dv.setInt8(at, v); }
  u8(v) { const at = this.reserve(1); this.dv.setUint8(at, v); }
  i16(v) { const at = this.reserve(2); this.dv.setInt16(at, v, true); }
  u16(v) { const at = this.reserve(2); this.dv.setUint16(at, v, true); }
  i32(v) { const at = this.reserve(4); this.dv.setInt32(at, v, true); }
  u32(v) { const at = this.reserve(4); this.dv.setUint32(at, v, true); }
  f32(v) { const at = this.reserve(4); this.dv.setFloat32(at, v, true); }
  f64(v) { const at = this.reserve(8); this.dv.setFloat64(at, v, true); }
  i64(v) { const at = this.reserve(8); this.dv.setBigInt64(at, v, true); }
  u64(v) { const at = this.reserve(8); this.dv.setBigUint64(at, v, true); }
  len(n) { this.u32(n); }

  str(s) {
    const at = this.reserve(4 + s.length * 3);
    const { written } = encoder.encodeInto(s, this.buf.subarray(at + 4));
    this.dv.setUint32(at, written, true);
    this.n = at + 4 + written;
  }

  /**
   * Appends a TypedArray: its element count, then its raw bytes. bytes is
   * the view Checks.view took of it; size is its element size.
   */
  nums(bytes, size) {
    this.u32(bytes.length / size);
    const at = this.reserve(bytes.length);
    this.buf.set(bytes, at);
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

/**
 * Decodes UTF-8 from Go, refusing invalid bytes instead of replacing them
 * and keeping a leading U+FEFF.
 */
export function decodeUTF8(bytes) {
  let s;
  try {
    s = decoder.decode(bytes);
  } catch (err) {
    // Engines differ in what they throw for a string over their length
    // limit, so tell the two causes apart by validating in chunks.
    if (bytes.length > MAX_STRING_CHARS && isUTF8(bytes)) throw tooLong(bytes, err?.message);
    throw new TypeError('a Go string is not valid UTF-8; return []byte for binary data');
  }
  // Every UTF-16 code unit comes from at most 3 bytes of UTF-8: a shorter
  // string was cut, as Chromium's TextDecoder does (to "") past its limit.
  if (s.length * 3 < bytes.length) throw tooLong(bytes, `the engine returned ${s.length} characters`);
  return s;
}

function tooLong(bytes, detail) {
  return new RangeError(`a Go string of ${bytes.length} bytes is too long for a JavaScript string (${detail}); return []byte, or split it`);
}

/**
 * The shortest string length limit of the engines we run on (V8's
 * 2^29 - 24 UTF-16 units): UTF-8 bytes never decode to more units than
 * bytes, so a shorter string always fits.
 */
const MAX_STRING_CHARS = 0x1fffffe8;

function isUTF8(bytes) {
  const streaming = new TextDecoder('utf-8', { fatal: true });
  try {
    for (let at = 0; at < bytes.length; at += 1 << 26) streaming.decode(bytes.subarray(at, at + (1 << 26)), { stream: true });
    streaming.decode();
    return true;
  } catch {
    return false;
  }
}

export { encoder as utf8Encoder };
