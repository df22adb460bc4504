// Package unexported is an error case of gowasm bind: an export needs an exported name.
package unexported

//gowasm:export
func unexported() {}
