package barcode

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/edged/edged/device/barcode/internal/gs1dict"
)

const dictName = "gs1-syntax-dictionary.txt"

// findDictionary looks for shared/data/gs1-syntax-dictionary.txt in the
// package directory's ancestors (the checkout sits next to ../shared), or
// at $EDGED_GS1_DICTIONARY.
func findDictionary(t *testing.T) string {
	if p := os.Getenv("EDGED_GS1_DICTIONARY"); p != "" {
		return p
	}
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, "shared", "data", dictName)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skipf("%s not found above the package directory; set EDGED_GS1_DICTIONARY to check the AI table", dictName)
		}
		dir = parent
	}
}

// TestAITableMatchesDictionary catches drift between the generated table
// and the dictionary; on failure run `go generate ./device/barcode`.
func TestAITableMatchesDictionary(t *testing.T) {
	f, err := os.Open(findDictionary(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	entries, err := gs1dict.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(aiTable) {
		t.Errorf("dictionary has %d entries, table %d", len(entries), len(aiTable))
	}
	for _, e := range entries {
		s := lookupAI([]byte(e.Lo))
		if s == nil || s.lo != e.Lo || s.hi != e.Hi {
			t.Errorf("AI %s-%s: missing from the table", e.Lo, e.Hi)
			continue
		}
		compareEntry(t, e, s)
	}
}

func compareEntry(t *testing.T, e gs1dict.Entry, s *aiSpec) {
	t.Helper()
	if e.Fixed != s.fixed || e.DLAttr != s.dlAttr || e.DLPKey != s.dlpKey ||
		e.Qualifiers != s.qualifiers || e.Title != s.title {
		t.Errorf("AI %s: flags or attributes differ: dictionary %+v, table %+v", e.Lo, e, *s)
	}
	if len(e.Components) != len(s.comps) {
		t.Errorf("AI %s: %d components, table has %d", e.Lo, len(e.Components), len(s.comps))
		return
	}
	for i, c := range e.Components {
		g := s.comps[i]
		if c.Type != g.typ || c.Min != int(g.min) || c.Max != int(g.max) || c.Optional != g.optional ||
			!slices.Equal(sortedCopy(c.Linters), g.lint.names()) {
			t.Errorf("AI %s component %d: dictionary %+v, table %+v (%v)", e.Lo, i, c, g, g.lint.names())
		}
	}
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// names lists the linters in the set, sorted.
func (l linter) names() []string {
	var out []string
	for i, n := range linterNames {
		if l&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// TestAITableSpotChecks pins facts from the GS1 General Specifications
// that do not depend on reading the dictionary correctly.
func TestAITableSpotChecks(t *testing.T) {
	for ai, want := range map[string]struct {
		fixed bool
		max   int
	}{"00": {true, 18}, "01": {true, 14}, "10": {false, 20}, "17": {true, 6},
		"3103": {true, 6}, "3922": {false, 15}, "400": {false, 30}, "414": {true, 13},
		"7003": {false, 10}, "8200": {false, 70}, "91": {false, 90}, "99": {false, 90}} {
		s := lookupAI([]byte(ai))
		if s == nil || s.fixed != want.fixed || s.maxLen() != want.max {
			t.Errorf("AI %s: got %+v, want fixed=%t max=%d", ai, s, want.fixed, want.max)
		}
	}
	for _, ai := range []string{"04", "3106", "9", "100", "7", "2", "3099"} {
		if s := lookupAI([]byte(ai)); s != nil {
			t.Errorf("AI %s should be unknown, got %+v", ai, *s)
		}
	}
}

func TestAITableIsSortedAndDisjoint(t *testing.T) {
	for i := 1; i < len(aiTable); i++ {
		a, b := aiTable[i-1], aiTable[i]
		if ka, _ := aiKey([]byte(a.lo)); ka != a.klo {
			t.Errorf("entry %s has key %d, want %d", a.lo, a.klo, ka)
		}
		if a.khi >= b.klo || a.klo > a.khi {
			t.Errorf("entries %s-%s and %s-%s out of order or overlapping", a.lo, a.hi, b.lo, b.hi)
		}
	}
}
