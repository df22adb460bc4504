// Package bad is a reference input of gowasm bind that must fail: every
// export here uses something that cannot cross to JavaScript.
package bad

import (
	"context"
	"time"

	"github.com/gowasm/gowasm/wasmbridge"
)

type Celsius float64

type private struct{ X int }

type Embeds struct {
	Point
	Name string
}

type Point struct{ X, Y float64 }

type WithChan struct {
	C chan int
}

type T struct{}

//gowasm:export
func (T) Method() {}

//gowasm:export
func unexported() {}

//gowasm:export
func Generic[E any](v E) {}

//gowasm:export
func Variadic(v ...int32) {}

//gowasm:export
func Chan(c chan int) {}

//gowasm:export
func Pointer(p *Point) {}

//gowasm:export
func Named(c Celsius) {}

//gowasm:export
func Duration(d time.Duration) {}

//gowasm:export
func IntKeys(m map[int]string) {}

//gowasm:export
func Anonymous(v struct{ X int }) {}

//gowasm:export
func Iface(v any) {}

//gowasm:export
func Callback(f func(int32)) {}

//gowasm:export
func LateContext(n int32, ctx context.Context) {}

//gowasm:export
func TwoResults() (int32, int32) { return 0, 0 }

//gowasm:export
func Embedded(e Embeds) {}

//gowasm:export
func Unexported(p private) {}

//gowasm:export
func FieldChan(w WithChan) {}

//gowasm:export
func CallbackResult(ctx context.Context, f func() int32) {}

//gowasm:export
func Complex(c complex128) {}

//gowasm:export
func Uintptr(u uintptr) {}

//gowasm:export
func Array(a [4]byte) {}

//gowasm:export
func Same() {}

//gowasm:export
func SAME() {}

// Promise would shadow TypeScript's Promise in the declarations.
type Promise struct{ X int32 }

//gowasm:export
func Shadows(p Promise) {}

type Twice struct {
	A string `json:"same"`
	B string `json:"same"`
}

//gowasm:export
func DuplicateJSON(t Twice) {}

//gowasm:export
func Then() {}

//gowasm:export
func Close() {}

//gowasm:export
func ReadsSync(src wasmbridge.Reader) {}
