// Package close is an error case of gowasm bind: an export named close hides the API's close().
package close

//gowasm:export
func Close() {}
