// Type-checked against the reference .d.ts files by TestTypeScript.
// Every @ts-expect-error line must stay an error.
import { load, GoError, GoPanicError, GoWorkerError, type CallOptions, type LoadProgress } from '@gowasm/bridge';
import asyncBinding, { type AsyncAPI, type Item } from './async.js';
import composite, { type Point, type Shape, type Tree } from './composite.js';
import js from './js.js';
import scalars, { type ScalarsAPI } from './scalars.js';
import scalarOnly from './scalaronly.js';
import clashes, { type Item as ClashItem } from './v.js';

const api: ScalarsAPI = await load(scalars, { wasm: new URL('scalars.wasm', 'https://example.test/') });
const sum: number = api.add(1, 2);
const wide: bigint = api.kinds(true, 1, 2, 3, 4, 5, 6, 7, 8n, 9n, 1.5, 2.5);
const hex: string = api.sha256Hex(new Uint8Array(4));
api.sha256Hex(new Uint8ClampedArray(4)); // canvas pixels are accepted
const text: string = api.htmlToText('<b>x</b>');
const scaled: Float64Array = api.scale(new Float64Array(2), 2);
const nothing: void = api.check('x');
const empty: boolean = api.isEmpty('');
// @ts-expect-error int32 parameters are numbers, not bigints
api.add(1n, 2);
// @ts-expect-error int64 parameters are bigints
api.kinds(true, 1, 2, 3, 4, 5, 6, 7, 8, 9n, 1.5, 2.5);
// @ts-expect-error []float64 is a Float64Array, not a number[]
api.scale([1, 2], 2);
// @ts-expect-error arity is exact
api.add(1);

const shapes = await load(composite, { wasm: 'composite.wasm' });
const shape: Shape = {
  name: 'square', points: [{ x: 0, y: 0 }], tags: { a: 'b' }, id: 1n,
  data: new Uint8Array(0), grouped: { all: [] }, Plain: true, 'with-dash': 3,
};
const c: Point = shapes.centroid(shape);
const moved: Shape = shapes.translate(shape, 1);
const words: string[] = shapes.words('a b');
const counts: Record<string, number> = shapes.histogram(words, { a: 1.5 });
const trees: Tree[] = shapes.walk({ value: 1, children: [] });
// @ts-expect-error a missing field is a type error
shapes.centroid({ name: 'x' });
// @ts-expect-error json:"-" fields do not exist in JavaScript
const skipped = shape.Skipped;

const work: AsyncAPI = await load(asyncBinding, { wasm: 'async.wasm' });
const controller = new AbortController();
const options: CallOptions = { signal: controller.signal };
const items: Item[] = [{ name: 'a', data: new Uint8Array(1) }];
const digest: Promise<string> = work.hash(items, (done: bigint, total: bigint) => {}, options);
const waited: Promise<void> = work.wait();
work.tick(3, (i: number, label: string) => {}, () => {});
const found: Promise<Record<string, Item>> = work.lookup(['a']);
const pixels: Promise<string> = work.digest(new Uint8ClampedArray(4));
// @ts-expect-error async exports return promises
const direct: string = work.hash(items, () => {});
// @ts-expect-error progress reports bigints
work.hash(items, (done: string) => {});

const keywords = await load(js, { wasm: 'js.wasm' });
const joined: string = keywords.keywords('a', 'b', 3);
const flag: boolean = keywords.unnamed(1, 's');

const only = await load(scalarOnly, { wasm: 'scalaronly.wasm' });
const half: number = only.half(only.add(1, 2));

// Names that collide with generated code, keywords and __proto__.
const v = await load(clashes, { wasm: 'v.wasm' });
const item: ClashItem = { __proto__: 'own property', d: 1 };
const made: number = v.new(1, 'x', true);
const framed: ClashItem = v.frame(item, { key: item });
const later: Promise<{ [key: string]: number }> = v.later(item, (n: number, s: string) => {});
const records: Record<string, number> = await later;
// @ts-expect-error the map values are numbers
const wrongRecords: Record<string, string> = await later;

// Worker and pool modes: the same bindings, every export a Promise.
const remote = await load(scalars, {
  wasm: 'scalars.wasm', mode: 'pool', workers: 2, size: 1024,
  onProgress: ({ loaded, total }: LoadProgress) => console.log(loaded, total ?? 'unknown'),
});
const remoteSum: Promise<number> = remote.add(1, 2, { signal: controller.signal, throttle: 0 });
// @ts-expect-error in worker and pool modes sync exports return Promises
const remoteDirect: number = remote.add(1, 2);
// @ts-expect-error arity is still exact
remote.add(1);
remote.close();
const worker = await load(asyncBinding, { wasm: 'async.wasm', mode: 'worker' });
const sum32: Promise<number> = worker.checksum(new File([], 'empty.bin'), (done: bigint, total: bigint) => {}, { throttle: 50 });
// @ts-expect-error a wasmbridge.Reader takes a Blob
work.checksum(new Uint8Array(1), () => {});
// @ts-expect-error there is no such mode
load(scalars, { wasm: 'scalars.wasm', mode: 'thread' });
only.close();

try {
  api.check('');
} catch (err) {
  if (err instanceof GoError) console.log(err.goMessage, err.function);
  if (err instanceof GoPanicError) console.log(err.goStack);
  if (err instanceof GoWorkerError) console.log(err.function);
}
export { remoteSum, remoteDirect, sum32, pixels, half, made, framed, records, wrongRecords, sum, wide, hex, text, scaled, nothing, empty, c, moved, counts, trees, digest, waited, found, joined, flag, skipped, direct };

// omitempty fields are optional; exactOptionalPropertyTypes keeps them from taking undefined.
import optional, { type Options } from './optional.js';
const opts = await load(optional, { wasm: 'optional.wasm' });
const normal: Options = opts.normalize({ Scale: 1, '-': '' });
const label: string | undefined = normal.label;
opts.normalize({ Scale: 1, label: 'x', count: 2, tags: [], extra: {}, '-': 'dash', Enabled: true });
// @ts-expect-error a field without omitempty is required
opts.normalize({ label: 'x', '-': '' });
// @ts-expect-error an optional field is absent, never undefined
opts.normalize({ Scale: 1, '-': '', label: undefined });
// @ts-expect-error json:"-" fields do not exist in JavaScript
opts.normalize({ Scale: 1, '-': '', Secret: 's' });

// Pointers are T | null.
import pointers, { type Node } from './pointers.js';
const lists = await load(pointers, { wasm: 'pointers.wasm' });
const list: Node = { value: 1, next: { value: 2, next: null } };
const n: number = lists.length(list) + lists.length(null);
const found1: string | null = lists.find(['a', null], null);
// @ts-expect-error a pointer takes null, not undefined
lists.length(undefined);
// @ts-expect-error a non-optional pointer field is required
const broken: Node = { value: 1 };
// @ts-expect-error a pointer result may be null
const sure: string = lists.find([], 'a');

// Embedded structs' fields are promoted, with encoding/json's conflict rules.
import embedded, { type Entry } from './embedded.js';
const entries = await load(embedded, { wasm: 'embedded.wasm' });
const entry: Entry = entries.describe({ id: 'a', version: 1, named: { Title: 't' }, size: 2 });
// @ts-expect-error Base.Name and Meta.Name tie, so neither crosses
entries.describe({ id: 'a', version: 1, named: { Title: 't' }, size: 2, name: 'n' });

// Enums are literal unions, with their constants in a frozen object.
import enums, { Mode, Level, Big, Color } from './enums.js';
const modes = await load(enums, { wasm: 'enums.wasm' });
const mode: Mode = modes.run(Mode.Fast, Level.Warn);
const raw: Mode = modes.run('exact', 0);
const levels: Level[] = modes.levels();
const big: Big = modes.biggest(Big.Huge);
// @ts-expect-error a string outside the enum
modes.run('slow', 0);
// @ts-expect-error a number outside the enum
modes.run('fast', 5);
// @ts-expect-error the constants are read-only
Mode.Fast = 'exact';
const red: Color = modes.paint(Color.Red);
// @ts-expect-error the type's name is stripped from its constants' keys
modes.paint(Color.ColorRed);

// Several results are a tuple.
import tuples from './tuples.js';
const math = await load(tuples, { wasm: 'tuples.wasm' });
const [q, r]: [number, number] = math.divMod(7, 2);
const halves: [string, string] = math.split('ab', 1);
// @ts-expect-error a tuple is not an object
const quotient: number = math.divMod(7, 2).q;
// @ts-expect-error a tuple has exactly its results
const [a1, b1, c1] = math.divMod(7, 2);

// time.Duration is a number of milliseconds; time.Time is a Date.
import durations, { type Timer } from './durations.js';
import times, { type Event } from './times.js';
const clock = await load(durations, { wasm: 'durations.wasm' });
const ms: number = clock.double(1.5);
const timer: Timer = clock.next({ every: 1000 });
const calendar = await load(times, { wasm: 'times.wasm' });
const when: Date = calendar.later(new Date(), 1000);
const event: Event = calendar.reschedule({ at: new Date(), ends: null });
// @ts-expect-error a time.Time is a Date, not a number
calendar.later(0, 1000);

// Doc comments are JSDoc; Deprecated: paragraphs are @deprecated.
import docs, { Unit } from './docs.js';
const geometry = await load(docs, { wasm: 'docs.wasm' });
const d: number = geometry.distance({ x: 0, y: 0 }, { x: 3, y: 4 }, Unit.Metre);
