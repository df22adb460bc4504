//go:build !js

package main

// markFirstResult has no page to mark natively.
func markFirstResult() {}
