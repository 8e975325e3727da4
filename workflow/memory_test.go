package workflow

import (
	"errors"
	"testing"
	"time"

	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/ledger"
)

// restarted is the rig's station built again on the same ledger, as
// after a restart of edged.
func (r *rig) restarted(t *testing.T, cfg Config) {
	t.Helper()
	rules, err := NewRules(cfg)
	if err != nil {
		t.Fatal(err)
	}
	r.st = NewStation(StationConfig{Name: "dock-1", Rules: rules, Catalog: testCatalog(t),
		Recorder: r.led, Feedback: feedback.NewWriter(&r.fb, feedback.None{}), Locations: r.led})
}

// After a restart the station is still at the location last scanned: the
// worker's next item is recorded there, not refused for "no location".
// An idle reset still applies to the restored location, judged by the
// last scan's time.
func TestLocationSurvivesARestart(t *testing.T) {
	cfg := testConfig()
	cfg.IdleReset, cfg.DefaultMode = 30*time.Minute, "receive" // a receiving station
	r := newRig(t, cfg, feedback.None{})
	r.restarted(t, cfg) // with the ledger as its memory
	for _, d := range []string{"A-01-01", "5901234123457"} {
		if o := r.scan(d, time.Second); o.Status == StatusRejected {
			t.Fatalf("%s: %v", d, o.Err)
		}
	}
	for range 3 { // items over 3 minutes: the stored time of the last scan follows
		r.scan("5901234123457", time.Minute)
	}
	r.restarted(t, cfg)
	if o := r.scan("5901234123457", 5*time.Minute); o.Status != StatusPosted {
		t.Fatalf("after the restart: %v %v", o.Status, o.Err)
	}
	if n := r.balance(t, "MUG-RED", "A-01-01"); n != 5 {
		t.Errorf("on hand at A-01-01: %d, want 5", n)
	}
	r.restarted(t, cfg)
	if o := r.scan("5901234123457", 31*time.Minute); !errors.Is(o.Err, ErrNoLocation) || !o.Reset {
		t.Errorf("after the idle time the restored location still applied: %+v", o)
	}
}

// A failing memory costs the restore, never a scan.
func TestLocationStoreFailureIsOnlyLogged(t *testing.T) {
	r := newRig(t, testConfig(), feedback.None{})
	rules, _ := NewRules(testConfig())
	r.st = NewStation(StationConfig{Name: "dock-1", Rules: rules, Catalog: testCatalog(t), Recorder: r.led,
		Locations: brokenStore{}})
	for _, d := range []string{"CMD:RECEIVE", "A-01-01", "5901234123457"} {
		if o := r.scan(d, time.Second); o.Status == StatusRejected {
			t.Fatalf("%s: %v", d, o.Err)
		}
	}
}

type brokenStore struct{}

func (brokenStore) StationLocation(string) (string, time.Time, error) {
	return "", time.Time{}, errors.New("disk gone")
}
func (brokenStore) SetStationLocation(string, string, time.Time) error {
	return errors.New("disk gone")
}

var _ LocationStore = (*ledger.Ledger)(nil)
