// Formatting shared by the React and Vue pages.

/** A byte count for people: 1.5 MB, 300 kB, 12 B (decimal units). */
export function bytes(n) {
  if (n < 1e3) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let i = -1;
  do {
    n /= 1e3;
    i++;
  } while (n >= 1e3 && i < units.length - 1);
  return `${n.toFixed(n < 10 ? 2 : n < 100 ? 1 : 0)} ${units[i]}`;
}

/** A throughput: bytes over milliseconds, as MB/s. */
export function rate(byteCount, ms) {
  // Under a megabyte, the time is mostly the call's own: no rate to speak of.
  return ms > 0 && byteCount >= 1e6 ? `${(byteCount / 1e3 / ms).toFixed(1)} MB/s` : '–';
}

/** A duration in milliseconds: 850 ms, 2.4 s. */
export function duration(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A number with up to digits significant digits, without trailing zeros. */
export function number(x, digits = 6) {
  if (!Number.isFinite(x)) return String(x);
  return Number(x.toPrecision(digits)).toString();
}

/** What an error says to a person: its class and message. */
export function failure(err) {
  return err?.name === 'AbortError' ? 'Cancelled.' : `${err?.name ?? 'Error'}: ${err?.message ?? err}`;
}
