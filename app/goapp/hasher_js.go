package main

import (
	"github.com/gowasm/gowasm/app/hashing"
	"github.com/gowasm/gowasm/wasmbridge/async"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// onFiles hashes each chosen file, reading it as a Blob in 1 MiB pieces.
func (h *hasher) onFiles(ctx app.Context, e app.Event) {
	files := app.JSValue(ctx.JSSrc().Get("files"))
	for i := range files.Length() {
		file := files.Index(i)
		job := &hashJob{name: file.Get("name").String(), size: int64(file.Get("size").Float())}
		h.jobs = append(h.jobs, job)
		ctx.Async(func() {
			digests, err := hashing.HashFile(ctx, async.NewReader(ctx, file), []hashing.Algorithm{hashing.SHA256, hashing.SHA512},
				func(done, total int64) { ctx.Dispatch(func(app.Context) { job.done = done }) })
			ctx.Dispatch(func(app.Context) {
				if err != nil {
					job.err = err.Error()
					return
				}
				job.digests = digests
			})
		})
	}
}
