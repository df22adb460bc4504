// The JavaScript half of the fuzzer: it turns the values the Go side
// generated (JSON, see e2e/fuzz/value.go) into real, hostile JavaScript
// values, calls the API with them and reports what came back in the
// tagged form of e2e/internal/jsvalue. source() prints the same values as
// JavaScript built with hostile.js, for reproductions.
import { describeError, tag } from '../../internal/jsvalue/tag.js';
import * as hostile from './hostile.js';

const view = new DataView(new ArrayBuffer(8));

function number(hex) {
  view.setBigUint64(0, BigInt('0x' + hex));
  return view.getFloat64(0);
}

// Go's encoding/json leaves out empty fields: false, 0, "" and [] arrive
// as undefined.
function string(v) {
  if (v.k === 'str16') return String.fromCharCode(...(v.units ?? []));
  return v.rep ? (v.s ?? '').repeat(v.rep) : (v.s ?? '');
}

/**
 * The JavaScript value v describes, made in realm g. ctx holds the API
 * (for values that call back into it) and the other realm's global, and
 * collects what those calls return (reentered). A function records its
 * calls' arguments in calls.
 */
export function materialize(v, ctx, g = globalThis, calls = []) {
  switch (v.k) {
    case 'undef':
      return undefined;
    case 'null':
      return null;
    case 'bool':
      return v.b === true;
    case 'num':
      return number(v.n);
    case 'big':
      return BigInt(v.n);
    case 'str':
    case 'str16':
      return string(v);
    case 'sym':
      return Symbol('fuzz');
    case 'boxed':
      return Object(materialize(v.v, ctx, g));
    case 'arr':
      return hostile.array((v.items ?? []).map((x) => item(x, ctx, g)), g);
    case 'obj':
      return hostile.object((v.keys ?? []).map((k, i) => [string(k), item(v.vals[i], ctx, g)]), { proto: v.proto || 'object', g });
    case 'ta':
      return hostile.typedArray(v.ta, v.hex ?? '', { offset: v.off, buffer: v.buf, lie: v.lie }, g);
    case 'fake-ta':
      return hostile.fakeTypedArray(v.ta);
    case 'date':
      return hostile.date(number(v.n), { lie: v.lie }, g);
    case 'fake-date':
      return hostile.fakeDate();
    case 'blob':
      return hostile.blob(v.hex ?? '', g);
    case 'proxy':
      return hostile.proxy(materialize(v.v, ctx, g));
    case 'revoked':
      return hostile.revoked();
    case 'realm':
      return materialize(v.v, ctx, ctx.realm);
    case 'length-lie':
      return hostile.lengthLie(materialize(v.v, ctx, g), v.len);
    case 'fn': {
      return (...args) => {
        if (v.reenter) ctx.reentered.push(reenter(ctx.api));
        calls.push(args.map(tag));
      };
    }
  }
  throw new Error(`fuzz: no such value kind ${v.k}`);
}

/** An array item or property value: a Slot for an accessor, HOLE for a hole. */
function item(v, ctx, g) {
  if (v.k === 'hole') return hostile.HOLE;
  if (v.k !== 'get') return materialize(v, ctx, g);
  return hostile.getter(materialize(v.v, ctx, g), {
    then: v.then === undefined ? undefined : materialize(v.then, ctx, g),
    throws: v.throw,
    push: v.push,
    onRead: v.reenter ? () => ctx.reentered.push(reenter(ctx.api)) : undefined,
  });
}

/** A call back into the API from inside a call: its outcome, settled later. */
function reenter(api) {
  try {
    return Promise.resolve(api.int32(7)).then(tag, describeError);
  } catch (err) {
    return Promise.resolve(describeError(err));
  }
}

/** v as JavaScript source over hostile.js (imported as hostile), api and realm. */
export function source(v, realm = '') {
  const g = realm ? `, ${realm}` : '';
  switch (v.k) {
    case 'undef':
      return 'undefined';
    case 'null':
      return 'null';
    case 'bool':
      return String(v.b === true);
    case 'num': {
      const x = number(v.n);
      return Object.is(x, -0) ? '-0' : String(x);
    }
    case 'big':
      return `${v.n}n`;
    case 'str':
      return v.rep ? `${JSON.stringify(v.s ?? '')}.repeat(${v.rep})` : JSON.stringify(v.s ?? '');
    case 'str16':
      return JSON.stringify(string(v));
    case 'sym':
      return "Symbol('fuzz')";
    case 'boxed':
      return `Object(${source(v.v, realm)})`;
    case 'arr':
      return `hostile.array([${(v.items ?? []).map((x) => itemSource(x, realm)).join(', ')}]${g})`;
    case 'obj': {
      const entries = (v.keys ?? []).map((k, i) => `[${JSON.stringify(string(k))}, ${itemSource(v.vals[i], realm)}]`).join(', ');
      return `hostile.object([${entries}], { proto: '${v.proto || 'object'}'${realm ? `, g: ${realm}` : ''} })`;
    }
    case 'ta':
      return `hostile.typedArray('${v.ta}', '${v.hex ?? ''}', ${JSON.stringify({ offset: v.off, buffer: v.buf, lie: v.lie })}${g})`;
    case 'fake-ta':
      return `hostile.fakeTypedArray('${v.ta}')`;
    case 'date':
      return `hostile.date(${source({ k: 'num', n: v.n })}, ${JSON.stringify({ lie: v.lie })}${g})`;
    case 'fake-date':
      return 'hostile.fakeDate()';
    case 'blob':
      return `hostile.blob('${v.hex ?? ''}'${g})`;
    case 'proxy':
      return `hostile.proxy(${source(v.v, realm)})`;
    case 'revoked':
      return 'hostile.revoked()';
    case 'realm':
      return source(v.v, 'realm');
    case 'length-lie':
      return `hostile.lengthLie(${source(v.v, realm)}, ${v.len})`;
    case 'fn':
      return v.reenter ? '(...args) => { api.int32(7); }' : '(...args) => {}';
  }
  return `/* ${v.k}? */`;
}

function itemSource(v, realm) {
  if (v.k === 'hole') return 'hostile.HOLE';
  if (v.k !== 'get') return source(v, realm);
  const options = [];
  if (v.then !== undefined) options.push(`then: ${source(v.then, realm)}`);
  if (v.throw) options.push('throws: true');
  if (v.push) options.push('push: true');
  if (v.reenter) options.push('onRead: () => api.int32(7)');
  return `hostile.getter(${source(v.v, realm)}, { ${options.join(', ')} })`;
}

/** The source of a call of export fn with args. */
export function callSource(fn, args) {
  return `await api.${fn}(${args.map((a) => source(a)).join(', ')})`;
}

/**
 * Runs a batch of calls, in order: {fn, args} each. Returns each call's
 * outcome ({value} or {error}, with what callbacks received and what
 * calls back into the API returned), and the facts of the run: Go's
 * memory, and what escaped (uncaught exceptions) since the last batch.
 */
export async function runBatch(api, env, batch) {
  const outcomes = [];
  for (const c of batch.calls) {
    const ctx = { api, realm: env.realm, reentered: [] };
    const out = {};
    const calls = {}; // argument index → what the callback passed there received
    let args;
    try {
      args = (c.args ?? []).map((a, i) => materialize(a, ctx, globalThis, a.k === 'fn' ? (calls[i] = []) : []));
    } catch (err) {
      outcomes.push({ fuzzerError: String(err?.stack ?? err) });
      continue;
    }
    try {
      let r = api[c.fn](...args);
      if (r instanceof Promise) r = await r;
      out.value = tag(r);
    } catch (err) {
      out.error = describeError(err);
    }
    if (ctx.reentered.length > 0) out.reentered = await Promise.all(ctx.reentered);
    if (Object.keys(calls).length > 0) out.calls = calls;
    if (c.source) out.source = callSource(c.fn, c.args ?? []);
    outcomes.push(out);
  }
  return { outcomes, memory: await env.memory(), escaped: env.escaped.splice(0) };
}
