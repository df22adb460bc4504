// How the benchmarks time things: the /bench page and make bench's
// Node and Chromium runs (e2e/bench) measure the same way.

/**
 * Runs body(n) with n growing until one run takes minMs, after a warm-up
 * of at least 50 ms for the JIT, then twice more at that n; returns the
 * best ns per iteration, the figure least disturbed by garbage collection
 * and the other core's load.
 */
export function measure(body, minMs = 300) {
  for (let warm = performance.now(), n = 1; performance.now() - warm < 50; n *= 2) body(n);
  const timed = (n) => {
    const start = performance.now();
    body(n);
    return performance.now() - start;
  };
  let n = 1;
  for (let ms = timed(n); ms < minMs; ms = timed(n)) {
    n = ms < 1 ? n * 10 : Math.ceil((n * 1.2 * minMs) / ms);
  }
  return (Math.min(timed(n), timed(n)) * 1e6) / n;
}

/**
 * measure for asynchronous work: body(n) returns a promise. Returns the
 * best ns per iteration of two runs of at least minMs.
 */
export async function measureAsync(body, minMs = 300) {
  await body(1); // warm-up
  const timed = async (n) => {
    const start = performance.now();
    await body(n);
    return performance.now() - start;
  };
  let n = 1;
  for (let ms = await timed(n); ms < minMs; ms = await timed(n)) {
    n = ms < 1 ? n * 10 : Math.ceil((n * 1.2 * minMs) / ms);
  }
  return (Math.min(await timed(n), await timed(n)) * 1e6) / n;
}
