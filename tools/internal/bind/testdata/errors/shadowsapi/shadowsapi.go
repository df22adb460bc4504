// Package shadowsapi is an error case of gowasm bind: an enum named like the package's API interface.
package shadowsapi

type ShadowsapiAPI string

const V ShadowsapiAPI = "v"

//gowasm:export
func Shadows(a ShadowsapiAPI) {}
