package harness

// WasmPreloadsScript evaluates, in a page, to its WasmPreloads.
const WasmPreloadsScript = `({
	Preloads: [...document.querySelectorAll('link[rel=preload][as=fetch]')].map((l) => l.href),
	FetchedBy: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).map((r) => r.initiatorType),
})`

// WasmPreloads is what a page preloads and how it fetched its modules: a
// module its HTML preloads, and the page's script takes over, is fetched
// once, by "link".
type WasmPreloads struct {
	Preloads  []string // the hrefs of the page's <link rel="preload" as="fetch">
	FetchedBy []string // the initiator of each fetch of a .wasm
}
