// Package namedfloat is an error case of gowasm bind: a defined float type is no enum.
package namedfloat

type Celsius float64

const Freezing Celsius = 0

//gowasm:export
func Named(c Celsius) {}
