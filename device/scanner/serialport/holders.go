package serialport

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Holder is a process that has a device open.
type Holder struct {
	PID  int
	Name string // /proc/PID/comm
}

func (h Holder) String() string { return fmt.Sprintf("%s (pid %d)", h.Name, h.PID) }

// Holders lists the processes that have path open, by reading the fd
// links under procRoot ("/proc"). Processes it may not inspect are
// skipped, so as a non-root user it sees only its own.
func Holders(procRoot, path string) []Holder {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil
	}
	procs, _ := os.ReadDir(procRoot)
	var out []Holder
	for _, p := range procs {
		pid, err := strconv.Atoi(p.Name())
		if err != nil || !holds(filepath.Join(procRoot, p.Name(), "fd"), target) {
			continue
		}
		comm, _ := os.ReadFile(filepath.Join(procRoot, p.Name(), "comm"))
		out = append(out, Holder{PID: pid, Name: strings.TrimSpace(string(comm))})
	}
	return out
}

func holds(fdDir, target string) bool {
	fds, _ := os.ReadDir(fdDir)
	for _, fd := range fds {
		if l, err := os.Readlink(filepath.Join(fdDir, fd.Name())); err == nil && l == target {
			return true
		}
	}
	return false
}
