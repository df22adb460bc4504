package conformance

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/gowasm/gowasm/e2e/internal/harness"
	"github.com/gowasm/gowasm/e2e/internal/jsvalue"
)

func ptr[T any](v T) *T { return &v }

// fullSettings sets every field, and nests a pointer to a struct with an
// optional enum field inside a slice of a map value.
func fullSettings() Settings {
	return Settings{
		Base:    Base{ID: "id-1", Shared: "dropped: ties with Extra.Shared"},
		Extra:   Extra{Shared: "dropped too", Note: "a note"},
		Label:   "label \U0001F3F7",
		Count:   -3,
		Ratio:   negZero, // -0 is empty for omitempty, as in encoding/json
		Big:     -1 << 63,
		On:      true,
		Tags:    []string{"a", ""},
		Bytes:   []byte{0, 255},
		Attrs:   map[string]int32{"w": 640, "__proto__": 1},
		Parent:  &Settings{Base: Base{ID: "parent"}, Mode: ModeExact, Level: LevelLow, Alias: ptr("")},
		Alias:   ptr("alias"),
		Mode:    ModeFast,
		Level:   LevelHigh,
		Flag:    FlagTop,
		Timeout: 1500*time.Millisecond + 7,
		Start:   time.Date(2024, 2, 29, 23, 59, 59, 999_000_000, time.UTC),
		Groups: map[string][]*Settings{
			"g": {{Mode: ModeExact, Level: LevelMid, Alias: ptr("inner")}, nil, {Level: LevelLow}},
			"":  {},
		},
		Hidden: "json:\"-\" never crosses",
		Modes:  map[string]Mode{"x": ModeFast, "y": ModeExact},
	}
}

// idiomCases run natively and in JavaScript and must agree exactly.
func idiomCases() []testCase {
	c := func(fn string, native any, args ...any) testCase { return testCase{fn: fn, native: native, args: args} }
	epoch := time.Unix(0, 0).UTC()
	lastDate := time.UnixMilli(8.64e15).UTC()
	return []testCase{
		c("echoSettings", EchoSettings, fullSettings()),
		c("echoSettings", EchoSettings, Settings{}),
		c("echoSettings", EchoSettings, Settings{Alias: ptr(""), Start: epoch, Parent: &Settings{}}),
		c("settingsJSON", SettingsJSON, fullSettings()),
		c("settingsJSON", SettingsJSON, Settings{}),
		c("tweak", Tweak, ptr(fullSettings())),
		c("tweak", Tweak, (*Settings)(nil)),
		c("maybe", Maybe, (*int32)(nil)), c("maybe", Maybe, ptr(int32(41))),
		c("nextLevel", NextLevel, LevelLow), c("nextLevel", NextLevel, LevelHigh),
		c("toggleFlag", ToggleFlag, FlagNone), c("toggleFlag", ToggleFlag, FlagTop),
		c("divMod", DivMod, -7, 2), c("divMod", DivMod, 1, 0),
		c("pair", Pair, "fast"), c("pair", Pair, ""), c("pair", Pair, "slow"),
		c("scaleDuration", ScaleDuration, time.Nanosecond, 1),
		c("scaleDuration", ScaleDuration, 1500*time.Microsecond, -3),
		c("scaleDuration", ScaleDuration, time.Duration(1<<51-1), 1),
		c("scaleDuration", ScaleDuration, time.Duration(1<<50+1), 3), // past 2^51 ns: exact or an error, as the oracle says
		c("scaleDuration", ScaleDuration, 24*time.Hour, 365*200),     // whole milliseconds stay exact
		c("scaleDuration", ScaleDuration, time.Duration(1<<51-1), 4099),
		c("later", Later, time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC), 1500*time.Microsecond),
		c("later", Later, epoch, -time.Nanosecond), // rounds down to -1 ms
		c("later", Later, time.Time{}, time.Duration(0)),
		c("later", Later, lastDate, time.Millisecond), // past a Date's range: an error
		c("since", Since, epoch, time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC)),
		c("asyncSettings", AsyncSettings, ptr(fullSettings()), callback("progress")),
		c("asyncSettings", AsyncSettings, (*Settings)(nil), callback("progress")),
		{fn: "badMode", native: BadMode, bad: true, wantClass: "GoError",
			wantContains: `conformance.badMode: conformance.Mode "bogus" is none of its constants`},
		{fn: "pair", native: Pair, args: []any{jsOnly{"zzz"}}, bad: true, wantClass: "GoError",
			wantContains: `conformance.pair: conformance.Mode "zzz" is none of its constants`},
		c("add", Add, 1, 2),
	}
}

// idiomBadCases pass values that do not fit the new rows' parameters.
func idiomBadCases() []testCase {
	num := func(f float64) any { return jsvalue.Number(f) }
	big := func(s string) any { return map[string]any{"$big": s} }
	date := func(ms float64) any { return map[string]any{"$date": num(ms)} }
	b := func(fn string, native any, class, param string, args ...any) testCase {
		var tagged []any
		for _, a := range args {
			tagged = append(tagged, jsOnly{a})
		}
		return testCase{fn: fn, native: native, args: tagged, bad: true, wantClass: class,
			wantContains: qualified(fn) + `: parameter "` + param + `"`}
	}
	with := func(edit func(map[string]any)) any {
		tagged, err := jsvalue.Tag(reflectValue(fullSettings()))
		if err != nil {
			panic(err)
		}
		s := tagged.(map[string]any)
		edit(s)
		return s
	}
	set := func(key string, v any) any { return with(func(s map[string]any) { s[key] = v }) }
	unset := func(key string) any { return with(func(s map[string]any) { delete(s, key) }) }
	return []testCase{
		b("echoSettings", EchoSettings, "TypeError", "s.label", set("label", num(5))),
		b("echoSettings", EchoSettings, "TypeError", "s.label", set("label", nil)),
		b("echoSettings", EchoSettings, "RangeError", "s.mode", set("mode", "slower")),
		b("echoSettings", EchoSettings, "TypeError", "s.mode", set("mode", num(1))),
		b("echoSettings", EchoSettings, "RangeError", "s.level", set("level", num(3))),
		b("echoSettings", EchoSettings, "TypeError", "s.level", set("level", "1")),
		b("echoSettings", EchoSettings, "TypeError", "s.level", unset("level")),
		b("echoSettings", EchoSettings, "RangeError", "s.flag", set("flag", big("1"))),
		b("echoSettings", EchoSettings, "TypeError", "s.flag", set("flag", num(0))),
		b("echoSettings", EchoSettings, "TypeError", "s.alias", unset("alias")),
		b("echoSettings", EchoSettings, "TypeError", "s.alias", set("alias", num(1))),
		b("echoSettings", EchoSettings, "TypeError", "s.start", unset("start")),
		b("echoSettings", EchoSettings, "TypeError", "s.start", set("start", "2024-02-29")),
		b("echoSettings", EchoSettings, "TypeError", "s.start", set("start", map[string]any{"getTime": num(0)})),
		b("echoSettings", EchoSettings, "RangeError", "s.start", set("start", date(math.NaN()))),
		b("echoSettings", EchoSettings, "RangeError", "s.timeout", set("timeout", num(1e-7))),
		b("echoSettings", EchoSettings, "RangeError", "s.timeout", set("timeout", num(math.NaN()))),
		b("echoSettings", EchoSettings, "RangeError", "s.timeout", set("timeout", num(1e300))),
		b("echoSettings", EchoSettings, "TypeError", "s.timeout", set("timeout", "5")),
		b("echoSettings", EchoSettings, "TypeError", "s.parent.id", set("parent", map[string]any{})),
		b("echoSettings", EchoSettings, "TypeError", `s.groups["g"][0].id`, set("groups", map[string]any{"g": []any{map[string]any{}}})),
		b("echoSettings", EchoSettings, "TypeError", `s.groups["g"][0]`, set("groups", map[string]any{"g": []any{map[string]any{"$undef": 1}}})),
		b("echoSettings", EchoSettings, "RangeError", `s.modes["a"]`, set("modes", map[string]any{"a": "nope"})),
		b("echoSettings", EchoSettings, "TypeError", "s.tags", set("tags", nil)),
		b("maybe", Maybe, "TypeError", "p", map[string]any{"$undef": 1}),
		b("maybe", Maybe, "RangeError", "p", num(1.5)),
		b("nextLevel", NextLevel, "RangeError", "l", num(2)),
		b("nextLevel", NextLevel, "TypeError", "l", big("-1")),
		b("toggleFlag", ToggleFlag, "RangeError", "f", big("5")),
		b("toggleFlag", ToggleFlag, "TypeError", "f", num(0)),
		b("scaleDuration", ScaleDuration, "RangeError", "d", num(1e-7), num(1)),
		b("scaleDuration", ScaleDuration, "RangeError", "d", num(math.Inf(1)), num(1)),
		b("later", Later, "TypeError", "t", num(0), num(0)),
		b("later", Later, "RangeError", "t", date(math.NaN()), num(0)),
		b("later", Later, "RangeError", "d", date(0), num(0.5e-6)),
		b("asyncSettings", AsyncSettings, "RangeError", "s.mode", set("mode", "x"), map[string]any{"$callback": "progress"}),
		b("asyncSettings", AsyncSettings, "TypeError", "s", map[string]any{"$undef": 1}, map[string]any{"$callback": "progress"}),
	}
}

// The binding exports each enum's exported constants as a frozen object,
// keyed without the type's name: checked against the Go constants.
func TestEnumObjects(t *testing.T) {
	m := module(t)
	out := harness.Node(t, "js/enums.mjs", m.Binding)
	var got map[string]map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("enums.mjs: %v\n%s", err, out)
	}
	for name, constants := range map[string]map[string]any{
		"Mode":  {"Fast": ModeFast, "Exact": ModeExact}, // modeSlow is unexported
		"Level": {"Low": LevelLow, "Mid": LevelMid, "High": LevelHigh},
		"Flag":  {"None": FlagNone, "Top": FlagTop},
	} {
		want := map[string]any{}
		for key, c := range constants {
			want[key] = mustTag(t, c)
		}
		if g := got[name]; !reflect.DeepEqual(g["value"], normalize(t, want)) || g["frozen"] != true {
			t.Errorf("%s: JavaScript has %s (frozen: %v), Go's constants are %s", name, js(g["value"]), g["frozen"], js(want))
		}
	}
}
