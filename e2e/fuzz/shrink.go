package fuzz

// Shrink looks for a smaller call that fails the same way as c: it tries
// simpler versions of one value at a time (unwrapped, with fewer items,
// shorter, zero) and keeps each that still fails with class, until none
// does or tries runs out. fails runs a candidate and classifies it.
func Shrink(c Call, class string, tries int, fails func(Call) string) Call {
	for progress := true; progress && tries > 0; {
		progress = false
		for _, candidate := range simpler(c) {
			if tries--; tries < 0 {
				break
			}
			if fails(candidate) == class {
				c, progress = candidate, true
				break
			}
		}
	}
	return c
}

// simpler returns calls one step simpler than c, likeliest first.
func simpler(c Call) []Call {
	var out []Call
	count := 0
	for _, a := range c.Args {
		count += len(walk(a))
	}
	// Each candidate edits node k of a fresh copy of c.
	for k := range count {
		for edit := range edits {
			cc := Call{Fn: c.Fn, Args: cloneAll(c.Args)}
			var nodes []*Value
			for _, a := range cc.Args {
				nodes = append(nodes, walk(a)...)
			}
			if edits[edit](nodes[k]) {
				out = append(out, cc)
			}
		}
	}
	return out
}

// walk lists v and the values inside it, depth first.
func walk(v *Value) []*Value {
	if v == nil {
		return nil
	}
	out := []*Value{v}
	for _, x := range v.Items {
		out = append(out, walk(x)...)
	}
	for _, x := range v.Vals {
		out = append(out, walk(x)...)
	}
	out = append(out, walk(v.V)...)
	return append(out, walk(v.Then)...)
}

// edits make a value simpler in place; each reports whether it changed
// anything.
var edits = []func(v *Value) bool{
	// Unwrap: the wrapped value itself.
	func(v *Value) bool {
		switch v.K {
		case "proxy", "realm", "length-lie", "get":
			*v = *v.V
			return true
		}
		return false
	},
	// Half the items, entries, characters or bytes.
	func(v *Value) bool {
		switch {
		case len(v.Items) > 1:
			v.Items = v.Items[:len(v.Items)/2]
		case len(v.Keys) > 1:
			v.Keys, v.Vals = v.Keys[:len(v.Keys)/2], v.Vals[:len(v.Vals)/2]
		case v.Rep > 1:
			v.Rep /= 2
		case len(v.S) > 1 && v.K == "str":
			r := []rune(v.S)
			v.S = string(r[:len(r)/2])
		case len(v.Hex) > 16:
			v.Hex = v.Hex[:len(v.Hex)/2/16*16]
		default:
			return false
		}
		return true
	},
	// Drop the first item or entry.
	func(v *Value) bool {
		switch {
		case len(v.Items) > 0:
			v.Items = v.Items[1:]
		case len(v.Keys) > 0:
			v.Keys, v.Vals = v.Keys[1:], v.Vals[1:]
		default:
			return false
		}
		return true
	},
	// Plain: no offset, odd buffer, lies, later reads or calls back.
	func(v *Value) bool {
		if v.Off == 0 && v.Buf == "" && v.Lie == "" && v.Then == nil && !v.Reenter && !v.Push {
			return false
		}
		v.Off, v.Buf, v.Then, v.Reenter, v.Push = 0, "", nil, false, false
		if v.Lie != "detached" {
			v.Lie = ""
		}
		return true
	},
	// Zero: 0, 0n, "".
	func(v *Value) bool {
		switch {
		case v.K == "num" && v.N != "0000000000000000":
			*v = *num(0)
		case v.K == "big" && v.N != "0":
			v.N = "0"
		case v.K == "str" && (v.S != "" || v.Rep != 0):
			v.S, v.Rep = "", 0
		default:
			return false
		}
		return true
	},
}
