// Package omitzero is an error case of gowasm bind: the json "omitzero" option is not supported.
package omitzero

type Opts struct {
	N int32 `json:"n,omitzero"`
}

//gowasm:export
func Set(o Opts) {}
