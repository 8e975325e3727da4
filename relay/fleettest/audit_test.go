package fleettest

import (
	"context"
	"testing"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/relay/audit"
	"github.com/edged/edged/relay/stock/pgstore"
)

// A relay SIGKILLed while two gateways send, and restarted, loses no
// audit row of what the fleet acknowledged, and redelivery to the other
// relay adds none: each ledger event is in the trail once.
func TestFleetAuditTrailSurvivesAKill(t *testing.T) {
	f := newFleet(t, 2)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for i := range 30 {
		for _, g := range f.gws {
			if err := g.receive(ctx, Steady, 1); err != nil {
				t.Fatal(err)
			}
		}
		if i == 10 {
			t.Logf("killed %s at %s", f.relays[0].id, f.relays[0].kill().Format("15:04:05.000"))
		}
		_ = sleep(ctx, 20*time.Millisecond)
	}
	f.restart(f.relays[0])
	for _, g := range f.gws {
		for g.status(t).Acked < g.status(t).Head {
			if sleep(ctx, 100*time.Millisecond) != nil {
				t.Fatalf("%s: %+v not all acknowledged", g.id, g.status(t))
			}
		}
	}
	counts := f.auditCounts(ctx, t)
	for _, g := range f.gws {
		err := g.l.Log(ledger.LogFilter{}, func(e *ledger.Event) error {
			if n := counts[e.ID]; n != 1 {
				t.Errorf("%s's event %s (seq %d) is %d times in the trail", g.id, e.ID, e.Seq, n)
			}
			delete(counts, e.ID)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(counts) != 0 {
		t.Errorf("the trail has events no ledger holds: %v", counts)
	}
}

// auditCounts counts the gateway rows of the fleet's trail by event id.
func (f *fleetRig) auditCounts(ctx context.Context, t *testing.T) map[string]int {
	s, err := pgstore.Open(ctx, f.dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out := map[string]int{}
	q := audit.Query{Limit: audit.MaxLimit}
	for {
		rows, err := s.Audit(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			return out
		}
		for _, r := range rows {
			if r.Source == audit.FromGateway {
				out[r.EventID]++
			}
		}
		q.Before = rows[len(rows)-1].ID
	}
}
