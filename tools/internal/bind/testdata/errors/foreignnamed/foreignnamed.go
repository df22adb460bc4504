// Package foreignnamed is an error case of gowasm bind: a defined type of another package is not bound.
package foreignnamed

import "time"

//gowasm:export
func Month(m time.Month) {}
