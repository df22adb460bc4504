// Unit tests of the wire format, run by `node --test web/bridge/test/`.
// The expected bytes are written out by hand from the format's definition
// in wasmbridge/codec.go, independently of Writer and Reader.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Reader, Writer } from '../codec.js';

test('Writer lays out values little-endian as wasmbridge.Encoder does', () => {
  const w = new Writer();
  w.bool(true);
  w.i8(-2);
  w.u16(0xbeef);
  w.i32(-5);
  w.f64(-Infinity);
  w.i64(-2n);
  w.str('é\0');
  w.nums(new Int16Array([-1, 2]));
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

test('Reader reads what Writer wrote, including edge values', () => {
  const w = new Writer().reset();
  w.u64(2n ** 64n - 1n);
  w.f32(Math.fround(0.1));
  w.f64(-0);
  w.str('');
  w.nums(new Float64Array([NaN, 1.5]));
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
  w.nums(new Float64Array([1, 2]));
  const bytes = w.bytes();
  const r = new Reader(bytes);
  r.u8();
  const out = r.nums(Float64Array);
  bytes.fill(0);
  assert.deepEqual(Array.from(out), [1, 2]);
});
