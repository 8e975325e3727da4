package intake

import (
	"testing"
	"time"

	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/uplink/wire"
)

// The delta carries the ledger event's details for the audit trail.
func TestDeltaKeepsTheEventForTheAuditTrail(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	e := wire.Event{ID: "mv-1", Type: "transfer", SKU: "MUG", Location: "DOCK", ToLocation: "B-03", Qty: 24,
		Time: at, ClockSynced: true, User: "ana", Device: "dock-scanner", Order: "PO-7781", Seq: 4}
	d := toDelta("wh1", &e)
	want := stock.EventInfo{ID: "mv-1", Type: "transfer", Location: "DOCK", ToLocation: "B-03", Worker: "ana",
		Device: "dock-scanner", Order: "PO-7781", Happened: at, ClockSynced: true}
	if d.Event == nil || *d.Event != want {
		t.Errorf("event %+v, want %+v", d.Event, want)
	}
	if d.Kind != stock.Adjust || d.Qty != 0 {
		t.Errorf("a transfer within the site is %s %d, want adjust 0", d.Kind, d.Qty)
	}
}
