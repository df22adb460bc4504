// What a JavaScript value really is, asked without trusting it. Arguments
// may be Proxies, subclasses with lying getters, objects from another
// realm (an iframe, a vm context) or revoked Proxies that throw on every
// question. Brands are read through the built-in getters, which look at
// internal slots: they work across realms, run no user code, and cannot
// be faked by own properties or subclass overrides.

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const getter = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;

const taTag = getter(TypedArrayPrototype, Symbol.toStringTag);
const taBuffer = getter(TypedArrayPrototype, 'buffer');
const taByteOffset = getter(TypedArrayPrototype, 'byteOffset');
const taByteLength = getter(TypedArrayPrototype, 'byteLength');
const blobSize = typeof Blob === 'function' ? getter(Blob.prototype, 'size') : undefined;
const blobSlice = typeof Blob === 'function' ? Blob.prototype.slice : undefined;
const signalAborted = typeof AbortSignal === 'function' ? getter(AbortSignal.prototype, 'aborted') : undefined;
const signalReason = typeof AbortSignal === 'function' ? getter(AbortSignal.prototype, 'reason') : undefined;
const { addEventListener, removeEventListener } = EventTarget.prototype;
const dateGetTime = Date.prototype.getTime;

/** The TypedArray kind of v ('Float64Array'...), or undefined: never throws, never runs user code. */
export function typedArrayKind(v) {
  return taTag.call(v);
}

/**
 * The bytes of TypedArray v as a fresh Uint8Array view, taken from its
 * internal slots; its kind must have been checked. Returns undefined when
 * its buffer is detached.
 */
export function bytesOf(v) {
  const n = taByteLength.call(v);
  const buffer = taBuffer.call(v);
  if (n === 0) return isDetached(buffer) ? undefined : new Uint8Array(0);
  return new Uint8Array(buffer, taByteOffset.call(v), n);
}

function isDetached(buffer) {
  try {
    new Uint8Array(buffer, 0, 0); // throws on a detached buffer (Node 20 lacks ArrayBuffer.prototype.detached)
    return false;
  } catch {
    return true;
  }
}

/**
 * A Blob of this realm with the contents of v, a Blob or File of any
 * realm (sliced, which shares the data), or undefined: what is read and
 * posted to workers is then a real Blob, whatever v is or overrides.
 */
export function blobOf(v) {
  return brand(blobSize, v) ? blobSlice.call(v) : undefined;
}

/**
 * The time value of v, a Date of any realm (NaN for an Invalid Date), or
 * undefined when v is no Date: read from its internal slot, so a
 * subclass's getTime or a Proxy cannot answer for it.
 */
export function dateValue(v) {
  if (typeof v !== 'object' || v === null) return undefined;
  try {
    return dateGetTime.call(v);
  } catch {
    return undefined;
  }
}

/** True for an AbortSignal of any realm. */
export function isAbortSignal(v) {
  return brand(signalAborted, v);
}

/**
 * The state of a call's signal, an AbortSignal that passed isAbortSignal
 * or undefined (no signal: never aborted), read through its intrinsic
 * accessors.
 */
export const signals = {
  aborted: (s) => s !== undefined && signalAborted.call(s),
  reason: (s) => signalReason.call(s),
  listen: (s, f) => s !== undefined && addEventListener.call(s, 'abort', f),
  unlisten: (s, f) => s !== undefined && removeEventListener.call(s, 'abort', f),
};

function brand(get, v) {
  if (get === undefined || typeof v !== 'object' || v === null) return false;
  try {
    get.call(v);
    return true;
  } catch {
    return false;
  }
}

/**
 * True for a plain object of any realm, the JavaScript form of
 * map[string]V: its prototype is null, or an Object.prototype (whose own
 * prototype is null). Proxies answer through their traps, which may throw.
 */
export function isRecord(v) {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Describes v for an error message; never throws. */
export function show(v) {
  try {
    switch (typeof v) {
      case 'string':
        return v.length > 40 ? `a string of length ${v.length}` : JSON.stringify(v);
      case 'bigint':
        return `${v}n`;
      case 'symbol':
        return 'a symbol';
      case 'function':
        return 'a function';
      case 'undefined':
        return 'undefined';
      case 'object':
        return showObject(v);
      default:
        return String(v);
    }
  } catch {
    return 'an object that throws when inspected (a revoked Proxy?)';
  }
}

function showObject(v) {
  if (v === null) return 'null';
  const kind = typedArrayKind(v);
  if (kind !== undefined) return bytesOf(v) === undefined ? `a ${kind} over a detached ArrayBuffer (it was transferred)` : `a ${kind}`;
  if (Array.isArray(v)) return 'an array';
  const name = Object.getPrototypeOf(v)?.constructor?.name;
  if (typeof name !== 'string' || name === '') return 'an object';
  if (/^(Big)?(Uint|Int|Float)(8|16|32|64)(Clamped)?Array$/.test(name)) {
    return `an object that is not a real ${name} (a Proxy, or an object with its prototype)`;
  }
  return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
}

/** Describes something thrown by user code (a getter, a Proxy trap); never throws. */
export function showThrown(err) {
  try {
    if (err instanceof Error || (typeof err === 'object' && err !== null && typeof err.message === 'string')) {
      const name = typeof err.name === 'string' ? err.name : 'Error';
      return `${name}: ${err.message}`;
    }
    return typeof err === 'string' ? err : show(err);
  } catch {
    return show(err);
  }
}
