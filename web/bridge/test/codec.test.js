// Unit tests of the wire format, run by `node --test web/bridge/test/`.
// The expected bytes are written out by hand from the format's definition
// in wasmbridge/codec.go, independently of Writer and Reader.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Reader, Writer } from '../codec.js';
import { bytesOf } from '../values.js';

test('Writer lays out values little-endian as wasmbridge.Encoder does', () => {
  const w = new Writer();
  w.bool(true);
  w.i8(-2);
  w.u16(0xbeef);
  w.i32(-5);
  w.f64(-Infinity);
  w.i64(-2n);
  w.str('é\0');
  w.nums(bytesOf(new Int16Array([-1, 2])), 2);
  assert.deepEqual(Array.from(w.bytes()), [
    1, 0xfe, 0xef, 0xbe, 0xfb, 0xff, 0xff, 0xff,
    0, 0, 0, 0, 0, 0, 0xf0, 0xff,
    0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    3, 0, 0, 0, 0xc3, 0xa9, 0,
    2, 0, 0, 0, 0xff, 0xff, 2, 0,
  ]);
});

test('Writer grows past its first buffer', () => {
  const w = new Writer();
  const long = 'x'.repeat(10000) + '😀';
  w.str(long);
  w.u32(7);
  const r = new Reader(w.bytes());
  assert.equal(r.str(), long);
  assert.equal(r.u32(), 7);
});

// Every method, with its value landing at each offset around the end of
// the Writer's first buffer (256 bytes), where it must grow: the bytes
// must be what a DataView over a fresh buffer lays out.
test('Writer writes every value intact across the growth of its buffer', () => {
  const cases = [
    ['bool', true, 1, (dv) => dv.setUint8(0, 1)],
    ['i8', -2, 1, (dv) => dv.setInt8(0, -2)],
    ['u8', 254, 1, (dv) => dv.setUint8(0, 254)],
    ['i16', -300, 2, (dv) => dv.setInt16(0, -300, true)],
    ['u16', 0xbeef, 2, (dv) => dv.setUint16(0, 0xbeef, true)],
    ['i32', -5, 4, (dv) => dv.setInt32(0, -5, true)],
    ['u32', 0xdeadbeef, 4, (dv) => dv.setUint32(0, 0xdeadbeef, true)],
    ['f32', 1.5, 4, (dv) => dv.setFloat32(0, 1.5, true)],
    ['f64', -0.1, 8, (dv) => dv.setFloat64(0, -0.1, true)],
    ['i64', -2n, 8, (dv) => dv.setBigInt64(0, -2n, true)],
    ['u64', 2n ** 64n - 3n, 8, (dv) => dv.setBigUint64(0, 2n ** 64n - 3n, true)],
  ];
  for (const [method, value, size, layout] of cases) {
    const want = new Uint8Array(size);
    layout(new DataView(want.buffer));
    for (let offset = 248; offset <= 258; offset++) {
      const w = new Writer();
      for (let i = 0; i < offset; i++) w.u8(7);
      w[method](value);
      assert.deepEqual(Array.from(w.bytes().subarray(offset)), Array.from(want), `${method}(${value}) at offset ${offset}`);
      assert.ok(w.bytes().subarray(0, offset).every((b) => b === 7), `${method} at offset ${offset} kept the bytes before it`);
    }
  }
});

test('Reader keeps a leading U+FEFF of a Go string', () => {
  const w = new Writer();
  w.str('\ufeffa');
  w.len(1);
  w.str('\ufeff');
  w.str('\ufeffb');
  const r = new Reader(w.bytes());
  assert.equal(r.str(), '\ufeffa');
  assert.deepEqual(Object.keys(r.record((x) => x.str())), ['\ufeff']);
});

test('Reader reads what Writer wrote, including edge values', () => {
  const w = new Writer().reset();
  w.u64(2n ** 64n - 1n);
  w.f32(Math.fround(0.1));
  w.f64(-0);
  w.str('');
  w.nums(bytesOf(new Float64Array([NaN, 1.5])), 8);
  w.len(2);
  w.str('__proto__');
  w.i32(1);
  w.str('a');
  w.i32(2);
  const r = new Reader(w.bytes());
  assert.equal(r.u64(), 2n ** 64n - 1n);
  assert.equal(r.f32(), Math.fround(0.1));
  assert.ok(Object.is(r.f64(), -0));
  assert.equal(r.str(), '');
  const floats = r.nums(Float64Array);
  assert.ok(Number.isNaN(floats[0]) && floats[1] === 1.5);
  const record = r.record((x) => x.i32());
  assert.equal(Object.getPrototypeOf(record), Object.prototype, '__proto__ key must not change the prototype');
  assert.deepEqual(Object.keys(record), ['__proto__', 'a']);
  assert.equal(record.a, 2);
});

test('Reader refuses invalid UTF-8 instead of replacing it', () => {
  const r = new Reader(Uint8Array.from([2, 0, 0, 0, 0xff, 0xfe]));
  assert.throws(() => r.str(), TypeError);
});

test('TypedArrays read from the wire are unaligned-safe copies', () => {
  const w = new Writer();
  w.u8(9); // misalign what follows
  w.nums(bytesOf(new Float64Array([1, 2])), 8);
  const bytes = w.bytes();
  const r = new Reader(bytes);
  r.u8();
  const out = r.nums(Float64Array);
  bytes.fill(0);
  assert.deepEqual(Array.from(out), [1, 2]);
});
