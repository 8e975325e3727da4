package status_test

import (
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/relay/status"
	"github.com/edged/edged/uplink/wire"
)

func TestPresenceInText(t *testing.T) {
	at := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	s := status.Snapshot{At: at, Presence: []intake.Presence{
		{Site: "wh1", Gateway: "gw-1", Online: true, Version: "0.4.0", LastSeen: at.Add(-3 * time.Second),
			Health: &wire.Health{ClockSynced: true, Backlog: wire.BacklogHealth{Entries: 12, OldestUnackedS: 125}}},
		{Site: "wh2", Gateway: "gw-2", LastSeen: at.Add(-time.Hour), Health: &wire.Health{}},
	}}
	var b strings.Builder
	if err := status.WriteText(&b, s); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"wh1   gw-1     online   0.4.0    3s ago", "12 (oldest 2m5s)  synced",
		"wh2   gw-2     OFFLINE  -        1h0m0s ago", "NOT SYNCED"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
}
