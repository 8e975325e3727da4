package config_test

import (
	"strings"
	"testing"

	"github.com/edged/edged/config"
)

// load runs Load on one file and returns its problems, one per line.
func load(t *testing.T, yaml string, env ...string) []string {
	t.Helper()
	var c testConfig
	err := config.Load(&c, env, config.Source{Name: "edged.yaml", Data: []byte(yaml)})
	if err == nil {
		return nil
	}
	return strings.Split(err.Error(), "\n")
}

func TestLoadWordsTypeErrorsWithTheExpectedForm(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"ledger:\n  retention: soon\n", `edged.yaml:2: ledger.retention: "soon" is not a duration; expected a duration such as 250ms, 5s or 1m`},
		{"ledger:\n  retention: 90\n", "edged.yaml:2: ledger.retention: 90 has no unit; expected a duration such as 250ms, 5s or 1m"},
		{"broker:\n  verify: maybe\n", `edged.yaml:2: broker.verify: "maybe" is not true or false; expected true or false`},
		{"ledger:\n  max_size: big\n", `edged.yaml:2: ledger.max_size: "big" is not a whole number; expected a whole number such as 10`},
		{"readers:\n  - {name: a, host: h, port: 70000}\n", "edged.yaml:2: readers[0].port: 70000 is out of range; expected a whole number from 0 to 65535"},
		{"readers:\n  - {name: a, host: h, antennas: [1, -2]}\n", "edged.yaml:2: readers[0].antennas[1]: -2 is out of range; expected a whole number from 0 to 65535"},
		{"ledger: [a]\n", `edged.yaml:1: ledger: a list is not a section; expected key: value lines indented below the key`},
		{"readers: {name: a}\n", `edged.yaml:1: readers: a section is not a list; expected a list such as [a, b], or lines starting with "- " below the key`},
		{"ledger:\n  db: {a: 1}\n", "edged.yaml:2: ledger.db: a section is not a single value; expected a single value such as a name"},
	} {
		got := load(t, tc.yaml)
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.yaml, got, tc.want)
		}
	}
}

func TestLoadFindsTheLineOfASyntaxError(t *testing.T) {
	for _, tc := range []struct {
		yaml string
		line string // the report's first line up to the problem
		text string // the line it shows
	}{
		{"site: a\nledger: [x\n", "edged.yaml:2: YAML syntax error: did not find expected ',' or ']'", "    2 | ledger: [x"},
		{"a: 1\nb: 2\nc: 3\nd: {x: 1\ne: 5\n", "edged.yaml:4: YAML syntax error: did not find expected ',' or '}'", "    4 | d: {x: 1"},
		{"ledger:\n  db: x\n max: 2\n", "edged.yaml:3: YAML syntax error: did not find expected key", "    3 |  max: 2"},
		{"ledger:\n\tdb: x\n", "edged.yaml:2: YAML syntax error: found character that cannot start any token", "    2 | \tdb: x"},
		{"ledger:\n  db: \"x\n  max: 2\n", "edged.yaml:2: YAML syntax error: found unexpected end of stream", `    2 |   db: "x`},
	} {
		got := load(t, tc.yaml)
		if len(got) != 2 || !strings.HasPrefix(got[0], tc.line+"; expected YAML") || got[1] != tc.text {
			t.Errorf("%q:\n got %q\nwant %q then %q", tc.yaml, got, tc.line, tc.text)
		}
	}
}

func TestLoadReportsKeyTypeAndRuleProblemsTogether(t *testing.T) {
	got := load(t, "ledger:\n  max_sise: 5\n  retention: soon\nreaders:\n  - name: a\n  - name: b\n    port: x\n")
	want := []string{
		"edged.yaml:2: ledger.max_sise: unknown key (did you mean max_size?)",
		`edged.yaml:3: ledger.retention: "soon" is not a duration`,
		"edged.yaml:5: readers[0].host: required",
		"edged.yaml:6: readers[1].host: required",
		`edged.yaml:7: readers[1].port: "x" is not a whole number`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d: got %q, want %q...", i, got[i], want[i])
		}
	}
}

func TestLoadReportsEachFaultOnce(t *testing.T) {
	// A misspelt host is not also "host: required"; a bad value is not
	// also whatever the rules say of its zero value.
	got := load(t, "readers:\n  - {name: a, hots: h}\n  - {name: b, host: [h]}\n")
	if len(got) != 2 || !strings.Contains(got[0], "readers[0].hots: unknown key (did you mean host?)") ||
		!strings.Contains(got[1], "readers[1].host: a list is not a single value") {
		t.Fatalf("got:\n%s", strings.Join(got, "\n"))
	}
}

func TestLoadPlacesEnvironmentProblemsAtTheVariable(t *testing.T) {
	got := load(t, "readers:\n  - {name: a, host: h}\n", "EDGED_LEDGER_RETENTION=soon")
	want := `environment: EDGED_LEDGER_RETENTION: ledger.retention: "soon" is not a duration; expected a duration such as 250ms, 5s or 1m`
	if len(got) != 1 || got[0] != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func TestLoadStopsRulesOnlyForASyntaxError(t *testing.T) {
	var c testConfig
	err := config.Load(&c, nil,
		config.Source{Name: "edged.yaml", Data: []byte("ledger:\n  max_sise: 5\n  retention: soon\nreaders:\n  - name: a\n")},
		config.Source{Name: "conf.d/10.yaml", Data: []byte("broker: [x\n")})
	got := strings.Split(err.Error(), "\n")
	if len(got) != 4 || !strings.HasPrefix(got[0], "edged.yaml:2: ledger.max_sise") ||
		!strings.HasPrefix(got[1], "edged.yaml:3: ledger.retention") || !strings.HasPrefix(got[2], "conf.d/10.yaml:1: YAML syntax error") {
		t.Fatalf("got:\n%s", err)
	}
}
