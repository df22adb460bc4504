// Package fieldchan is an error case of gowasm bind: a field of a type with no JavaScript form is named.
package fieldchan

type WithChan struct {
	C chan int
}

//gowasm:export
func FieldChan(w WithChan) {}
