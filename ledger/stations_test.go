package ledger_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
)

func TestStationLocationSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "l.db")
	l, err := ledger.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC)
	if err := l.SetStationLocation("pack-1", "SHELF-A", at); err != nil {
		t.Fatal(err)
	}
	if err := l.SetStationLocation("pack-2", "SHELF-B", at); err != nil {
		t.Fatal(err)
	}
	if err := l.SetStationLocation("pack-2", "", at); err != nil { // a reset forgets
		t.Fatal(err)
	}
	if err := l.SetStationLocation("pack-3", "BAD\x01", at); err == nil {
		t.Error("a control byte in a location was taken")
	}
	l.Close()
	l = ledgertest.OpenPath(t, path, nil) // Verify at cleanup: the meta keys do not upset it
	for station, want := range map[string]string{"pack-1": "SHELF-A", "pack-2": "", "nobody": ""} {
		got, when, err := l.StationLocation(station)
		if err != nil || got != want || (want != "" && !when.Equal(at)) {
			t.Errorf("%s: %q at %v, %v; want %q", station, got, when, err, want)
		}
	}
}
