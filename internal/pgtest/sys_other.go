//go:build unix && !linux

package pgtest

import (
	"errors"
	"syscall"
)

// sysProcAttr runs a process with cred (nil: as the test binary). Without
// a parent-death signal, a server outlives a test binary that dies
// before its cleanup.
func sysProcAttr(cred *syscall.Credential) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Credential: cred}
}

// children is unknown without /proc: Kill kills the postmaster alone and
// its children exit when they notice.
func children(int) []int { return nil }

// alive reports whether pid exists.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
