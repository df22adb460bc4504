// Package callbackresult is an error case of gowasm bind: callbacks cannot return results.
package callbackresult

import "context"

//gowasm:export
func CallbackResult(ctx context.Context, f func() int32) {}
