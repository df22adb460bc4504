//go:build !js

package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// onFiles needs the browser's File objects; natively there are none.
func (h *hasher) onFiles(ctx app.Context, e app.Event) {}
