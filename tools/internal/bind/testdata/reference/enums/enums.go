// Package enums is a reference input of gowasm bind: a defined string or
// integer type with constants is a union of literals.
package enums

// Mode selects the algorithm.
type Mode string

const (
	// Fast trades accuracy for speed.
	Fast  Mode = "fast"
	Exact Mode = "exact" // Exact is slow.
	mixed Mode = "mixed"
)

// Level is a log level.
type Level int

const (
	Debug Level = iota
	Info
	Warn
	Default = Info // an alias of a value: one literal in the union
)

type Big int64

const Huge Big = 1 << 62

//gowasm:export
func Run(m Mode, l Level) Mode { return m }

//gowasm:export
func Levels() []Level { return nil }

//gowasm:export
func Biggest(b Big) Big { return b }

// Color names its constants after itself, as Go code often does: the
// prefix goes from the JavaScript keys.
type Color uint8

const (
	ColorRed Color = iota + 1
	ColorGreen
)

//gowasm:export
func Paint(c Color) Color { return c }
