package fuzz

// Shrink looks for a smaller call that fails the same way as c: it tries
// simpler versions of one value at a time (unwrapped, with fewer items,
// shorter, zero), outermost values first, and keeps each that still fails
// with class, until none does or tries runs out. fails runs a candidate
// and classifies it.
func Shrink(c Call, class string, tries int, fails func(Call) string) Call {
	for progress := true; progress && tries > 0; {
		progress = false
		for k, node := range walkAll(c.Args) {
			for _, e := range edits {
				if !e.applies(node) {
					continue
				}
				if tries--; tries < 0 {
					return c
				}
				candidate := Call{Fn: c.Fn, Args: cloneAll(c.Args)}
				e.apply(walkAll(candidate.Args)[k])
				if fails(candidate) == class {
					c, progress = candidate, true
					break
				}
			}
			if progress {
				break
			}
		}
	}
	return c
}

// walkAll lists the values of vs and the values inside them, depth first.
func walkAll(vs []*Value) []*Value {
	var out []*Value
	var walk func(v *Value)
	walk = func(v *Value) {
		if v == nil {
			return
		}
		out = append(out, v)
		for _, x := range v.Items {
			walk(x)
		}
		for _, x := range v.Vals {
			walk(x)
		}
		walk(v.V)
		walk(v.Then)
	}
	for _, v := range vs {
		walk(v)
	}
	return out
}

// An edit makes a value simpler in place.
type edit struct {
	applies func(v *Value) bool
	apply   func(v *Value)
}

var edits = []edit{
	{ // Unwrap: the wrapped value itself.
		func(v *Value) bool { return v.K == "proxy" || v.K == "realm" || v.K == "length-lie" || v.K == "get" },
		func(v *Value) { *v = *v.V },
	},
	{ // Half the items.
		func(v *Value) bool { return len(v.Items) > 1 },
		func(v *Value) { v.Items = v.Items[:len(v.Items)/2] },
	},
	{ // Drop the first item.
		func(v *Value) bool { return len(v.Items) > 0 },
		func(v *Value) { v.Items = v.Items[1:] },
	},
	{ // Drop the first entry.
		func(v *Value) bool { return len(v.Keys) > 0 },
		func(v *Value) { v.Keys, v.Vals = v.Keys[1:], v.Vals[1:] },
	},
	{ // Half the characters or bytes.
		func(v *Value) bool { return v.Rep > 1 || (v.K == "str" && len([]rune(v.S)) > 1) || len(v.Hex) > 16 },
		func(v *Value) {
			switch r := []rune(v.S); {
			case v.Rep > 1:
				v.Rep /= 2
			case v.K == "str" && len(r) > 1:
				v.S = string(r[:len(r)/2])
			default:
				v.Hex = v.Hex[:len(v.Hex)/2/16*16]
			}
		},
	},
	{ // Plain: no offset, odd buffer, lies, later reads or calls back.
		func(v *Value) bool {
			return v.Off != 0 || v.Buf != "" || (v.Lie != "" && v.Lie != "detached") || v.Then != nil || v.Reenter || v.Push
		},
		func(v *Value) {
			v.Off, v.Buf, v.Then, v.Reenter, v.Push = 0, "", nil, false, false
			if v.Lie != "detached" {
				v.Lie = ""
			}
		},
	},
	{ // Zero: 0, 0n, "".
		func(v *Value) bool {
			return (v.K == "num" && v.N != "0000000000000000") || (v.K == "big" && v.N != "0") || (v.K == "str" && (v.S != "" || v.Rep != 0))
		},
		func(v *Value) {
			switch v.K {
			case "num":
				*v = *num(0)
			case "big":
				v.N = "0"
			default:
				v.S, v.Rep = "", 0
			}
		},
	},
}
