package fuzz

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/gowasm/gowasm/e2e/internal/jsvalue"
)

// Outcome is what one call did, in the tagged form of package jsvalue.
type Outcome struct {
	Value       json.RawMessage `json:"value,omitempty"`
	Error       *JSError        `json:"error,omitempty"`
	Calls       json.RawMessage `json:"calls,omitempty"`
	Reentered   []any           `json:"reentered,omitempty"`
	Source      string          `json:"source,omitempty"`
	FuzzerError string          `json:"fuzzerError,omitempty"`
}

// JSError is an error a call threw or rejected with.
type JSError struct {
	Class   string `json:"class"`
	Name    string `json:"name"`
	Message string `json:"message"`
}

// The classes of outcome, as the fuzzer counts them. The first three are
// right; every other one is a failure.
const (
	Returned   = "returned the value native Go returns"
	Failed     = "failed as native Go does (GoError, GoPanicError, or a result with no JavaScript form)"
	Refused    = "refused wrong input with the TypeError or RangeError the type table gives, naming the parameter"
	TooDeep    = "refused input nested deeper than the JavaScript stack allows, with a RangeError naming the function"
	WrongValue = "wrong value"
	Accepted   = "accepted input the type table refuses"
	RefusedOK  = "refused valid input"
	WrongClass = "wrong error class"
	Unnamed    = "error not naming the function and parameter"
	Untyped    = "undocumented error class"
	GoPanic    = "Go panic from JavaScript input"
	Callbacks  = "callbacks received other values"
	Reentry    = "a call back into the API from a getter or callback went wrong"
	FuzzerBug  = "the fuzzer could not build the arguments"
)

// documented are the error classes a call may raise (README, index.d.ts).
var documented = map[string]bool{
	"TypeError": true, "RangeError": true, "GoError": true, "GoPanicError": true, "GoBlockingError": true,
	"GoExitError": true, "GoTrapError": true, "GoWorkerError": true,
}

// Check classifies what the bridge did with a call against what it must
// do: the model's verdict, and for accepted calls the same call made
// natively. detail explains a failure.
func Check(e *Export, c Call, out Outcome, remote bool) (class, detail string) {
	if out.FuzzerError != "" {
		return FuzzerBug, out.FuzzerError
	}
	goArgs, refusal := Judge(e, c.Args, remote)
	got := describe(out)
	if refusal != nil {
		want := fmt.Sprintf("a %s naming %s", refusal.Class, qualified(c.Fn))
		if refusal.Param != "" {
			want += fmt.Sprintf(` and parameter "%s"`, refusal.Param)
		}
		switch {
		case out.Error == nil:
			return Accepted, "want " + want + ", got " + got
		case !documented[out.Error.Class]:
			return Untyped, "want " + want + ", got " + got
		case out.Error.Class != refusal.Class:
			return WrongClass, "want " + want + ", got " + got
		case !names(out.Error.Message, c.Fn, refusal.Param):
			return Unnamed, "want " + want + ", got " + got
		}
		return Refused, ""
	}
	native := normalize(jsvalue.Call(qualified(c.Fn), e.Fn, goArgs))
	wantText := describeNative(native)
	if wantErr, ok := native["error"].(map[string]any); ok {
		switch {
		case out.Error == nil:
			return WrongValue, "want " + wantText + ", got " + got
		case out.Error.Class != wantErr["class"] || out.Error.Message != wantErr["message"]:
			if !documented[out.Error.Class] {
				return Untyped, "want " + wantText + ", got " + got
			}
			return WrongClass, "want " + wantText + ", got " + got
		}
		return Failed, ""
	}
	if out.Error != nil {
		switch {
		case out.Error.Class == "RangeError" && names(out.Error.Message, c.Fn, "") &&
			strings.Contains(out.Error.Message, "Maximum call stack size exceeded") && nesting(c.Args) > 200:
			return TooDeep, ""
		case out.Error.Class == "GoPanicError":
			return GoPanic, "want " + wantText + ", got " + got
		case !documented[out.Error.Class] || !names(out.Error.Message, c.Fn, ""):
			return Untyped, "want " + wantText + ", got " + got
		}
		return RefusedOK, "want " + wantText + ", got " + got
	}
	if !reflect.DeepEqual(decode(out.Value), native["value"]) {
		return WrongValue, "want " + wantText + ", got " + got
	}
	if wantCalls, ok := native["calls"]; ok && !reflect.DeepEqual(decode(out.Calls), wantCalls) {
		return Callbacks, fmt.Sprintf("callbacks: want %s, got %s", short(wantCalls), short(decode(out.Calls)))
	}
	for _, r := range out.Reentered {
		if !reflect.DeepEqual(r, normalize(jsvalue.Number(7))) {
			return Reentry, fmt.Sprintf("api.int32(7) from inside the call gave %s", short(r))
		}
	}
	return Returned, ""
}

// IsFailure reports whether class is a failure.
func IsFailure(class string) bool {
	return class != Returned && class != Failed && class != Refused && class != TooDeep
}

// nesting is how deeply values nest.
func nesting(vs []*Value) int {
	deepest := 0
	for _, v := range vs {
		if v == nil {
			continue
		}
		d := 1 + max(nesting(v.Items), nesting(v.Vals), nesting([]*Value{v.V}))
		deepest = max(deepest, d)
	}
	return deepest
}

func normalize[T any](v T) map[string]any {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		panic(err)
	}
	return out
}

func decode(raw json.RawMessage) any {
	if len(raw) == 0 {
		return nil
	}
	var v any
	d := json.NewDecoder(bytes.NewReader(raw))
	if err := d.Decode(&v); err != nil {
		return "undecodable: " + string(raw)
	}
	return v
}

func describe(out Outcome) string {
	if out.Error != nil {
		return fmt.Sprintf("%s: %s", out.Error.Class, short(out.Error.Message))
	}
	return "the value " + short(decode(out.Value))
}

func describeNative(native map[string]any) string {
	if e, ok := native["error"].(map[string]any); ok {
		return fmt.Sprintf("%s: %s", e["class"], short(e["message"]))
	}
	return "the value " + short(native["value"])
}

func short(v any) string {
	s, ok := v.(string)
	if !ok {
		data, _ := json.Marshal(v)
		s = string(data)
	}
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}
