// Package optional is a reference input of gowasm bind: omitempty fields
// are optional properties, absent from results when empty, and json:"-"
// fields do not cross.
package optional

type Options struct {
	Label   string            `json:"label,omitempty"`
	Count   int32             `json:"count,omitempty"`
	Tags    []string          `json:"tags,omitempty"`
	Extra   map[string]string `json:"extra,omitempty"`
	Secret  string            `json:"-"`
	Dash    string            `json:"-,"`
	Enabled bool              `json:",omitempty"`
	Scale   float64
}

//gowasm:export
func Normalize(o Options) Options { return o }
