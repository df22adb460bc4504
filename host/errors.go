package host

import (
	"errors"
	"strconv"
)

// The errors of Call. Each names the export; after an ExitError, a
// TrapError or an InterruptedError the instance that ran the call is
// discarded, and the next call gets a fresh one: a module keeps serving.

// ArgumentError reports an argument, or a result pointer, that does not
// fit the export's signature, or a value that would not cross exactly:
// an int outside ±2^53-1 (wasmbridge.ErrUnsafeInteger), a time.Duration
// past about ±26 days that a float64 of milliseconds cannot give back
// (wasmbridge.ErrInexactDuration), a time.Time with digits below the
// millisecond or outside a JavaScript Date's range, a value that refers
// to itself, an enum value none of its constants. Param names the
// parameter, "result N" a result pointer, or is empty for the arguments
// as a whole. The export did not run.
type ArgumentError struct {
	Func  string
	Param string
	Err   error
}

func (e *ArgumentError) Error() string {
	if e.Param == "" {
		return e.Func + ": " + e.Err.Error()
	}
	return e.Func + ": " + e.Param + ": " + e.Err.Error()
}

func (e *ArgumentError) Unwrap() error { return e.Err }

// StartError reports that an instance could not start: the module's
// initialization (the Go runtime's and its packages' init) crashed,
// exited, or outran the start timeout (WithStartTimeout).
type StartError struct {
	Func string
	Err  error
}

func (e *StartError) Error() string { return e.Func + ": starting an instance: " + e.Err.Error() }

func (e *StartError) Unwrap() error { return e.Err }

// ResultError reports a result the module could not send exactly, as
// the module's encoder refuses it (wasmbridge.ErrUnsafeInteger for an
// int past ±2^53-1, wasmbridge.ErrInexactDuration, wasmbridge.ErrDateRange,
// an enum value none of its constants): the export itself succeeded.
type ResultError struct {
	Func    string
	Message string
}

func (e *ResultError) Error() string {
	return e.Func + ": its result cannot cross exactly: " + e.Message
}

// GoError is the error the export returned, by its message.
type GoError struct {
	Func    string
	Message string
}

func (e *GoError) Error() string { return e.Func + ": " + e.Message }

// PanicError reports a panic in the export, with the goroutine's stack
// from the panic on. The instance keeps serving.
type PanicError struct {
	Func    string
	Message string
	Stack   string
}

func (e *PanicError) Error() string { return e.Func + ": panic: " + e.Message }

// ExitError reports that the module called os.Exit.
type ExitError struct {
	Func string
	Code uint32
}

func (e *ExitError) Error() string {
	return e.Func + ": the module exited with code " + strconv.FormatUint(uint64(e.Code), 10)
}

// TrapError reports that the module crashed: a Go fatal error (all
// goroutines asleep, out of memory: the memory cap), a stack overflow or
// another WebAssembly trap. Output is the end of what the module wrote
// to its standard error, where Go prints a fatal error and its stacks.
type TrapError struct {
	Func    string
	Message string
	Output  string
}

func (e *TrapError) Error() string { return e.Func + ": the module crashed: " + e.Message }

// InterruptedError reports a call stopped because its context ended:
// its deadline passed, or it was canceled. Unwrap gives the context's
// error, so errors.Is(err, context.DeadlineExceeded) holds.
type InterruptedError struct {
	Func string
	Err  error
}

func (e *InterruptedError) Error() string { return e.Func + ": stopped: " + e.Err.Error() }

func (e *InterruptedError) Unwrap() error { return e.Err }

// ErrNoExport is returned, wrapped, for a call of a name the module does
// not export.
var ErrNoExport = errors.New("no such export")
