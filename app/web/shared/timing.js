// The app's start-up mark: 'first-result' is recorded the first time a
// page shows a result computed by Go, beside @gowasm/bridge's own marks
// (gowasm:fetch-start, gowasm:compiled, gowasm:ready). make bench reads
// them; the browser's performance panel shows them.

let shown;

/** Resolves once the page has marked its first result: its start-up is over. */
export const firstResultShown = new Promise((resolve) => (shown = resolve));

/** Marks 'first-result' once per page load, with the page's path in detail. */
export function markFirstResult() {
  if (performance.getEntriesByName('first-result', 'mark').length > 0) return;
  performance.mark('first-result', { detail: { page: location.pathname } });
  shown();
}
