// Package latecontext is an error case of gowasm bind: context.Context comes first.
package latecontext

import "context"

//gowasm:export
func LateContext(n int32, ctx context.Context) {}
