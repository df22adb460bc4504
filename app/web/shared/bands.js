// Filtering an image in horizontal bands across a pool of Go workers:
// each band carries the rows of context its filter needs (imaging.halo),
// so the result is the same, byte for byte, as one pass over the image.
// The image studio and the benchmark page share it.
import { poolSize } from './pool.js';

/** The largest image the studio takes: 50 megapixels (200 MB of pixels). */
export const maxPixels = 50e6;

/** Resolves in a later task, letting the browser handle input and paint first. */
export function nextTask() {
  return globalThis.scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve));
}

/**
 * Bands of rows for the pool: more bands than workers, so that a worker
 * that finishes early takes another, and small enough (about 2 MB of
 * pixels) that handing one to a worker is a short task; each at least
 * 16 rows.
 */
function bands(width, height) {
  const bySize = Math.ceil((4 * width * height) / 2e6);
  const count = Math.max(1, Math.min(Math.max(poolSize * 3, bySize), Math.floor(height / 16)));
  return Array.from({ length: count }, (_, i) => [Math.floor((i * height) / count), Math.floor(((i + 1) * height) / count)]);
}

/**
 * Starts band(from, to) for each band, one per task, so that copying the
 * bands' pixels to the workers never holds the main thread for long, and
 * settles when all are done; it stops starting bands once signal aborts.
 */
async function inBands(parts, signal, band, onBand) {
  const started = [];
  let done = 0;
  for (const [from, to] of parts) {
    if (signal.aborted) break;
    const p = band(from, to).then(() => onBand(++done, parts.length));
    p.catch(() => {}); // observed below, by Promise.all
    started.push(p);
    await nextTask();
  }
  await Promise.all(started);
  signal.throwIfAborted();
}

/** Runs filter over image in bands across the pool; rejects when signal aborts. */
export async function filterInBands(api, image, filter, signal, onBand) {
  const { width, height, data } = image;
  const halo = await api.halo(filter, { signal });
  const rowBytes = 4 * width;
  const out = new Uint8ClampedArray(data.length);
  await inBands(bands(width, height), signal, async (from, to) => {
    const top = Math.max(0, from - halo);
    const src = data.subarray(top * rowBytes, Math.min(height, to + halo) * rowBytes);
    out.set(await api.applyRows(src, width, height, top, from, to, filter, { signal }), from * rowBytes);
  }, onBand);
  return new ImageData(out, width, height);
}

/** Resizes image by scale with Lanczos, output rows in bands across the pool. */
export async function resizeInBands(api, image, scale, signal, onBand) {
  const { width, height, data } = image;
  const newWidth = Math.max(1, Math.round(width * scale));
  const newHeight = Math.max(1, Math.round(height * scale));
  if (newWidth * newHeight > maxPixels) throw new Error(`The result would have more than ${maxPixels / 1e6} megapixels.`);
  const rowBytes = 4 * width;
  const out = new Uint8ClampedArray(4 * newWidth * newHeight);
  await inBands(bands(newWidth, newHeight), signal, async (from, to) => {
    const [top, bottom] = await api.resizeSource(height, newHeight, from, to, { signal });
    const src = data.subarray(top * rowBytes, bottom * rowBytes);
    out.set(await api.resizeRows(src, width, height, top, newWidth, newHeight, from, to, { signal }), from * 4 * newWidth);
  }, onBand);
  return new ImageData(out, newWidth, newHeight);
}
