// Hostile JavaScript values: what the fuzzer passes to the bridge, and
// what the reproductions it prints are written with. Import these into a
// test, with the API and another realm's global, to paste a reproduction:
//
//   import * as hostile from './e2e/fuzz/js/hostile.js';
//   const realm = vm.runInNewContext('globalThis'); // or an iframe's contentWindow
//   api.items(hostile.array([hostile.getter(1, { then: 'x' })]));

/** In array(items): leaves a hole. */
export const HOLE = Symbol('hole');

/**
 * An accessor slot of an object or array: the first read returns first,
 * later reads return then. throws makes every read throw; onRead runs on
 * every read (e.g. a call back into the API); push appends an element to
 * the array that holds the slot.
 */
export class Slot {
  constructor(first, { then, throws = false, onRead, push = false } = {}) {
    Object.assign(this, { first, then, throws, onRead, push });
    slots.add(this);
  }

  define(target, key) {
    let reads = 0;
    const slot = this;
    Object.defineProperty(target, key, {
      enumerable: true,
      configurable: true,
      get() {
        slot.onRead?.();
        if (slot.push) target.push(0);
        if (slot.throws) throw new Error(`the getter of ${String(key)} throws`);
        return reads++ === 0 ? slot.first : slot.then;
      },
    });
  }
}

// Slots are told apart without instanceof, which a revoked Proxy throws on.
const slots = new WeakSet();
const isSlot = (v) => typeof v === 'object' && v !== null && slots.has(v);

export function getter(first, options) {
  return new Slot(first, options);
}

/** An array of items (Slots become accessors, HOLE leaves a hole), made in realm g. */
export function array(items, g = globalThis) {
  const a = new g.Array(items.length);
  items.forEach((item, i) => {
    if (item === HOLE) return;
    if (isSlot(item)) item.define(a, i);
    else a[i] = item;
  });
  return a;
}

class Instance {}

/**
 * An object with own enumerable properties from entries ([key, value or
 * Slot]), even "__proto__", made in realm g. proto: 'object' (a plain
 * object), 'null' (no prototype), 'class' (an instance of a class), 'map'
 * (a Map, its entries as properties).
 */
export function object(entries, { proto = 'object', g = globalThis } = {}) {
  const o = proto === 'null' ? g.Object.create(null) : proto === 'class' ? new Instance() : proto === 'map' ? new g.Map() : new g.Object();
  for (const [key, value] of entries) {
    if (isSlot(value)) value.define(o, key);
    else Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return o;
}

/** A Proxy that forwards everything to target. */
export function proxy(target) {
  return new Proxy(target, {});
}

/** A revoked Proxy: every question about it throws. */
export function revoked() {
  const { proxy: p, revoke } = Proxy.revocable([], {});
  revoke();
  return p;
}

/** A Proxy of array a whose length answers truly once, then later. */
export function lengthLie(a, later) {
  let asked = 0;
  return new Proxy(a, {
    get(target, key, receiver) {
      if (key === 'length') return asked++ === 0 ? target.length : later;
      return Reflect.get(target, key, receiver);
    },
  });
}

/**
 * A TypedArray of kind over bytes (hex), made in realm g. offset puts it
 * that many bytes into a larger buffer; buffer 'shared' or 'resizable'
 * picks the ArrayBuffer; lie 'own' gives it own length, byteLength and
 * byteOffset properties that lie, 'subclass' makes it an instance of a
 * subclass whose getters lie, 'detached' transfers its buffer away.
 */
export function typedArray(kind, hex, { offset = 0, buffer, lie } = {}, g = globalThis) {
  const bytes = Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
  const size = offset + bytes.length + 8;
  const ab = buffer === 'shared' ? new g.SharedArrayBuffer(size) : buffer === 'resizable' ? new g.ArrayBuffer(size, { maxByteLength: 2 * size }) : new g.ArrayBuffer(size);
  new Uint8Array(ab).fill(0xee).set(bytes, offset);
  const Ctor = g[kind];
  let a;
  if (lie === 'subclass') {
    const Liar = class extends Ctor {
      get length() { return 1e6; }
      get byteLength() { return 1e6; }
      get byteOffset() { return 0; }
      get buffer() { return new ArrayBuffer(8); }
    };
    a = new Liar(ab, offset, bytes.length / Ctor.BYTES_PER_ELEMENT);
  } else {
    a = new Ctor(ab, offset, bytes.length / Ctor.BYTES_PER_ELEMENT);
  }
  if (lie === 'own') {
    for (const key of ['length', 'byteLength']) Object.defineProperty(a, key, { value: 1e6 });
    Object.defineProperty(a, 'byteOffset', { value: 0 });
  }
  if (lie === 'detached') structuredClone(ab, { transfer: [ab] });
  return a;
}

/** A Blob of bytes (hex), made in realm g (a vm context has no Blob: then this realm's). */
export function blob(hex, g = globalThis) {
  return new (g.Blob ?? Blob)([Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16))]);
}

/** An object with a TypedArray's prototype but none of its internal slots. */
export function fakeTypedArray(kind) {
  return Object.create(globalThis[kind].prototype);
}

/**
 * A Date of time value ms, made in realm g; lie 'subclass' makes it an
 * instance of a subclass whose getTime and valueOf lie.
 */
export function date(ms, { lie } = {}, g = globalThis) {
  if (lie !== 'subclass') return new g.Date(ms);
  const Liar = class extends g.Date {
    getTime() { return 42; }
    valueOf() { return 42; }
  };
  return new Liar(ms);
}

/** An object with Date's prototype but no time value. */
export function fakeDate() {
  return Object.create(Date.prototype);
}
