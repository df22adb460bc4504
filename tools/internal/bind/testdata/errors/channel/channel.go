// Package channel is an error case of gowasm bind: channels have no JavaScript form.
package channel

//gowasm:export
func Chan(c chan int) {}
