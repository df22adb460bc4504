// Package exits is a module whose Go program exits while it initialises,
// before main can hand over to @gowasm/bridge.
package exits

import "os"

func init() { os.Exit(7) }

// Never is never reached.
//
//gowasm:export
func Never() int32 { return 0 }
