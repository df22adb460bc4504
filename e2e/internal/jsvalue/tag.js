// The JavaScript side of package jsvalue: the tagged JSON form of a value
// JavaScript received, built without the codec under test. See
// jsvalue.go for the form.

const view = new DataView(new ArrayBuffer(8));

/** The tagged form of v. */
export function tag(v) {
  switch (typeof v) {
    case 'number':
      if (Number.isNaN(v)) return { $num: 'NaN' };
      view.setFloat64(0, v);
      return { $num: view.getBigUint64(0).toString(16).padStart(16, '0') };
    case 'bigint':
      return { $big: v.toString() };
    case 'undefined':
      return { $undef: 1 };
    case 'object':
      if (v === null) return null;
      if (v instanceof Date) return { $date: tag(v.getTime()) };
      if (ArrayBuffer.isView(v)) return { $ta: v.constructor.name, $hex: hex(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
      if (Array.isArray(v)) return v.map(tag);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [key(k), tag(x)]));
    default:
      return v;
  }
}

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The TypedArray of kind Ctor with the bytes of a tagged one's $hex. */
export function untagTypedArray(t, Ctor) {
  const bytes = Uint8Array.from(t.$hex.match(/../g) ?? [], (b) => parseInt(b, 16));
  return new Ctor(bytes.buffer);
}

/** The tagged form of an object key: one more "$" in front of a "$". */
export function key(k) {
  return k.startsWith('$') ? `$${k}` : k;
}

/** The object key a tagged key stands for. */
export function untagKey(k) {
  return k.startsWith('$$') ? k.slice(1) : k;
}

/** A number from its tagged form. */
export function untagNumber(t) {
  if (t.$num === 'NaN') return NaN;
  view.setBigUint64(0, BigInt('0x' + t.$num));
  return view.getFloat64(0);
}

/** What an error looks like to the tests: its class and message, and Go's fields. */
export function describeError(err) {
  return {
    class: err?.constructor?.name ?? typeof err,
    name: err?.name,
    message: String(err?.message ?? err),
    ...(err?.goStack !== undefined ? { goStack: err.goStack } : {}),
  };
}
