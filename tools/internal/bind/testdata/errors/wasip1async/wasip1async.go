// Package wasip1async is bound with -target wasip1 (see its file
// target): an async export needs JavaScript, which a WASI reactor has not.
package wasip1async

import "context"

//gowasm:export
func Wait(ctx context.Context, n int32) (int32, error) { return n, ctx.Err() }

//gowasm:export
func Add(a, b int32) int32 { return a + b }
