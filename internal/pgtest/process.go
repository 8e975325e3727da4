package pgtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// bindir finds PostgreSQL's server programs.
func bindir() (string, error) {
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		dir := strings.TrimSpace(string(out))
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err == nil {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("pgtest: initdb not found (pg_config --bindir, /usr/lib/postgresql/*/bin); install the Debian package postgresql (make deps)")
}

func version(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

// runAs runs a PostgreSQL program, as the postgres user when we are root.
type runAs struct {
	bin  string
	root bool
	uid  int
	gid  int
}

func newRunAs() (runAs, error) {
	bin, err := bindir()
	if err != nil {
		return runAs{}, err
	}
	r := runAs{bin: bin, root: os.Geteuid() == 0}
	if !r.root {
		return r, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return r, fmt.Errorf("pgtest: running as root needs the postgres user (Debian's postgresql package creates it): %w", err)
	}
	r.uid, _ = strconv.Atoi(u.Uid)
	r.gid, _ = strconv.Atoi(u.Gid)
	return r, nil
}

func (r runAs) cmd(prog string, args ...string) *exec.Cmd {
	path := filepath.Join(r.bin, prog)
	if !r.root {
		return exec.Command(path, args...)
	}
	return exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
}

// own gives dir to the server's user.
func (r runAs) own(dir string) error {
	if !r.root {
		return nil
	}
	return os.Chown(dir, r.uid, r.gid)
}

func (r runAs) run(prog string, args ...string) error {
	out, err := r.cmd(prog, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pgtest: %s %s: %w\n%s", prog, strings.Join(args, " "), err, out)
	}
	return nil
}
