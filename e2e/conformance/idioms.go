package conformance

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// The exports below use the types of the Go people write: optional and
// nullable fields, enums, embedded structs, several results, durations
// and times.

// Mode is a string enum.
type Mode string

const (
	ModeFast  Mode = "fast"
	ModeExact Mode = "exact"
	modeSlow  Mode = "slow" // unexported, yet a value Go may return
)

// Level is an integer enum with a negative value.
type Level int8

const (
	LevelLow  Level = -1
	LevelMid  Level = 0
	LevelHigh Level = 7
)

// Flag is a uint64 enum: bigint literals.
type Flag uint64

const (
	FlagNone Flag = 0
	FlagTop  Flag = 1 << 63
)

// Base is embedded in Settings: its fields are promoted.
type Base struct {
	ID     string `json:"id"`
	Shared string
}

// Extra is embedded beside Base: its Shared ties with Base's (both
// untagged, as deep), so neither crosses, as with encoding/json.
type Extra struct {
	Shared string
	Note   string `json:"note,omitempty"`
}

// Settings has a field of every new kind, most of them omitempty.
type Settings struct {
	Base
	Extra
	Label   string                 `json:"label,omitempty"`
	Count   int32                  `json:"count,omitempty"`
	Ratio   float64                `json:"ratio,omitempty"`
	Big     int64                  `json:"big,omitempty"`
	On      bool                   `json:"on,omitempty"`
	Tags    []string               `json:"tags,omitempty"`
	Bytes   []byte                 `json:"bytes,omitempty"`
	Attrs   map[string]int32       `json:"attrs,omitempty"`
	Parent  *Settings              `json:"parent,omitempty"`
	Alias   *string                `json:"alias"`
	Mode    Mode                   `json:"mode,omitempty"`
	Level   Level                  `json:"level"`
	Flag    Flag                   `json:"flag,omitempty"`
	Timeout time.Duration          `json:"timeout,omitempty"`
	Start   time.Time              `json:"start"`
	Groups  map[string][]*Settings `json:"groups,omitempty"`
	Hidden  string                 `json:"-"`
	Modes   map[string]Mode        `json:"modes,omitempty"`
}

// EchoSettings returns s as it reached Go.
//
//gowasm:export
func EchoSettings(s Settings) Settings { return s }

// SettingsJSON is encoding/json's view of s as it reached Go: the oracle
// for what the binding decoded.
//
//gowasm:export
func SettingsJSON(s Settings) (string, error) {
	b, err := json.Marshal(s)
	return string(b), err
}

// Tweak changes a few fields, so that results differ from arguments.
//
//gowasm:export
func Tweak(s *Settings) *Settings {
	if s == nil {
		return nil
	}
	t := *s
	t.Count++
	t.Label = ""
	t.Parent = s
	if t.Mode == ModeFast {
		t.Mode = modeSlow
	}
	t.Timeout += time.Nanosecond
	t.Start = t.Start.Add(1500 * time.Microsecond)
	return &t
}

// Maybe returns the pointer it was given, plus one.
//
//gowasm:export
func Maybe(p *int32) *int32 {
	if p == nil {
		return nil
	}
	v := *p + 1
	return &v
}

// NextLevel is an integer enum parameter and result.
//
//gowasm:export
func NextLevel(l Level) Level {
	switch l {
	case LevelLow:
		return LevelMid
	case LevelMid:
		return LevelHigh
	}
	return LevelLow
}

// ToggleFlag is a uint64 enum parameter and result.
//
//gowasm:export
func ToggleFlag(f Flag) Flag { return f ^ FlagTop }

// BadMode returns a Mode that is none of its constants: JavaScript must
// get an error, not the value.
//
//gowasm:export
func BadMode() Mode { return Mode("bogus") }

// DivMod has two results and an error.
//
//gowasm:export
func DivMod(a, b int32) (int32, int32, error) {
	if b == 0 {
		return 0, 0, errors.New("division by zero")
	}
	return a / b, a % b, nil
}

// Pair has two results of composite kinds.
//
//gowasm:export
func Pair(s string) ([]string, *Mode) {
	if s == "" {
		return nil, nil
	}
	m := Mode(s)
	return []string{s, s}, &m
}

// Scale multiplies a duration.
//
//gowasm:export
func ScaleDuration(d time.Duration, by int32) time.Duration { return d * time.Duration(by) }

// Later is t plus d.
//
//gowasm:export
func Later(t time.Time, d time.Duration) time.Time { return t.Add(d) }

// Since is the duration from t to u, and both rounded down to the day.
//
//gowasm:export
func Since(t, u time.Time) (time.Duration, []time.Time) {
	return u.Sub(t), []time.Time{t.Truncate(24 * time.Hour), u.Truncate(24 * time.Hour)}
}

// AsyncSettings is EchoSettings on the async path.
//
//gowasm:export
func AsyncSettings(ctx context.Context, s *Settings, progress func(mode Mode, at time.Time, d time.Duration, p *Settings)) (*Settings, error) {
	if s != nil {
		progress(s.Mode, s.Start, s.Timeout, s.Parent)
	} else {
		progress(ModeExact, time.Time{}, 0, nil)
	}
	return s, nil
}
