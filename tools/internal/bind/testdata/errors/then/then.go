// Package then is an error case of gowasm bind: an export named then makes the API a thenable.
package then

//gowasm:export
func Then() {}
