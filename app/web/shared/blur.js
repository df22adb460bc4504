// The Gaussian blur of app/imaging written in plain JavaScript, for the
// benchmark page: the same quantised weights, the same passes, the same
// rounding, so it gives the same bytes as the Go kernel (the page checks).

const gaussBits = 16;

/** e^x for x ≤ 0, as app/imaging's expNeg computes it. */
function expNeg(x) {
  if (!(x > -700)) return 0;
  const n = Math.floor(x);
  const f = x - n;
  let sum = 1;
  let term = 1;
  for (let i = 1; i <= 20; i++) {
    term = (term * f) / i;
    sum += term;
  }
  let p = 1;
  let base = 1 / Math.E;
  for (let k = -n; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) p *= base;
    base *= base;
  }
  return p * sum;
}

/** The one-sided quantised Gaussian q[0..R], R = ceil(3·sigma), summing (two-sided) to 2^16. */
function weights(sigma) {
  const r = Math.ceil(3 * sigma);
  const g = new Float64Array(r + 1);
  const twoVar = 2 * sigma * sigma;
  let total = 0;
  for (let k = 0; k <= r; k++) {
    g[k] = expNeg(-(k * k) / twoVar);
    total += k === 0 ? g[0] : 2 * g[k];
  }
  const one = 1 << gaussBits;
  const q = new Int32Array(r + 1);
  let tail = 0;
  let prev = 0;
  for (let k = r; k >= 1; k--) {
    tail += g[k];
    const rounded = Math.floor((tail / total) * one + 0.5);
    q[k] = rounded - prev;
    prev = rounded;
  }
  q[0] = one - 2 * prev;
  return q;
}

/** Blurs RGBA pixels with a Gaussian of sigma; edges repeat the edge pixels. */
export function blurJS(pix, width, height, sigma) {
  const q = weights(sigma);
  const r = q.length - 1;
  const stride = 4 * width;
  const pad = 4 * r;
  const v = new Float64Array(pad + stride + pad); // vertical sums, exact integers
  const out = new Uint8ClampedArray(pix.length);
  const half = 2 ** (2 * gaussBits - 1);
  const scale = 2 ** (2 * gaussBits);
  const row = (y) => Math.min(Math.max(y, 0), height - 1) * stride;
  for (let y = 0; y < height; y++) {
    const at = row(y);
    for (let i = 0; i < stride; i++) v[pad + i] = q[0] * pix[at + i];
    for (let k = 1; k <= r; k++) {
      const up = row(y - k);
      const dn = row(y + k);
      const qk = q[k];
      if (qk === 0) continue;
      for (let i = 0; i < stride; i++) v[pad + i] += qk * (pix[up + i] + pix[dn + i]);
    }
    for (let x = 0; x < r; x++) {
      for (let c = 0; c < 4; c++) {
        v[4 * x + c] = v[pad + c];
        v[pad + stride + 4 * x + c] = v[pad + stride - 4 + c];
      }
    }
    const o = y * stride;
    for (let p = 0; p < stride; p++) {
      let sum = q[0] * v[pad + p];
      for (let k = 1; k <= r; k++) sum += q[k] * (v[pad + p - 4 * k] + v[pad + p + 4 * k]);
      out[o + p] = Math.floor((sum + half) / scale);
    }
  }
  return out;
}
