//go:build unix

package llrp

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user + system) used by the process,
// which unlike wall time is not inflated by other load on the machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
