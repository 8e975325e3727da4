package logfmt_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/edged/edged/internal/logfmt"
)

func logTo(t *testing.T, o logfmt.Options) (*slog.Logger, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	h, err := logfmt.New(&buf, o)
	if err != nil {
		t.Fatal(err)
	}
	return slog.New(h), &buf
}

// Under journald every line carries its priority and no timestamp of
// its own: journald stamps the entry.
func TestJournalPrefixesThePriorityAndDropsTheTime(t *testing.T) {
	log, buf := logTo(t, logfmt.Options{Journal: true, Level: slog.LevelDebug})
	log.With("part", "uplink").Error("broker lost", "err", "EOF")
	log.Warn("clock not synchronised")
	log.Info("running")
	log.Debug("detail", slog.Group("g", "k", 1))
	want := []string{
		`<3>level=ERROR msg="broker lost" part=uplink err=EOF`,
		`<4>level=WARN msg="clock not synchronised"`,
		`<6>level=INFO msg=running`,
		`<7>level=DEBUG msg=detail g.k=1`,
	}
	if got := strings.Split(strings.TrimSpace(buf.String()), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("journal lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Lines logged at once from many goroutines keep their own prefix.
func TestJournalPrefixesStayWithTheirLines(t *testing.T) {
	log, buf := logTo(t, logfmt.Options{Format: "journal", Level: slog.LevelDebug})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				log.Error("e")
				log.With("a", 1).Info("i")
			}
		})
	}
	wg.Wait()
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if l != `<3>level=ERROR msg=e` && l != `<6>level=INFO msg=i a=1` {
			t.Fatalf("line %q", l)
		}
	}
}

func TestTextAndJSON(t *testing.T) {
	log, buf := logTo(t, logfmt.Options{})
	log.Info("hello", "n", 1)
	if !strings.HasPrefix(buf.String(), "time=") || !strings.Contains(buf.String(), "msg=hello n=1") {
		t.Errorf("text: %s", buf.String())
	}
	log, buf = logTo(t, logfmt.Options{Format: "json", Journal: true})
	log.Info("hello", "n", 1)
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil || rec["msg"] != "hello" || rec["n"] != 1.0 || rec["time"] == nil {
		t.Errorf("json: %s (%v)", buf.String(), err)
	}
	log, buf = logTo(t, logfmt.Options{Level: slog.LevelWarn})
	log.Info("hidden")
	if buf.Len() != 0 {
		t.Errorf("below the level: %s", buf.String())
	}
}

func TestUnknownFormatSaysWhatIsValid(t *testing.T) {
	_, err := logfmt.New(&bytes.Buffer{}, logfmt.Options{Format: "xml"})
	if err == nil || !strings.Contains(err.Error(), `"xml"`) || !strings.Contains(err.Error(), "text, json or journal") {
		t.Errorf("err %v", err)
	}
}

func TestCheckReportsLevelAndFormatTogether(t *testing.T) {
	if err := logfmt.Check("", ""); err != nil {
		t.Errorf("defaults: %v", err)
	}
	if err := logfmt.Check("warn", "journal"); err != nil {
		t.Errorf("valid: %v", err)
	}
	err := logfmt.Check("loud", "xml")
	if err == nil || !strings.Contains(err.Error(), `log.level: "loud"`) || !strings.Contains(err.Error(), `log.format: "xml"`) {
		t.Errorf("err %v", err)
	}
}
