// Package jsonstring is an error case of gowasm bind: the json ",string" option is not supported.
package jsonstring

type Money struct {
	Cents int64 `json:"cents,string"`
}

//gowasm:export
func Pay(m Money) {}
