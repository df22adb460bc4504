// Package duplicatejson is an error case of gowasm bind: two fields of one struct with one json name.
package duplicatejson

type Twice struct {
	A string `json:"same"`
	B string `json:"same"`
}

//gowasm:export
func DuplicateJSON(t Twice) {}
