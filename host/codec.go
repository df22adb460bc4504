package host

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/gowasm/gowasm/internal/exports"
	"github.com/gowasm/gowasm/wasmbridge"
)

// The host side of the wire format: Go values of the caller's types,
// encoded and decoded by reflection as the module's generated code does
// with static types (tools/internal/bind/gogen.go). A codec is built once
// per described type and Go type, checking that the two fit, and cached.

type (
	encodeFunc func(s *encodeState, v reflect.Value)
	decodeFunc func(s *decodeState, v reflect.Value) // v is settable
)

// encodeState is one call's encoding: the encoder, and the references
// (pointers, maps, slices) being encoded, to refuse a cycle as
// encoding/json does instead of recursing until the stack runs out.
type encodeState struct {
	wasmbridge.Encoder
	depth int
	open  map[reference]bool
	err   error
}

type reference struct {
	p unsafe.Pointer
	n int // a slice's length: two slices of one array differ by it
}

func referenceOf(v reflect.Value) reference {
	ref := reference{p: v.UnsafePointer()}
	if v.Kind() == reflect.Slice {
		ref.n = v.Len()
	}
	return ref
}

// cyclesAfter is the nesting of references past which encoding looks
// for cycles, as encoding/json's startDetectingCyclesAfter.
const cyclesAfter = 1000

var errCycle = errors.New("a value that refers to itself (a cycle), which the wire format cannot carry")

// enter is called before encoding what the reference v refers to; it
// reports false, having failed the call, for a cycle.
func (s *encodeState) enter(v reflect.Value) bool {
	s.depth++
	if s.depth <= cyclesAfter {
		return true
	}
	ref := referenceOf(v)
	if s.open[ref] {
		if s.err == nil {
			s.err = errCycle
		}
		return false
	}
	if s.open == nil {
		s.open = map[reference]bool{}
	}
	s.open[ref] = true
	return true
}

func (s *encodeState) leave(v reflect.Value) {
	if s.depth > cyclesAfter {
		delete(s.open, referenceOf(v))
	}
	s.depth--
}

// decodeState is one result's decoding. Its depth bounds the nesting a
// module can send, which would otherwise recurse until the host's stack
// runs out.
type decodeState struct {
	*wasmbridge.Decoder
	depth int
	err   error
}

const maxDecodeDepth = 10_000

func (s *decodeState) enter() bool {
	s.depth++
	if s.depth > maxDecodeDepth && s.err == nil {
		s.err = fmt.Errorf("a value nested over %d deep", maxDecodeDepth)
	}
	return s.err == nil
}

func (s *decodeState) leave() { s.depth-- }

type codecKey struct {
	t  *exports.Type
	rt reflect.Type
}

// codecs builds and caches the codecs of one module's types, in both
// directions.
type codecs struct {
	desc *exports.Module
	enc  cache[encodeFunc]
	dec  cache[decodeFunc]
}

func newCodecs(desc *exports.Module) *codecs {
	c := &codecs{desc: desc}
	c.enc = cache[encodeFunc]{done: map[codecKey]encodeFunc{}, fits: c.fits, make: c.makeEncoder,
		via: func(slot *encodeFunc) encodeFunc { return func(s *encodeState, v reflect.Value) { (*slot)(s, v) } }}
	c.dec = cache[decodeFunc]{done: map[codecKey]decodeFunc{}, fits: c.fits, make: c.makeDecoder,
		via: func(slot *decodeFunc) decodeFunc { return func(s *decodeState, v reflect.Value) { (*slot)(s, v) } }}
	return c
}

// cache holds one direction's codecs: F is encodeFunc or decodeFunc.
// Finished codecs are read under the read lock; a build takes the write
// lock and adds what it made only when all of it fits, so that a failed
// build leaves nothing half made behind.
type cache[F any] struct {
	mu   sync.RWMutex
	done map[codecKey]F
	fits func(t *exports.Type, rt reflect.Type) error                   // why rt cannot stand for t, ignoring its elements
	make func(b *build[F], t *exports.Type, rt reflect.Type) (F, error) // the codec of a type that fits
	via  func(slot *F) F                                                // a codec that calls the one slot will hold
}

// get returns the codec of the described type t for Go type rt.
func (c *cache[F]) get(t *exports.Type, rt reflect.Type) (F, error) {
	k := codecKey{t, rt}
	c.mu.RLock()
	f, ok := c.done[k]
	c.mu.RUnlock()
	if ok {
		return f, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	b := &build[F]{cache: c, made: map[codecKey]*F{}}
	f, err := b.codec(t, rt)
	if err != nil {
		return f, err
	}
	for k, f := range b.made {
		c.done[k] = *f
	}
	return f, nil
}

// build is one build of codecs: what it has made so far. A recursive
// type meets its own entry while it is being built: the codec returned
// then calls through the entry, which is filled in by the end.
type build[F any] struct {
	cache *cache[F]
	made  map[codecKey]*F
}

// codec returns the codec of t for rt, from the cache, from this build,
// or made now.
func (b *build[F]) codec(t *exports.Type, rt reflect.Type) (F, error) {
	k := codecKey{t, rt}
	if f, ok := b.cache.done[k]; ok {
		return f, nil
	}
	if slot, ok := b.made[k]; ok {
		return b.cache.via(slot), nil
	}
	var none F
	if err := b.cache.fits(t, rt); err != nil {
		return none, err
	}
	slot := new(F)
	b.made[k] = slot
	f, err := b.cache.make(b, t, rt)
	if err != nil {
		return none, err
	}
	*slot = f
	return f, nil
}

// mismatch is a Go type that cannot stand for a described type.
type mismatch struct{ want, got string }

func (e *mismatch) Error() string { return "want " + e.want + ", got " + e.got }

var (
	durationType = reflect.TypeFor[time.Duration]()
	timeType     = reflect.TypeFor[time.Time]()
)

// scalar is a described scalar kind's row: the reflect kind of the Go
// values that stand for it, and its codec, on wasmbridge's Encoder and
// Decoder methods of the same name.
type scalar struct {
	kind   reflect.Kind
	encode encodeFunc
	decode decodeFunc
}

var scalars = map[exports.Kind]scalar{
	exports.Bool: {reflect.Bool,
		func(s *encodeState, v reflect.Value) { s.Bool(v.Bool()) },
		func(s *decodeState, v reflect.Value) { v.SetBool(s.Bool()) }},
	exports.Int8: {reflect.Int8,
		func(s *encodeState, v reflect.Value) { s.Int8(int8(v.Int())) },
		func(s *decodeState, v reflect.Value) { v.SetInt(int64(s.Int8())) }},
	exports.Uint8: {reflect.Uint8,
		func(s *encodeState, v reflect.Value) { s.Uint8(uint8(v.Uint())) },
		func(s *decodeState, v reflect.Value) { v.SetUint(uint64(s.Uint8())) }},
	exports.Int16: {reflect.Int16,
		func(s *encodeState, v reflect.Value) { s.Int16(int16(v.Int())) },
		func(s *decodeState, v reflect.Value) { v.SetInt(int64(s.Int16())) }},
	exports.Uint16: {reflect.Uint16,
		func(s *encodeState, v reflect.Value) { s.Uint16(uint16(v.Uint())) },
		func(s *decodeState, v reflect.Value) { v.SetUint(uint64(s.Uint16())) }},
	exports.Int32: {reflect.Int32,
		func(s *encodeState, v reflect.Value) { s.Int32(int32(v.Int())) },
		func(s *decodeState, v reflect.Value) { v.SetInt(int64(s.Int32())) }},
	exports.Uint32: {reflect.Uint32,
		func(s *encodeState, v reflect.Value) { s.Uint32(uint32(v.Uint())) },
		func(s *decodeState, v reflect.Value) { v.SetUint(uint64(s.Uint32())) }},
	exports.Int: {reflect.Int,
		func(s *encodeState, v reflect.Value) { s.Int(int(v.Int())) },
		func(s *decodeState, v reflect.Value) { v.SetInt(int64(s.Int())) }},
	exports.Uint: {reflect.Uint,
		func(s *encodeState, v reflect.Value) { s.Uint(uint(v.Uint())) },
		func(s *decodeState, v reflect.Value) { v.SetUint(uint64(s.Uint())) }},
	exports.Int64: {reflect.Int64,
		func(s *encodeState, v reflect.Value) { s.Int64(v.Int()) },
		func(s *decodeState, v reflect.Value) { v.SetInt(s.Int64()) }},
	exports.Uint64: {reflect.Uint64,
		func(s *encodeState, v reflect.Value) { s.Uint64(v.Uint()) },
		func(s *decodeState, v reflect.Value) { v.SetUint(s.Uint64()) }},
	exports.Float32: {reflect.Float32,
		func(s *encodeState, v reflect.Value) { s.Float32(float32(v.Float())) },
		func(s *decodeState, v reflect.Value) { v.SetFloat(float64(s.Float32())) }},
	exports.Float64: {reflect.Float64,
		func(s *encodeState, v reflect.Value) { s.Float64(v.Float()) },
		func(s *decodeState, v reflect.Value) { v.SetFloat(s.Float64()) }},
	// The decoder's strings alias the result bytes, which each call
	// copies out of the module's memory afresh.
	exports.String: {reflect.String,
		func(s *encodeState, v reflect.Value) { s.String(v.String()) },
		func(s *decodeState, v reflect.Value) { v.SetString(s.String()) }},
}

// fits reports why a value of Go type rt cannot stand for t, ignoring
// t's elements and fields (the builders check those as they recurse).
func (c *codecs) fits(t *exports.Type, rt reflect.Type) error {
	ok := false
	switch t.Kind {
	case exports.Numbers, exports.Slice:
		ok = rt.Kind() == reflect.Slice
	case exports.Map:
		ok = rt.Kind() == reflect.Map && rt.Key().Kind() == reflect.String
	case exports.Pointer:
		ok = rt.Kind() == reflect.Pointer
	case exports.Struct:
		ok = rt.Kind() == reflect.Struct && rt.Name() == c.desc.Struct(t.Name).GoName
	case exports.Enum:
		e := c.desc.Enum(t.Name)
		ok = rt.Kind() == scalars[e.Under].kind && rt.Name() == e.GoName
	case exports.Duration:
		ok = rt == durationType
	case exports.Time:
		ok = rt == timeType
	default:
		row, known := scalars[t.Kind]
		ok = known && rt.Kind() == row.kind
	}
	if !ok {
		return &mismatch{c.desc.GoType(t), rt.String()}
	}
	return nil
}

// elemError is the error of a composite whose element does not fit: the
// composite's own mismatch when the element is simply another type, the
// element's story (a struct's field) otherwise.
func (c *codecs) elemError(t *exports.Type, rt reflect.Type, err error) error {
	if _, ok := err.(*mismatch); ok { // not wrapped in a field's story
		return &mismatch{c.desc.GoType(t), rt.String()}
	}
	return err
}

// ErrInexactTime is wrapped by the ArgumentError of a time.Time with
// digits below the millisecond: the wire carries a JavaScript Date's
// whole milliseconds.
var ErrInexactTime = errors.New("time.Time with digits below the millisecond, which the wire format (a JavaScript Date's milliseconds) cannot carry; round it with Truncate(time.Millisecond)")

func (c *codecs) makeEncoder(b *build[encodeFunc], t *exports.Type, rt reflect.Type) (encodeFunc, error) {
	if row, ok := scalars[t.Kind]; ok {
		return row.encode, nil
	}
	switch t.Kind {
	case exports.Duration:
		return func(s *encodeState, v reflect.Value) { s.Duration(v.Int()) }, nil
	case exports.Time:
		return func(s *encodeState, v reflect.Value) {
			tv := v.Interface().(time.Time)
			if tv.Nanosecond()%int(time.Millisecond) != 0 && s.err == nil {
				s.err = ErrInexactTime
			}
			s.Time(tv.Unix(), tv.Nanosecond())
		}, nil
	case exports.Enum:
		under := exports.Type{Kind: c.desc.Enum(t.Name).Under}
		return c.makeEncoder(b, &under, rt) // the module refuses a value none of its constants
	case exports.Numbers:
		if c.fits(t.Elem, rt.Elem()) != nil {
			return nil, &mismatch{c.desc.GoType(t), rt.String()}
		}
		return numbersEncoder(t.Elem.Kind), nil
	case exports.Slice:
		elem, err := b.codec(t.Elem, rt.Elem())
		if err != nil {
			return nil, c.elemError(t, rt, err)
		}
		return func(s *encodeState, v reflect.Value) {
			if v.Len() > 0 && !s.enter(v) {
				return
			}
			s.Len(v.Len())
			for i := range v.Len() {
				elem(s, v.Index(i))
			}
			if v.Len() > 0 {
				s.leave(v)
			}
		}, nil
	case exports.Map:
		elem, err := b.codec(t.Elem, rt.Elem())
		if err != nil {
			return nil, c.elemError(t, rt, err)
		}
		return func(s *encodeState, v reflect.Value) {
			if v.Len() > 0 && !s.enter(v) {
				return
			}
			keys := v.MapKeys()
			slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(x.String(), y.String()) }) // as wasmbridge.SortedKeys
			s.Len(len(keys))
			for _, k := range keys {
				s.String(k.String())
				elem(s, v.MapIndex(k))
			}
			if v.Len() > 0 {
				s.leave(v)
			}
		}, nil
	case exports.Pointer:
		elem, err := b.codec(t.Elem, rt.Elem())
		if err != nil {
			return nil, c.elemError(t, rt, err)
		}
		return func(s *encodeState, v reflect.Value) {
			if v.IsNil() {
				s.Bool(false)
				return
			}
			if !s.enter(v) {
				return
			}
			s.Bool(true)
			elem(s, v.Elem())
			s.leave(v)
		}, nil
	case exports.Struct:
		return c.structEncoder(b, c.desc.Struct(t.Name), rt)
	}
	return nil, fmt.Errorf("kind %q is not one this host knows; update gowasm", t.Kind)
}

func (c *codecs) structEncoder(b *build[encodeFunc], st *exports.StructType, rt reflect.Type) (encodeFunc, error) {
	type field struct {
		index    []int
		encode   encodeFunc
		optional bool
		kind     exports.Kind
	}
	var fields []field
	for i := range st.Fields {
		f := &st.Fields[i]
		index, ft, err := fieldPath(rt, f.GoPath)
		if err != nil {
			return nil, err
		}
		enc, err := b.codec(&f.Type, ft)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", f.GoPath, err)
		}
		kind := f.Type.Kind
		if kind == exports.Enum {
			kind = c.desc.Enum(f.Type.Name).Under
		}
		fields = append(fields, field{index, enc, f.Optional, kind})
	}
	return func(s *encodeState, v reflect.Value) {
		for _, f := range fields {
			fv := v.FieldByIndex(f.index)
			if f.optional {
				if omitted(f.kind, fv) {
					s.Bool(false)
					continue
				}
				s.Bool(true)
			}
			f.encode(s, fv)
		}
	}, nil
}

// omitted reports whether encoding/json's omitempty leaves v out, as the
// module's encoder does (bind's kinds table, column empty).
func omitted(kind exports.Kind, v reflect.Value) bool {
	switch kind {
	case exports.Struct, exports.Time: // never empty to encoding/json
		return false
	case exports.Numbers, exports.Slice, exports.Map, exports.String:
		return v.Len() == 0
	case exports.Pointer:
		return v.IsNil()
	}
	return v.IsZero() // bools and numbers; -0.0 is zero to Go and to encoding/json alike
}

// fieldPath finds the field at goPath ("X", or "Point.X" when promoted
// from an embedded struct) in struct type rt.
func fieldPath(rt reflect.Type, goPath string) ([]int, reflect.Type, error) {
	var index []int
	t := rt
	for name := range strings.SplitSeq(goPath, ".") {
		if t.Kind() != reflect.Struct {
			return nil, nil, fmt.Errorf("%s has no field %s: %s is not a struct", rt, goPath, t)
		}
		f, ok := t.FieldByName(name)
		if !ok || len(f.Index) != 1 {
			return nil, nil, fmt.Errorf("%s has no field %s", rt, goPath)
		}
		index = append(index, f.Index[0])
		t = f.Type
	}
	return index, t, nil
}

func (c *codecs) makeDecoder(b *build[decodeFunc], t *exports.Type, rt reflect.Type) (decodeFunc, error) {
	if row, ok := scalars[t.Kind]; ok {
		return row.decode, nil
	}
	switch t.Kind {
	case exports.Duration:
		return func(s *decodeState, v reflect.Value) { v.SetInt(s.Duration()) }, nil
	case exports.Time:
		return func(s *decodeState, v reflect.Value) { v.Set(reflect.ValueOf(time.UnixMilli(s.Time()).UTC())) }, nil
	case exports.Enum:
		under := exports.Type{Kind: c.desc.Enum(t.Name).Under}
		return c.makeDecoder(b, &under, rt) // the module's encoder refused a value none of its constants
	case exports.Numbers:
		if c.fits(t.Elem, rt.Elem()) != nil {
			return nil, &mismatch{c.desc.GoType(t), rt.String()}
		}
		return numbersDecoder(t.Elem.Kind, rt), nil
	case exports.Slice:
		elem, err := b.codec(t.Elem, rt.Elem())
		if err != nil {
			return nil, c.elemError(t, rt, err)
		}
		min := c.desc.ElemMin(t)
		return func(s *decodeState, v reflect.Value) {
			if !s.enter() {
				return
			}
			defer s.leave()
			n := s.Count(min)
			out := reflect.MakeSlice(rt, n, n)
			for i := range n {
				elem(s, out.Index(i))
			}
			v.Set(out)
		}, nil
	case exports.Map:
		elem, err := b.codec(t.Elem, rt.Elem())
		if err != nil {
			return nil, c.elemError(t, rt, err)
		}
		min := c.desc.ElemMin(t)
		return func(s *decodeState, v reflect.Value) {
			if !s.enter() {
				return
			}
			defer s.leave()
			m := reflect.MakeMap(rt)
			for range s.Count(min) {
				k := reflect.New(rt.Key()).Elem()
				k.SetString(s.String())
				ev := reflect.New(rt.Elem()).Elem()
				elem(s, ev)
				m.SetMapIndex(k, ev)
			}
			v.Set(m)
		}, nil
	case exports.Pointer:
		elem, err := b.codec(t.Elem, rt.Elem())
		if err != nil {
			return nil, c.elemError(t, rt, err)
		}
		return func(s *decodeState, v reflect.Value) {
			if !s.Bool() {
				v.SetZero()
				return
			}
			if !s.enter() {
				return
			}
			defer s.leave()
			p := reflect.New(rt.Elem())
			elem(s, p.Elem())
			v.Set(p)
		}, nil
	case exports.Struct:
		return c.structDecoder(b, c.desc.Struct(t.Name), rt)
	}
	return nil, fmt.Errorf("kind %q is not one this host knows; update gowasm", t.Kind)
}

func (c *codecs) structDecoder(b *build[decodeFunc], st *exports.StructType, rt reflect.Type) (decodeFunc, error) {
	type field struct {
		index    []int
		decode   decodeFunc
		optional bool
	}
	var fields []field
	for i := range st.Fields {
		f := &st.Fields[i]
		index, ft, err := fieldPath(rt, f.GoPath)
		if err != nil {
			return nil, err
		}
		dec, err := b.codec(&f.Type, ft)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", f.GoPath, err)
		}
		fields = append(fields, field{index, dec, f.Optional})
	}
	return func(s *decodeState, v reflect.Value) {
		v.SetZero()
		for _, f := range fields {
			if f.optional && !s.Bool() {
				continue
			}
			f.decode(s, v.FieldByIndex(f.index))
		}
	}, nil
}

// numbersEncoder encodes a slice of numbers as a TypedArray; the slice
// may be of a defined type ([]T of a named T) as long as its kind fits.
func numbersEncoder(kind exports.Kind) encodeFunc {
	return func(s *encodeState, v reflect.Value) {
		e := &s.Encoder
		switch kind {
		case exports.Int8:
			wasmbridge.EncodeNumbers(e, sliceAs[int8](v))
		case exports.Uint8:
			wasmbridge.EncodeNumbers(e, sliceAs[uint8](v))
		case exports.Int16:
			wasmbridge.EncodeNumbers(e, sliceAs[int16](v))
		case exports.Uint16:
			wasmbridge.EncodeNumbers(e, sliceAs[uint16](v))
		case exports.Int32:
			wasmbridge.EncodeNumbers(e, sliceAs[int32](v))
		case exports.Uint32:
			wasmbridge.EncodeNumbers(e, sliceAs[uint32](v))
		case exports.Int64:
			wasmbridge.EncodeNumbers(e, sliceAs[int64](v))
		case exports.Uint64:
			wasmbridge.EncodeNumbers(e, sliceAs[uint64](v))
		case exports.Float32:
			wasmbridge.EncodeNumbers(e, sliceAs[float32](v))
		case exports.Float64:
			wasmbridge.EncodeNumbers(e, sliceAs[float64](v))
		}
	}
}

// sliceAs views a slice whose elements are of kind T's as a []T.
func sliceAs[T wasmbridge.Number](v reflect.Value) []T {
	want := reflect.TypeFor[[]T]()
	if v.Type() == want {
		return v.Interface().([]T)
	}
	if v.Type().ConvertibleTo(want) {
		return v.Convert(want).Interface().([]T)
	}
	out := make([]T, v.Len()) // elements of a defined numeric type
	for i := range out {
		reflect.ValueOf(&out[i]).Elem().Set(v.Index(i).Convert(reflect.TypeFor[T]()))
	}
	return out
}

func numbersDecoder(kind exports.Kind, rt reflect.Type) decodeFunc {
	return func(s *decodeState, v reflect.Value) {
		d := s.Decoder
		var out any
		switch kind {
		case exports.Int8:
			out = wasmbridge.DecodeNumbers[int8](d)
		case exports.Uint8:
			out = wasmbridge.DecodeNumbers[uint8](d)
		case exports.Int16:
			out = wasmbridge.DecodeNumbers[int16](d)
		case exports.Uint16:
			out = wasmbridge.DecodeNumbers[uint16](d)
		case exports.Int32:
			out = wasmbridge.DecodeNumbers[int32](d)
		case exports.Uint32:
			out = wasmbridge.DecodeNumbers[uint32](d)
		case exports.Int64:
			out = wasmbridge.DecodeNumbers[int64](d)
		case exports.Uint64:
			out = wasmbridge.DecodeNumbers[uint64](d)
		case exports.Float32:
			out = wasmbridge.DecodeNumbers[float32](d)
		case exports.Float64:
			out = wasmbridge.DecodeNumbers[float64](d)
		}
		sv := reflect.ValueOf(out)
		if sv.Type().ConvertibleTo(rt) {
			v.Set(sv.Convert(rt))
			return
		}
		conv := reflect.MakeSlice(rt, sv.Len(), sv.Len())
		for i := range sv.Len() {
			conv.Index(i).Set(sv.Index(i).Convert(rt.Elem()))
		}
		v.Set(conv)
	}
}
