// Package iface is an error case of gowasm bind: interfaces have no JavaScript form.
package iface

//gowasm:export
func Iface(v any) {}
