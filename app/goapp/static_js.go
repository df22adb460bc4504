package main

// generate writes the static site natively; in the browser there is
// nothing to write (and app.RunWhenOnBrowser never returns).
func generate() {}
