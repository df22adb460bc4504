package host

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/sys"

	"github.com/gowasm/gowasm/wasmbridge"
)

// instance is one running instance of a module: it takes one call at a
// time, through wasmbridge's gowasm__call (wasmbridge/host_wasip1.go).
type instance struct {
	mod      api.Module
	run      api.Function // gowasm__call(index, n): runs an export on the input buffer
	input    api.Function // gowasm__input(size): the input buffer's address
	inputPtr uint32
	inputCap uint32
	frame    uint32 // the call frame's address
	stack    []uint64
	stderr   *tailWriter
	done     atomic.Pointer[<-chan struct{}] // the running call's ctx.Done(), for sleep
	dead     bool                            // exited, crashed or stopped: never called again
}

// bind finds wasmbridge's exports in a started instance.
func (in *instance) bind(ctx context.Context, mod api.Module) error {
	in.mod, in.stack = mod, make([]uint64, 2)
	in.run, in.input = mod.ExportedFunction("gowasm__call"), mod.ExportedFunction("gowasm__input")
	abi, frame := mod.ExportedFunction("gowasm__abi"), mod.ExportedFunction("gowasm__frame")
	if in.run == nil || in.input == nil || abi == nil || frame == nil {
		return errors.New("the module lacks wasmbridge's host exports; build it with gowasm module -target wasip1")
	}
	version, err := abi.Call(ctx)
	if err != nil {
		return in.startFault(ctx, err)
	}
	if int32(version[0]) != wasmbridge.ABIVersion {
		return fmt.Errorf("the module speaks wasmbridge ABI %d, this host %d", int32(version[0]), wasmbridge.ABIVersion)
	}
	address, err := frame.Call(ctx)
	if err != nil {
		return in.startFault(ctx, err)
	}
	in.frame = uint32(address[0])
	return nil
}

func (in *instance) close() { in.mod.Close(context.Background()) }

// sleep is the instance's nanosleep (WASI's poll_oneoff on a clock): it
// ends early when the running call's context does, so that wazero stops
// the call at its deadline instead of after the sleep.
func (in *instance) sleep(ns int64) {
	timer := time.NewTimer(time.Duration(ns))
	defer timer.Stop()
	var done <-chan struct{}
	if p := in.done.Load(); p != nil {
		done = *p
	}
	select {
	case <-timer.C:
	case <-done:
	}
}

// call runs export number index on the encoded arguments and returns its
// encoded results, copied out of the instance's memory.
func (in *instance) call(ctx context.Context, fn string, index int, args []byte) ([]byte, error) {
	done := ctx.Done()
	in.done.Store(&done)
	defer in.done.Store(nil)
	mark := in.stderr.mark()
	memory := in.mod.Memory()
	if n := uint32(len(args)); n > in.inputCap {
		size := max(n, min(2*in.inputCap, 1<<30), 4096)
		ptr, err := in.input.Call(ctx, uint64(size))
		if err != nil {
			return nil, in.fault(ctx, fn, mark, err)
		}
		in.inputPtr, in.inputCap = uint32(ptr[0]), size
	}
	if !memory.Write(in.inputPtr, args) {
		in.dead = true
		return nil, &TrapError{Func: fn, Message: "the input buffer lies outside the module's memory"}
	}
	in.stack[0], in.stack[1] = uint64(index), uint64(len(args))
	if err := in.run.CallWithStack(ctx, in.stack); err != nil {
		return nil, in.fault(ctx, fn, mark, err)
	}
	frame, ok := memory.Read(in.frame, wasmbridge.FrameWords*4)
	if !ok {
		in.dead = true
		return nil, &TrapError{Func: fn, Message: "the call frame lies outside the module's memory"}
	}
	word := func(i int) uint32 { return binary.LittleEndian.Uint32(frame[4*i:]) }
	text := func(i int) string {
		b, _ := memory.Read(word(i), word(i+1))
		return string(b) // a copy
	}
	switch state := wasmbridge.State(word(wasmbridge.FrameState)); state {
	case wasmbridge.StateOK:
		b, ok := memory.Read(word(wasmbridge.FrameResultPtr), word(wasmbridge.FrameResultLen))
		if !ok {
			in.dead = true
			return nil, &TrapError{Func: fn, Message: "the result lies outside the module's memory"}
		}
		return append([]byte(nil), b...), nil
	case wasmbridge.StateError:
		message := text(wasmbridge.FrameMessagePtr)
		if resultRefused(message) {
			return nil, &ResultError{Func: fn, Message: message}
		}
		return nil, &GoError{Func: fn, Message: message}
	case wasmbridge.StatePanic:
		return nil, &PanicError{Func: fn, Message: text(wasmbridge.FrameMessagePtr), Stack: text(wasmbridge.FrameStackPtr)}
	case wasmbridge.StateBadArgument:
		// The host encoded what the description says; the module's decoder
		// refused it (a value none of an enum's constants, for one).
		return nil, &ArgumentError{Func: fn, Param: text(wasmbridge.FrameStackPtr), Err: errors.New(text(wasmbridge.FrameMessagePtr))}
	default:
		in.dead = true
		return nil, &TrapError{Func: fn, Message: fmt.Sprintf("the call ended in state %d", state), Output: in.stderr.since(mark)}
	}
}

// resultRefused reports whether an error message is the module's encoder
// refusing a result, rather than the export's own error: the generated
// code fails the call with these when a result cannot cross exactly.
func resultRefused(message string) bool {
	switch message {
	case wasmbridge.ErrUnsafeInteger.Error(), wasmbridge.ErrInexactDuration.Error(), wasmbridge.ErrDateRange.Error():
		return true
	}
	return strings.HasSuffix(message, " is none of its constants")
}

// fault turns an error wazero returned from a call into the call's
// error. Every such instance is dead: an exit or a stop closed it, and a
// trap leaves the Go runtime in the middle of what it was doing.
func (in *instance) fault(ctx context.Context, fn string, mark int64, err error) error {
	in.dead = true
	output := in.stderr.since(mark)
	var exit *sys.ExitError
	if errors.As(err, &exit) {
		switch exit.ExitCode() {
		case sys.ExitCodeDeadlineExceeded, sys.ExitCodeContextCanceled:
			cause := ctx.Err()
			if cause == nil {
				cause = err
			}
			return &InterruptedError{Func: fn, Err: cause}
		case 2: // Go's fatal errors (all goroutines asleep, out of memory) print "fatal error:" and exit 2
			if line := fatalLine(output); line != "" {
				return &TrapError{Func: fn, Message: line, Output: output}
			}
		}
		return &ExitError{Func: fn, Code: exit.ExitCode()}
	}
	message := err.Error()
	if line := fatalLine(output); line != "" {
		message = line
	}
	return &TrapError{Func: fn, Message: message, Output: output}
}

// startFault is fault for an instance's start.
func (in *instance) startFault(ctx context.Context, err error) error {
	output := in.stderr.since(0)
	var exit *sys.ExitError
	if errors.As(err, &exit) && (exit.ExitCode() == sys.ExitCodeDeadlineExceeded || exit.ExitCode() == sys.ExitCodeContextCanceled) {
		return fmt.Errorf("the module's initialization did not finish within the start timeout: %w", ctx.Err())
	}
	if line := fatalLine(output); line != "" {
		return fmt.Errorf("%s\n%s", line, output)
	}
	if output != "" {
		return fmt.Errorf("%w\n%s", err, output)
	}
	return err
}

// fatalLine is the first "fatal error: ..." line Go's runtime printed in
// output, or "".
func fatalLine(output string) string {
	i := strings.Index(output, "fatal error: ")
	if i < 0 {
		return ""
	}
	line := output[i:]
	if j := strings.IndexByte(line, '\n'); j >= 0 {
		line = line[:j]
	}
	return line
}

// tailWriter keeps the last tailSize bytes an instance wrote to its
// standard error, and passes everything on to w.
type tailWriter struct {
	w       io.Writer
	mu      sync.Mutex
	buf     []byte
	written int64 // bytes ever written
}

const tailSize = 16 << 10

func (t *tailWriter) Write(p []byte) (int, error) {
	t.mu.Lock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > tailSize {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-tailSize:]...)
	}
	t.written += int64(len(p))
	t.mu.Unlock()
	return t.w.Write(p)
}

// mark is the position since which a call's output is its own.
func (t *tailWriter) mark() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.written
}

// since returns what was written after mark, as far as the tail holds it.
func (t *tailWriter) since(mark int64) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := min(t.written-mark, int64(len(t.buf)))
	return string(t.buf[int64(len(t.buf))-n:])
}
