// Package callbacksync is an error case of gowasm bind: callbacks need an async export.
package callbacksync

//gowasm:export
func Callback(f func(int32)) {}
