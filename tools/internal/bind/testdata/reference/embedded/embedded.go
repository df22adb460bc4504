// Package embedded is a reference input of gowasm bind: the fields of
// embedded structs are promoted, following encoding/json's rules.
package embedded

type Base struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type Meta struct {
	Name    string `json:"name"` // as deep as Base.Name and also tagged: both are dropped
	Version int32  `json:"version"`
}

type Named struct {
	Title string
}

type Entry struct {
	Base
	Meta
	Named `json:"named"` // a tag name makes it a field, not promoted
	ID    string         `json:"id"` // shallower than Base.ID: wins
	Size  int32          `json:"size"`
}

//gowasm:export
func Describe(r Entry) Entry { return r }
