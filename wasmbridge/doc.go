// Package wasmbridge is the runtime linked into every wasm module that
// `gowasm bind` generates. User code rarely calls it directly: the
// generated main package does.
//
// Two call paths connect JavaScript to Go:
//
//   - Sync exports use //go:wasmexport shims. Scalars cross as wasm
//     values; strings, typed slices and composite values are written by
//     JavaScript into buffers from [alloc], pinned until the call ends.
//     Each shim brackets the user function with [Enter] and [Leave] (or
//     [Fail]) and defers [Recover], so the call's outcome is always in the
//     shared call frame that JavaScript reads after the call.
//   - Async exports (first parameter context.Context) run on their own
//     goroutine behind one syscall/js dispatcher installed by [Serve]. They
//     may block, report progress through callbacks and are cancelled when
//     the caller's AbortSignal aborts.
//
// A sync export that blocks (sleeps, waits on a channel or on JavaScript)
// cannot complete under GOOS=js: the runtime returns to JavaScript early.
// The call frame still says "running" when the shim returns, so the
// JavaScript side reports the blocking call and restarts the instance.
//
// Composite values use a small little-endian binary format written by
// [Encoder] and read by [Decoder]; the generated JavaScript mirrors it.
package wasmbridge
