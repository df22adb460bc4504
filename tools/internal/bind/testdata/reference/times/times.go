// Package times is a reference input of gowasm bind: time.Time is a Date.
package times

import "time"

type Event struct {
	At   time.Time  `json:"at"`
	Ends *time.Time `json:"ends,omitempty"`
}

//gowasm:export
func Later(t time.Time, d time.Duration) time.Time { return t.Add(d) }

//gowasm:export
func Reschedule(e Event) Event { return e }
