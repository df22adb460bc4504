// Package wasip1types is a reference input of gowasm bind bound with
// -target wasip1: one export per kind of type, so that
// wasip1types.exports.json, the description a Go host checks calls
// against, shows every kind.
package wasip1types

import "time"

// Level is a string enum.
type Level string

const (
	Low  Level = "low"
	High Level = "high"
)

// Code is an integer enum.
type Code uint16

const (
	OK      Code = 200
	Missing Code = 404
)

// Base is embedded: its field is promoted.
type Base struct {
	ID int64 `json:"id"`
}

// Item has a promoted field, an omitempty field and nested composites.
type Item struct {
	Base
	Name  string             `json:"name,omitempty"`
	Tags  map[string][]Level `json:"tags"`
	Next  *Item              `json:"next"`
	Codes []Code             `json:"codes"`
}

//gowasm:export
func Scalars(a bool, b int8, c uint8, d int16, e uint16, f int32, g uint32, h int, i uint, j int64, k uint64, l float32, m float64) string {
	return ""
}

//gowasm:export
func Arrays(a []byte, b []float64, c []int64, d []string) []uint32 { return nil }

//gowasm:export
func Times(d time.Duration, t time.Time) (time.Time, error) { return t.Add(d), nil }

//gowasm:export
func Items(items []Item, byName map[string]*Item, level Level, code Code) (Item, int, error) {
	return Item{}, 0, nil
}

//gowasm:export
func Nothing() {}
