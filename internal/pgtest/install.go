package pgtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// BinDir finds the directory of initdb and postgres: `pg_config --bindir`
// if it has initdb, else the newest /usr/lib/postgresql/*/bin.
func BinDir() (string, error) {
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); hasInitdb(dir) {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return majorOf(b) - majorOf(a) })
	for _, dir := range dirs {
		if hasInitdb(dir) {
			return dir, nil
		}
	}
	return "", errors.New("pgtest: initdb not found via `pg_config --bindir` or in /usr/lib/postgresql/*/bin; " +
		"install the Debian package postgresql (make deps)")
}

func hasInitdb(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "initdb"))
	return err == nil
}

// majorOf is the version in /usr/lib/postgresql/VERSION/bin ("9.6" is 9).
func majorOf(dir string) int {
	v, _, _ := strings.Cut(filepath.Base(filepath.Dir(dir)), ".")
	n, _ := strconv.Atoi(v)
	return n
}

// credential is nil when not root. As root it is the user postgres':
// initdb refuses to run as root.
func credential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("pgtest: as root the server runs as user postgres, "+
			"which the Debian package postgresql creates (make deps): %w", err)
	}
	uid, uerr := strconv.ParseUint(u.Uid, 10, 32)
	gid, gerr := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(uerr, gerr); err != nil {
		return nil, fmt.Errorf("pgtest: user postgres: %w", err)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}
