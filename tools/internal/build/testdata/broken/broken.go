// Package broken does not compile.
package broken

//gowasm:export
func Broken() int32 { return "not a number" }
