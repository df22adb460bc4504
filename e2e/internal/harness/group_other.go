//go:build !unix

package harness

import (
	"os/exec"
	"syscall"
)

// inGroup does nothing where there are no process groups (js/wasm, where
// the package is only vetted).
func inGroup(cmd *exec.Cmd) {}

// signalGroup kills cmd alone.
func signalGroup(cmd *exec.Cmd, sig syscall.Signal) {
	cmd.Process.Kill()
}
