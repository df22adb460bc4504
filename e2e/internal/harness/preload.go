package harness

import "fmt"

// WasmPreloadsScript evaluates, in a page, to its WasmPreloads.
const WasmPreloadsScript = `({
	Preloads: [...document.querySelectorAll('link[rel=preload][as=fetch]')].map((l) => l.href),
	FetchedBy: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).map((r) => r.initiatorType),
})`

// WasmPreloads is what a page preloads and how it fetched its modules.
type WasmPreloads struct {
	Preloads  []string // the hrefs of the page's <link rel="preload" as="fetch">
	FetchedBy []string // the initiator of each fetch of a .wasm
}

// CheckOne reports an error unless the page preloaded one module and
// fetched it once, by the preload ("link"): a script that fetches the
// module without taking the preload over shows as a second fetch.
func (w WasmPreloads) CheckOne() error {
	if len(w.Preloads) != 1 || len(w.FetchedBy) != 1 || w.FetchedBy[0] != "link" {
		return fmt.Errorf("the page preloads %q and fetched modules by %q; want one module preloaded and fetched once, by the preload", w.Preloads, w.FetchedBy)
	}
	return nil
}
