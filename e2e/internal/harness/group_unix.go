//go:build unix

package harness

import (
	"os/exec"
	"syscall"
)

// inGroup makes cmd lead a process group of its own, so that signalGroup
// reaches the processes it starts (make run starts go run, which starts
// gowasm; npx starts vite).
func inGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// signalGroup sends sig to cmd and every process of its group.
func signalGroup(cmd *exec.Cmd, sig syscall.Signal) {
	syscall.Kill(-cmd.Process.Pid, sig)
}
