package pgtest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// sysProcAttr runs a process with cred (nil: as the test binary). If the
// test binary dies before its cleanup, the process gets SIGQUIT, which
// for postgres is an immediate shutdown.
func sysProcAttr(cred *syscall.Credential) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGQUIT}
}

// children lists the processes whose parent is pid.
func children(pid int) []int {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var kids []int
	for _, path := range stats {
		if st, ok := readStat(path); ok && st.ppid == pid {
			kids = append(kids, st.pid)
		}
	}
	return kids
}

// alive reports whether pid exists and is not a zombie. A zombie holds no
// memory, and the init of a container may never reap it.
func alive(pid int) bool {
	st, ok := readStat("/proc/" + strconv.Itoa(pid) + "/stat")
	return ok && st.state != "Z"
}

type procStat struct {
	pid, ppid int
	state     string
}

// readStat parses "pid (comm) state ppid ..."; comm may hold spaces and
// parentheses, so the fields after it are found from the last ')'.
func readStat(path string) (procStat, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return procStat{}, false
	}
	head, tail, ok := strings.Cut(string(b), " (")
	i := strings.LastIndexByte(tail, ')')
	if !ok || i < 0 {
		return procStat{}, false
	}
	f := strings.Fields(tail[i+1:])
	pid, err1 := strconv.Atoi(head)
	if len(f) < 2 || err1 != nil {
		return procStat{}, false
	}
	ppid, err := strconv.Atoi(f[1])
	return procStat{pid: pid, ppid: ppid, state: f[0]}, err == nil
}
