// Package durations is a reference input of gowasm bind: time.Duration is
// a number of milliseconds.
package durations

import "time"

type Timer struct {
	Every time.Duration `json:"every"`
	After time.Duration `json:"after,omitempty"`
}

//gowasm:export
func Double(d time.Duration) time.Duration { return 2 * d }

//gowasm:export
func Next(t Timer) Timer { return t }
