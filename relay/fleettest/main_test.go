package fleettest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// relayBuild is the relay binary, built once per test binary and removed
// when the tests end.
var relayBuild struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if relayBuild.dir != "" {
		_ = os.RemoveAll(relayBuild.dir)
	}
	os.Exit(code)
}

// relayBinary builds cmd/relay (without -race: the processes under test
// are the relay as shipped) on first use and returns its path.
func relayBinary(tb testing.TB) string {
	tb.Helper()
	relayBuild.once.Do(func() {
		dir, err := os.MkdirTemp("", "fleettest-")
		if err != nil {
			relayBuild.err = err
			return
		}
		relayBuild.dir, relayBuild.path = dir, filepath.Join(dir, "relay")
		// go test puts GOROOT/bin first on PATH; the package path builds
		// from anywhere in the module.
		cmd := exec.Command("go", "build", "-o", relayBuild.path, "github.com/edged/edged/cmd/relay")
		if out, err := cmd.CombinedOutput(); err != nil {
			relayBuild.err = fmt.Errorf("go build ./cmd/relay: %w\n%s", err, out)
		}
	})
	if relayBuild.err != nil {
		tb.Fatal(relayBuild.err)
	}
	return relayBuild.path
}
