// Package host runs a gowasm module in a Go program: a WASI reactor built
// with `gowasm module -target wasip1`, on wazero (pure Go, no cgo). Its
// exports are called with Go values, which cross in wasmbridge's wire
// format, and every call is checked against the signatures the module
// carries in its gowasm.exports section:
//
//	m, err := host.New(ctx, wasm, host.WithPoolSize(4), host.WithMemoryLimit(64<<20))
//	var digest string
//	err = m.Call(ctx, "sha256Hex", []any{data}, &digest)
//
// A module is compiled once and runs in a pool of instances, one call at
// a time each. A call's context bounds it: when its deadline passes the
// call stops, even in a loop that never returns or in a sleep. A Go
// error, a panic, an os.Exit, a crash or a stopped call comes back as a
// typed error (see errors.go), and an instance that exited, crashed or
// was stopped is replaced: the module keeps serving.
//
// Values cross as they do to JavaScript, so a few differ from a native
// call: nil slices and maps arrive empty; fields encoding/json leaves out
// (json:"-", unexported) arrive zero, and an omitempty -0.0 as 0; two
// pointers to one value arrive as two values; a time.Time arrives in UTC,
// Equal to the one sent, and one with digits below the millisecond is
// refused. An int or uint crosses as a JavaScript number: within ±2^53-1.
package host

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"github.com/gowasm/gowasm/internal/exports"
	"github.com/gowasm/gowasm/wasmbridge"
)

// Module is a compiled module and its pool of instances. Its methods are
// safe for concurrent use.
type Module struct {
	runtime  wazero.Runtime
	cache    wazero.CompilationCache // nil without WithCacheDir
	compiled wazero.CompiledModule
	desc     *exports.Module
	funcs    map[string]export // by JavaScript and Go name
	codecs   *codecs
	opts     options
	idle     chan *instance // instances waiting for a call
	slots    chan struct{}  // a token per live or starting instance, up to the pool size
	closed   atomic.Bool
}

type options struct {
	poolSize     int
	memoryLimit  uint64 // bytes; 0: wazero's default (4 GiB)
	cacheDir     string
	startTimeout time.Duration
	stdout       io.Writer
	stderr       io.Writer
}

// Option configures New.
type Option func(*options)

// WithPoolSize sets how many instances run calls at once (default
// GOMAXPROCS). Instances start as calls need them.
func WithPoolSize(n int) Option { return func(o *options) { o.poolSize = max(n, 1) } }

// WithMemoryLimit caps each instance's linear memory at bytes, rounded up
// to 64 KiB pages. A call that needs more ends in Go's out-of-memory
// fatal error: a TrapError, and a fresh instance for the next call.
func WithMemoryLimit(bytes uint64) Option { return func(o *options) { o.memoryLimit = bytes } }

// WithCacheDir keeps wazero's compiled code in dir, so that the next
// process that loads the same module skips compiling it.
func WithCacheDir(dir string) Option { return func(o *options) { o.cacheDir = dir } }

// WithStartTimeout bounds how long an instance may take to start: the
// Go runtime's and the package's initialization (default 10 s). A call
// waits for a starting instance only as long as its own context allows;
// the instance then joins the pool for the next call.
func WithStartTimeout(d time.Duration) Option { return func(o *options) { o.startTimeout = d } }

// WithOutput sends what instances write to their standard output and
// error to stdout and stderr (default: discarded; a crash's output is in
// its TrapError either way). Instances write concurrently.
func WithOutput(stdout, stderr io.Writer) Option {
	return func(o *options) { o.stdout, o.stderr = stdout, stderr }
}

const pageSize = 64 << 10

// ErrClosed is returned for a call of a closed Module, or one that Close
// stopped.
var ErrClosed = errors.New("host: the module was closed")

// New compiles a wasip1 module built by `gowasm module -target wasip1`
// and reads the description of its exports. No instance starts until the
// first call.
func New(ctx context.Context, wasm []byte, opts ...Option) (*Module, error) {
	o := options{poolSize: runtime.GOMAXPROCS(0), startTimeout: 10 * time.Second, stdout: io.Discard, stderr: io.Discard}
	for _, opt := range opts {
		opt(&o)
	}
	desc, err := exports.Read(wasm)
	if err != nil {
		return nil, err
	}
	if desc.Target != "wasip1" {
		return nil, fmt.Errorf("a module for %s; a host runs modules built with gowasm module -target wasip1", desc.Target)
	}
	m := &Module{desc: desc, funcs: map[string]export{}, codecs: newCodecs(desc), opts: o,
		idle: make(chan *instance, o.poolSize), slots: make(chan struct{}, o.poolSize)}
	for i := range desc.Funcs {
		e := export{&desc.Funcs[i], desc.Package + "." + desc.Funcs[i].Name}
		m.funcs[e.f.Name], m.funcs[e.f.GoName] = e, e
	}
	// Stopping a call at its deadline needs code that checks for it.
	config := wazero.NewRuntimeConfig().WithCloseOnContextDone(true)
	if o.memoryLimit > 0 {
		config = config.WithMemoryLimitPages(uint32(min((o.memoryLimit+pageSize-1)/pageSize, 65536)))
	}
	if o.cacheDir != "" {
		if m.cache, err = wazero.NewCompilationCacheWithDir(o.cacheDir); err != nil {
			return nil, err
		}
		config = config.WithCompilationCache(m.cache)
	}
	m.runtime = wazero.NewRuntimeWithConfig(ctx, config)
	m.compiled, err = m.runtime.CompileModule(ctx, wasm)
	if err == nil {
		_, err = wasi_snapshot_preview1.Instantiate(ctx, m.runtime)
	}
	if err != nil {
		m.Close(ctx)
		return nil, err
	}
	return m, nil
}

// Close stops every instance, calls in progress included (they return
// ErrClosed), and frees the compiled module.
func (m *Module) Close(ctx context.Context) error {
	m.closed.Store(true)
	err := m.runtime.Close(ctx)
	if m.cache != nil {
		err = errors.Join(err, m.cache.Close(ctx))
	}
	return err
}

// export is an export as Call finds it, with the name its errors give.
type export struct {
	f         *exports.Func
	qualified string // package.name, as JavaScript's errors name it
}

// Export describes one export of a module.
type Export struct {
	Name   string // what Call takes: the JavaScript name (Go's works too)
	GoName string
	Go     string // the Go signature
	TS     string // the TypeScript signature
}

// Exports lists the module's exports.
func (m *Module) Exports() []Export {
	var out []Export
	for _, f := range m.desc.Funcs {
		out = append(out, Export{Name: f.Name, GoName: f.GoName, Go: f.Go, TS: f.TS})
	}
	return out
}

// Call runs export name (its JavaScript or Go name) with args, one per
// parameter, and stores its results (not a last error) through results,
// one pointer per result. Each argument must be a Go value of the
// parameter's type; a struct is matched by type name and fields, so the
// package's own types fit. ctx bounds the wait for a free instance and
// the call itself.
func (m *Module) Call(ctx context.Context, name string, args []any, results ...any) error {
	e, ok := m.funcs[name]
	if !ok {
		return fmt.Errorf("%s.%s: %w", m.desc.Package, name, ErrNoExport)
	}
	f, qualified := e.f, e.qualified
	encoded, err := m.encodeArgs(qualified, f, args)
	if err != nil {
		return err
	}
	decode, err := m.resultDecoders(qualified, f, results)
	if err != nil {
		return err
	}
	if m.closed.Load() {
		return fmt.Errorf("%s: %w", qualified, ErrClosed)
	}
	if err := ended(ctx); err != nil {
		return &InterruptedError{Func: qualified, Err: err}
	}
	in, err := m.acquire(ctx, qualified)
	if err != nil {
		return err
	}
	result, err := in.call(ctx, qualified, f.Index, encoded)
	m.release(in)
	if err != nil {
		if m.closed.Load() {
			return fmt.Errorf("%s: %w", qualified, ErrClosed)
		}
		return err
	}
	return decode(result)
}

// maxArgs bounds the encoded arguments of a call: the module's memory is
// 32-bit, and the arguments must fit in it beside everything else.
const maxArgs = math.MaxInt32

func (m *Module) encodeArgs(qualified string, f *exports.Func, args []any) ([]byte, error) {
	if len(args) != len(f.Params) {
		return nil, &ArgumentError{Func: qualified, Err: fmt.Errorf("takes %d arguments, got %d (%s)", len(f.Params), len(args), f.Go)}
	}
	s := new(encodeState)
	for i, a := range args {
		p := &f.Params[i]
		if a == nil {
			return nil, &ArgumentError{Func: qualified, Param: p.Name, Err: fmt.Errorf("want %s, got nil", m.desc.GoType(&p.Type))}
		}
		v := reflect.ValueOf(a)
		enc, err := m.codecs.enc.get(&p.Type, v.Type())
		if err != nil {
			return nil, &ArgumentError{Func: qualified, Param: p.Name, Err: err}
		}
		enc(s, v)
		if err := errors.Join(s.err, s.Err()); err != nil {
			return nil, &ArgumentError{Func: qualified, Param: p.Name, Err: err}
		}
	}
	limit := uint64(maxArgs)
	if m.opts.memoryLimit > 0 {
		limit = min(limit, m.opts.memoryLimit)
	}
	if n := uint64(len(s.Bytes())); n > limit {
		return nil, &ArgumentError{Func: qualified, Err: fmt.Errorf("the arguments take %d bytes, more than the module's memory can hold (%d)", n, limit)}
	}
	return s.Bytes(), nil
}

// resultDecoders checks the result pointers against f's results and
// returns what decodes a call's result bytes through them.
func (m *Module) resultDecoders(qualified string, f *exports.Func, results []any) (func([]byte) error, error) {
	if len(results) != len(f.Results) {
		return nil, &ArgumentError{Func: qualified, Err: fmt.Errorf("returns %d results, got %d pointers for them (%s)", len(f.Results), len(results), f.Go)}
	}
	targets := make([]reflect.Value, len(results))
	decoders := make([]decodeFunc, len(results))
	for i, r := range results {
		rv := reflect.ValueOf(r)
		if r == nil || rv.Kind() != reflect.Pointer || rv.IsNil() {
			return nil, &ArgumentError{Func: qualified, Param: resultParam(i), Err: fmt.Errorf("want a non-nil *%s", m.desc.GoType(&f.Results[i]))}
		}
		dec, err := m.codecs.dec.get(&f.Results[i], rv.Type().Elem())
		if err != nil {
			return nil, &ArgumentError{Func: qualified, Param: resultParam(i), Err: err}
		}
		targets[i], decoders[i] = rv.Elem(), dec
	}
	return func(b []byte) error {
		s := &decodeState{Decoder: wasmbridge.NewDecoder(b)}
		for i, dec := range decoders {
			dec(s, targets[i])
		}
		if err := errors.Join(s.err, s.Finish("")); err != nil {
			return fmt.Errorf("%s: the module's result is malformed: %w", qualified, err)
		}
		return nil
	}, nil
}

// resultParam names result pointer i in an ArgumentError.
func resultParam(i int) string { return "result " + strconv.Itoa(i) }

// acquire takes an idle instance, or starts one while the pool has room,
// or waits for one.
func (m *Module) acquire(ctx context.Context, qualified string) (*instance, error) {
	select {
	case in := <-m.idle:
		return in, nil
	default:
	}
	select {
	case in := <-m.idle:
		return in, nil
	case m.slots <- struct{}{}:
		return m.start(ctx, qualified)
	case <-ctx.Done():
		return nil, &InterruptedError{Func: qualified, Err: ctx.Err()}
	}
}

// start starts an instance in the slot the caller took. The start has a
// timeout of its own: a caller whose context ends first returns, and the
// instance, once started, waits in the pool.
func (m *Module) start(ctx context.Context, qualified string) (*instance, error) {
	type started struct {
		in  *instance
		err error
	}
	done := make(chan started, 1)
	go func() {
		in, err := m.instantiate()
		done <- started{in, err}
	}()
	select {
	case s := <-done:
		if s.err != nil {
			<-m.slots
			return nil, &StartError{Func: qualified, Err: s.err}
		}
		if err := ended(ctx); err != nil {
			// The caller's context ended while the instance started, though
			// select chose the start: the instance waits in the pool.
			m.release(s.in)
			return nil, &InterruptedError{Func: qualified, Err: err}
		}
		return s.in, nil
	case <-ctx.Done():
		go func() {
			if s := <-done; s.err != nil {
				<-m.slots
			} else {
				m.release(s.in)
			}
		}()
		return nil, &InterruptedError{Func: qualified, Err: ctx.Err()}
	}
}

// ended is ctx.Err(), or DeadlineExceeded once ctx's deadline has passed
// even if its timer has not fired yet: on a busy machine that timer runs
// late, and a call must not start after its deadline.
func ended(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if deadline, ok := ctx.Deadline(); ok && !time.Now().Before(deadline) {
		return context.DeadlineExceeded
	}
	return nil
}

// release returns an instance to the pool, or drops a dead one and frees
// its slot for a fresh instance.
func (m *Module) release(in *instance) {
	if in.dead || m.closed.Load() {
		in.close()
		<-m.slots
		return
	}
	m.idle <- in
}

func (m *Module) instantiate() (*instance, error) {
	ctx, cancel := context.WithTimeout(context.Background(), m.opts.startTimeout)
	defer cancel()
	in := &instance{stderr: &tailWriter{w: m.opts.stderr}}
	config := wazero.NewModuleConfig().
		WithName(""). // anonymous: any number of instances of one module
		WithStartFunctions("_initialize").
		WithSysWalltime().WithSysNanotime().
		WithNanosleep(in.sleep). // a sleeping call still stops at its deadline
		WithRandSource(rand.Reader).
		WithStdout(m.opts.stdout).WithStderr(in.stderr)
	mod, err := m.runtime.InstantiateModule(ctx, m.compiled, config)
	if err != nil {
		return nil, in.startFault(ctx, err)
	}
	if err := in.bind(ctx, mod); err != nil {
		mod.Close(context.Background())
		return nil, err
	}
	return in, nil
}
