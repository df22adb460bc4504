// The image studio: Go kernels over a photo's pixels, the image cut into
// bands that the pool's workers filter in parallel. Each band carries the
// rows of context its filter needs (imaging.halo), so the result is the
// same, byte for byte, as filtering the whole image at once. A preview of
// the filter on a thumbnail follows every change of the controls: the same
// module runs on this thread too (started beside the pool from the one
// compiled module), where a small image takes a few milliseconds.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useGo } from '@gowasm/bridge/react';
import { FilePicker } from '../components/FilePicker.jsx';
import { ModuleStatus } from '../components/ModuleStatus.jsx';
import { duration, failure } from '../../shared/format.js';
import { imagingHere, imagingPool } from '../../shared/modules.js';
import { poolSize } from '../../shared/pool.js';
import { filterInBands, maxPixels, nextTask, resizeInBands } from '../../shared/bands.js';
import { samplePhoto, samplePhotoName, samplePreview, samplePreviewArrived } from '../../shared/samples.js';
import { thumbnail, thumbnailDecoded } from '../../shared/thumbnail.js';
import { markFirstResult } from '../../shared/timing.js';

/** A promise and the function that resolves it. */
function signal() {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  return { promise, resolve };
}

/** Resolves after the next frame has been painted. */
function afterPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}

/** Rows drawn onto a canvas at a time (see Picture). */
const drawSlice = 256;

const filters = [
  { kind: 'blur', label: 'Gaussian blur', params: [{ key: 'radius', label: 'Radius (px)', min: 0.5, max: 50, step: 0.5, value: 4 }] },
  {
    kind: 'sharpen',
    label: 'Sharpen (unsharp mask)',
    params: [
      { key: 'radius', label: 'Radius (px)', min: 0.5, max: 20, step: 0.5, value: 2 },
      { key: 'amount', label: 'Amount', min: 0.1, max: 5, step: 0.1, value: 1 },
    ],
  },
  { kind: 'grayscale', label: 'Grayscale', params: [] },
  { kind: 'sepia', label: 'Sepia', params: [] },
  {
    kind: 'tone',
    label: 'Brightness and contrast',
    params: [
      { key: 'brightness', label: 'Brightness', min: -1, max: 1, step: 0.05, value: 0.1 },
      { key: 'contrast', label: 'Contrast', min: -1, max: 1, step: 0.05, value: 0.2 },
    ],
  },
  { kind: 'invert', label: 'Invert', params: [] },
  { kind: 'edges', label: 'Edges (Sobel)', params: [] },
  { kind: 'resize', label: 'Resize (Lanczos)', params: [{ key: 'scale', label: 'Scale (%)', min: 5, max: 200, step: 5, value: 50 }] },
];

export default function Image() {
  const go = useGo(...imagingPool);
  const here = useGo(...imagingHere);
  // { name, image: ImageData, thumb: ImageData }. When the entry has
  // decoded the sample's preview by the first render (routes.js), that
  // render already shows the preview.
  const [source, setSource] = useState(() => {
    const thumb = thumbnailDecoded(samplePreviewArrived());
    return thumb === undefined ? null : { name: samplePhotoName, image: null, thumb };
  });
  const [result, setResult] = useState(null); // { image: ImageData, ms, label }
  const [choice, setChoice] = useState(filters[0].kind);
  const [values, setValues] = useState(() => Object.fromEntries(filters.flatMap((f) => f.params.map((p) => [`${f.kind}.${p.key}`, p.value]))));
  const [run, setRun] = useState(null); // { done, total, controller }
  const [message, setMessage] = useState('');
  const filter = filters.find((f) => f.kind === choice);

  // The thumbnail is decoded first, small, so that the preview shows
  // before the whole photo has been decoded; image stays null until then.
  // photo() and preview() give the Blobs of the photo and of the image to
  // preview, by default file. Each open() counts: only the latest one may
  // show what it decoded.
  const opening = useRef(0);
  async function open(file, name = file.name, { photo = async () => file, preview = photo } = {}) {
    const mine = ++opening.current;
    const current = () => opening.current === mine;
    setMessage('');
    setResult(null);
    try {
      const thumb = await preview()
        .then(thumbnail)
        .catch(() => null); // decode names the problem
      if (thumb !== null && current()) {
        setSource({ name, image: null, thumb });
        await afterPaint(); // the preview first: decoding the whole photo holds this thread
      }
      const image = await decode(await photo());
      const shown = thumb ?? (await thumbnail(image));
      if (current()) setSource({ name, image, thumb: shown });
    } catch (err) {
      if (!current()) return;
      setSource(null);
      setMessage(err.message);
    }
  }

  // The page opens with the sample photo, unless one was chosen first:
  // its preview-sized copy at once, the photo itself once the module on
  // this thread has started, ready or not, so that the photo's download
  // (16 times the copy's) does not share the link with the module's.
  const chosen = useRef(false);
  const [moduleStarted] = useState(signal);
  useEffect(() => {
    if (here.status !== 'loading') moduleStarted.resolve();
  }, [here.status, moduleStarted]);
  useEffect(() => {
    let live = true;
    samplePreview()
      .then((blob) => {
        const photo = () => moduleStarted.promise.then(samplePhoto);
        if (live && !chosen.current) open(blob, samplePhotoName, { preview: async () => blob, photo });
      })
      .catch(() => {}); // the sample button reports it
    return () => {
      live = false;
    };
  }, [moduleStarted]);

  const params = Object.fromEntries(filter.params.map((p) => [p.key, Number(values[`${filter.kind}.${p.key}`])]));

  async function apply() {
    const controller = new AbortController();
    const started = performance.now();
    setMessage('');
    setRun({ done: 0, total: 1, controller });
    const onBand = (done, total) => setRun((r) => r && { ...r, done, total });
    try {
      const image =
        filter.kind === 'resize'
          ? await resizeInBands(go.api, source.image, params.scale / 100, controller.signal, onBand)
          : await filterInBands(go.api, source.image, { kind: filter.kind, ...params }, controller.signal, onBand);
      setResult({ image, ms: performance.now() - started, label: filter.label });
    } catch (err) {
      setMessage(failure(err));
    } finally {
      setRun(null);
    }
  }

  const ready = go.status === 'ready';
  return (
    <>
      <p className="lead">Open a photo and apply Go kernels to it. The work is split across {poolSize} workers; the page stays responsive.</p>
      <ModuleStatus name="imaging" state={go} workers={poolSize} />
      <FilePicker
        label="Open a photo"
        hint="or drop one here (PNG, JPEG, WebP…)."
        accept="image/*"
        onFiles={([file]) => {
          chosen.current = true;
          open(file);
        }}
      >
        <button
          type="button"
          onClick={async () => {
            chosen.current = true;
            open(await samplePhoto(), samplePhotoName);
          }}
        >
          Use the sample photo
        </button>
      </FilePicker>
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
      {source && (
        <form
          className="panel filter"
          onSubmit={(e) => {
            e.preventDefault();
            if (ready && !run && source.image !== null) apply();
          }}
        >
          <label>
            Filter{' '}
            <select value={choice} onChange={(e) => setChoice(e.target.value)} disabled={!!run}>
              {filters.map((f) => (
                <option key={f.kind} value={f.kind}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          {filter.params.map((p) => {
            const key = `${filter.kind}.${p.key}`;
            return (
              <label key={key}>
                {p.label}{' '}
                <input
                  type="range"
                  data-param={p.key}
                  min={p.min}
                  max={p.max}
                  step={p.step}
                  value={values[key]}
                  disabled={!!run}
                  onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
                />{' '}
                <output>{values[key]}</output>
              </label>
            );
          })}
          <Preview go={here} thumb={source.thumb} filter={{ kind: filter.kind, ...params }} />
          <div className="actions">
            <button type="submit" disabled={!ready || !!run || source.image === null}>
              Apply
            </button>
            {run && (
              <button type="button" onClick={() => run.controller.abort()}>
                Cancel
              </button>
            )}
            {result && !run && (
              <button
                type="button"
                onClick={async () => {
                  const { image } = result;
                  setResult(null);
                  setSource({ name: source.name, image, thumb: await thumbnail(image) });
                }}
              >
                Keep the result and go on
              </button>
            )}
          </div>
          <div aria-live="polite" className="status-line">
            {run ? (
              <label>
                Filtering… <progress max={run.total} value={run.done} /> {run.done} of {run.total} bands
              </label>
            ) : result ? (
              <output>
                {result.label}: {result.image.width} × {result.image.height} in {duration(result.ms)}.
              </output>
            ) : null}
          </div>
        </form>
      )}
      {source && (
        <div className="compare">
          {source.image ? <Picture title="Before" name={source.name} image={source.image} /> : <p className="muted">Opening {source.name}…</p>}
          {result && <Picture title="After" image={result.image} download={`${source.name.replace(/\.[^.]*$/, '')}-${choice}.png`} />}
        </div>
      )}
    </>
  );
}

/**
 * The filter applied to the thumbnail by the module on this thread,
 * again at every change: a sync call of a few milliseconds.
 */
function Preview({ go, thumb, filter }) {
  const key = JSON.stringify(filter);
  const image = useMemo(() => {
    if (go.status !== 'ready') return null;
    const { width, height, data } = thumb;
    try {
      if (filter.kind === 'resize') {
        const w = Math.max(1, Math.round((width * filter.scale) / 100));
        const h = Math.max(1, Math.round((height * filter.scale) / 100));
        return new ImageData(clamped(go.api.resize(data, width, height, w, h)), w, h);
      }
      return new ImageData(clamped(go.api.apply(data, width, height, filter)), width, height);
    } catch (err) {
      return failure(err);
    }
    // key stands for filter, a new object every render.
  }, [go.status, go.api, thumb, key]);
  if (image === null) return <p className="preview muted">The preview follows once imaging.wasm has started.</p>;
  if (typeof image === 'string') return <p className="preview" role="alert">{image}</p>;
  return (
    <div className="preview">
      <Picture title="Preview" image={image} onDrawn={markFirstResult} />
    </div>
  );
}

/**
 * A figure showing image on a canvas, with its file's name, its size and
 * a PNG download of its full resolution. A large image is drawn at the width its figure
 * can show (see shownWidth), not at its own: a canvas of 12 megapixels
 * costs every frame that shows it a copy of 48 MB, which takes a browser
 * without a GPU over 150 ms each time.
 */
function Picture({ title, name, image, download, onDrawn }) {
  const canvas = useRef(null);
  // A layout effect: the canvas is marked undrawn before the browser runs
  // anything else, so no one reads the previous image as this one.
  useLayoutEffect(() => {
    let cancelled = false;
    const c = canvas.current;
    delete c.dataset.drawn;
    if (image.width * image.height <= drawSlice * drawSlice * 2) {
      // A small image, such as the preview, is drawn at once, as it is.
      c.width = image.width;
      c.height = image.height;
      c.getContext('2d').putImageData(image, 0, 0);
      c.dataset.drawn = 'true';
      onDrawn?.();
      return undefined;
    }
    const width = shownWidth(c, image);
    const scale = width / image.width;
    c.width = width;
    c.height = Math.max(1, Math.round(image.height * scale));
    // In slices of about drawSlice rows of the image, a task each, each
    // cut out and scaled by createImageBitmap: drawing a large image at
    // once would be one long task, and createImageBitmap may settle
    // within the same one.
    (async () => {
      const ctx = c.getContext('2d');
      const rows = Math.max(1, Math.round(drawSlice * scale));
      for (let y = 0; y < c.height && !cancelled; y += rows) {
        const end = Math.min(c.height, y + rows);
        const top = Math.round(y / scale);
        const bottom = end === c.height ? image.height : Math.round(end / scale);
        const bitmap = await createImageBitmap(image, 0, top, image.width, bottom - top, {
          resizeWidth: width,
          resizeHeight: end - y,
          resizeQuality: 'high',
        });
        if (!cancelled) ctx.drawImage(bitmap, 0, y);
        bitmap.close();
        await nextTask();
      }
      if (!cancelled) {
        c.dataset.drawn = 'true';
        onDrawn?.();
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [image]);
  return (
    <figure>
      <canvas ref={canvas} aria-label={`${title}: ${image.width} × ${image.height} pixels`} />
      <figcaption>
        {title} · {name && `${name} · `}
        {image.width} × {image.height}
        {download && (
          <>
            {' · '}
            <button type="button" className="link" onClick={() => savePNG(image, download)}>
              Save PNG
            </button>
          </>
        )}
      </figcaption>
    </figure>
  );
}

/**
 * The width, in canvas pixels, to draw image at on canvas: its own, or,
 * when that is wider, as many device pixels as the canvas's figure can
 * ever span: the width of the figure's container, which gives a figure
 * alone the whole row.
 */
function shownWidth(canvas, image) {
  const room = canvas.parentElement.parentElement.clientWidth * devicePixelRatio;
  return Math.max(1, Math.min(image.width, Math.ceil(room)));
}

/** Downloads image, at its full resolution, as a PNG file named name. */
async function savePNG(image, name) {
  const canvas = new OffscreenCanvas(image.width, image.height);
  canvas.getContext('2d').putImageData(image, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

/** The bytes of a Uint8Array as the Uint8ClampedArray ImageData takes, without a copy. */
function clamped(bytes) {
  return new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** The pixels of an image file, or an error saying why not. */
async function decode(file) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error(`${file.name ?? 'This file'} is not an image this browser can open. Try a PNG, JPEG or WebP photo.`);
  }
  try {
    if (bitmap.width * bitmap.height > maxPixels) {
      throw new Error(`This image has ${((bitmap.width * bitmap.height) / 1e6).toFixed(1)} megapixels; the studio takes up to ${maxPixels / 1e6}.`);
    }
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}
