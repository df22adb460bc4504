// The demo page: every result on it comes from Go through the generated,
// typed binding and @gowasm/bridge.
import { load } from '@gowasm/bridge';
import compute from 'gowasm:compute'; // the binding gowasm generates for ./app/compute
import computeWasm, { size } from 'gowasm:compute.wasm'; // the module's URL, content-hashed by the build, and its size

const $ = (id) => document.getElementById(id);
const show = (id, text) => { $(id).textContent = text; };
const failure = (err) => `${err.name}: ${err.message}`;
const mib = (bytes) => `${(bytes / (1 << 20)).toFixed(1)} MiB`;

// Inline for the quick calls; a worker for hashing files, so that the page
// stays responsive however large the file.
const onProgress = ({ loaded, total }) => show('status', `Loading compute.wasm… ${mib(loaded)} of ${mib(total)}`);
const api = await load(compute, { wasm: computeWasm, size, onProgress });
const worker = await load(compute, { wasm: computeWasm, mode: 'worker' });
show('status', 'compute.wasm is running; every result below is computed by Go.');

function sha() {
  show('sha', api.sha256Hex(new TextEncoder().encode($('text').value)));
}

function stats() {
  const values = Float64Array.from($('numbers').value.split(/[\s,]+/).filter(Boolean), Number);
  const s = api.stats(values);
  show('stats', `count ${s.count}  mean ${s.mean}  min ${s.min}  max ${s.max}  stdDev ${s.stdDev}`);
}

function primes() {
  try {
    const p = api.primes(Number($('limit').value));
    show('primes', `${p.length} primes; the last: ${Array.from(p.slice(-5)).join(', ')}`);
  } catch (err) {
    show('primes', failure(err));
  }
}

const source = $('source').getContext('2d');
const { width, height } = $('source');
const gradient = source.createLinearGradient(0, 0, width, height);
gradient.addColorStop(0, '#00add8');
gradient.addColorStop(1, '#ce3262');
source.fillStyle = gradient;
source.fillRect(0, 0, width, height);
source.fillStyle = '#fff';
source.font = 'bold 36px sans-serif';
source.fillText('Go→JS', 18, 64);

function blur() {
  const input = source.getImageData(0, 0, width, height);
  const radius = Number($('radius').value);
  const start = performance.now();
  const out = api.blur(input.data, width, height, radius);
  const ms = performance.now() - start;
  $('blurred').getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(out.buffer), width, height), 0, 0);
  show('blur', `radius ${radius}: ${out.length} bytes in ${ms.toFixed(2)} ms`);
  return { input: input.data, radius, output: out };
}

let controller = null;
async function countdown(n = 5, intervalMS = 300) {
  controller = new AbortController();
  $('start').disabled = true;
  $('abort').disabled = false;
  const steps = [];
  try {
    const message = await api.countdown(n, intervalMS, (left, total) => {
      steps.push(left);
      $('progress').value = (total - left) / total;
      show('countdown', `${left} left`);
    }, { signal: controller.signal });
    show('countdown', message);
    return { message, steps };
  } catch (err) {
    show('countdown', failure(err));
    return { error: err.name, steps };
  } finally {
    $('start').disabled = false;
    $('abort').disabled = true;
  }
}

$('text').addEventListener('input', sha);
$('numbers').addEventListener('input', stats);
let hashing = null;
async function hashFile(file) {
  hashing?.abort(); // a newer file replaces the one being hashed
  hashing = new AbortController();
  try {
    const hex = await worker.hashStream(file, (done, total) => {
      $('file-progress').value = Number(done) / Number(total);
    }, { signal: hashing.signal });
    show('file-sha', `${hex}  (${mib(file.size)})`);
    return hex;
  } catch (err) {
    if (err.name !== 'AbortError') show('file-sha', failure(err));
    throw err;
  }
}

$('limit').addEventListener('input', primes);
$('file').addEventListener('change', () => $('file').files[0] && hashFile($('file').files[0]).catch(() => {}));
$('radius').addEventListener('input', blur);
$('start').addEventListener('click', () => countdown());
$('abort').addEventListener('click', () => controller?.abort());

sha();
stats();
primes();
const firstBlur = blur();

// A fixed-name service worker (it only claims the page); see public/sw.js.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('/sw.js').catch(() => {});
}

// For the end-to-end test: what the page computed, and a way to run the countdown.
globalThis.demo = { blur: firstBlur, countdown, hashFile };
document.body.dataset.ready = 'true';
