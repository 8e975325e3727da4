package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigCases runs `edged config check` on every folder under
// testdata/config: edged.yaml, optional conf.d/ and an optional env file
// of KEY=VALUE lines in; expected.txt (the output) out. -update rewrites.
func TestConfigCases(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "config", "*"))
	if len(dirs) == 0 {
		t.Fatal("no cases")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			setEnvFile(t, filepath.Join(dir, "env"))
			var out strings.Builder
			code := run([]string{"config", "check", "--config", filepath.Join(dir, "edged.yaml")}, strings.NewReader(""), &out, &out)
			got := strings.ReplaceAll(out.String(), dir+string(filepath.Separator), "")
			got += "exit " + string(rune('0'+code)) + "\n"
			goldenAt(t, filepath.Join(dir, "expected.txt"), got)
		})
	}
}

func setEnvFile(t *testing.T, path string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			t.Setenv(k, v)
		}
	}
}

func TestShippedExamplesAreValid(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "firmware-config", "*.yaml"))
	more, _ := filepath.Glob(filepath.Join("..", "..", "firmware-config", "examples", "*.yaml"))
	for _, f := range append(files, more...) {
		var out strings.Builder
		if code := run([]string{"config", "check", "--config", f}, strings.NewReader(""), &out, &out); code != 0 {
			t.Errorf("%s: exit %d\n%s", f, code, out.String())
		}
	}
}

// edged run loads the configuration as config check does: it refuses the
// file listing the same problems, every one, before it opens anything.
func TestRunRefusesABadConfigurationListingEveryProblem(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "config", "four-faults")
	var check, runOut strings.Builder
	run([]string{"config", "check", "--config", filepath.Join(dir, "edged.yaml")}, strings.NewReader(""), &check, &check)
	code := run([]string{"run", "--config", filepath.Join(dir, "edged.yaml")}, strings.NewReader(""), &runOut, &runOut)
	lines := strings.Split(strings.TrimSpace(check.String()), "\n")[1:]
	if code == 0 || len(lines) != 4 {
		t.Fatalf("run exit %d; check listed %d problems:\n%s", code, len(lines), check.String())
	}
	for _, l := range lines {
		if !strings.Contains(runOut.String(), l) {
			t.Errorf("run does not report %q:\n%s", l, runOut.String())
		}
	}
}
