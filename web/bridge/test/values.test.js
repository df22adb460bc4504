// Unit tests of values.js: what a value really is, asked without trusting
// it. The expectations are JavaScript's own semantics (internal slots,
// realms), checked against objects built to lie.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import vm from 'node:vm';
import { blobOf, bytesOf, isAbortSignal, isRecord, show, typedArrayKind } from '../values.js';

const realm = vm.runInNewContext('globalThis');

test('TypedArrays are known by their internal slots, in any realm, whatever they say', () => {
  const liar = new Uint8Array([1, 2, 3]);
  Object.defineProperty(liar, 'length', { value: 1e6 });
  Object.defineProperty(liar, 'byteLength', { value: 1e6 });
  class Sub extends Float64Array {
    get byteLength() { throw new Error('asked'); }
  }
  assert.equal(typedArrayKind(liar), 'Uint8Array');
  assert.deepEqual(Array.from(bytesOf(liar)), [1, 2, 3]);
  assert.equal(bytesOf(new Sub([1])).length, 8);
  assert.equal(typedArrayKind(new realm.Int16Array(2)), 'Int16Array');
  for (const impostor of [new Proxy(new Uint8Array(1), {}), Object.create(Uint8Array.prototype), [1], {}, 'x', null, undefined]) {
    assert.equal(typedArrayKind(impostor), undefined, show(impostor));
  }
});

test('a view keeps its own offset and length, and a detached buffer is no view', () => {
  const buffer = new ArrayBuffer(16);
  new Uint8Array(buffer).set([9, 9, 1, 2, 3, 4, 9, 9]);
  assert.deepEqual(Array.from(bytesOf(new Uint16Array(buffer, 2, 2))), [1, 2, 3, 4]);
  const gone = new Uint8Array(4);
  structuredClone(gone.buffer, { transfer: [gone.buffer] });
  assert.equal(bytesOf(gone), undefined);
  assert.equal(bytesOf(new Uint8Array(0)).length, 0);
});

test('records are plain objects of any realm, and nothing else', () => {
  for (const record of [{}, Object.create(null), realm.Object(), realm.Object.create(null), new Proxy({}, {})]) {
    assert.ok(isRecord(record));
  }
  for (const other of [[], new Map(), new (class {})(), new Uint8Array(1), null, 'x', () => {}]) {
    assert.ok(!isRecord(other), show(other));
  }
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  assert.throws(() => isRecord(proxy), TypeError);
});

test('Blobs are known by brand and handed on as real Blobs; AbortSignals by brand', async () => {
  class Sneaky extends Blob {
    slice() { throw new Error('asked'); }
  }
  for (const blob of [new Blob(['xy']), new File(['xy'], 'f'), new Sneaky(['xy'])]) {
    const real = blobOf(blob);
    assert.equal(Object.getPrototypeOf(real), Blob.prototype);
    assert.equal(await real.text(), 'xy');
  }
  assert.equal(blobOf({ size: 1, slice() {} }), undefined);
  assert.equal(blobOf(Object.create(Blob.prototype)), undefined);
  assert.ok(isAbortSignal(AbortSignal.abort()) && !isAbortSignal({ aborted: false }));
});

test('show describes anything without throwing', () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  const cases = [
    [proxy, /throws when inspected/],
    [new Proxy(new Uint8Array(1), {}), /not a real Uint8Array/],
    [Object.create(Float32Array.prototype), /not a real Float32Array/],
    [{ constructor: { name: Symbol('x') } }, /^an Object$/],
    [new Proxy({}, { getPrototypeOf() { throw new Error('no'); } }), /throws when inspected/],
    [Symbol('s'), /^a symbol$/],
    [10n, /^10n$/],
    [new realm.Uint8Array(1), /^a Uint8Array$/],
  ];
  for (const [value, want] of cases) assert.match(show(value), want);
});
