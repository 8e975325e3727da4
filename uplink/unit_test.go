package uplink

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/edged/edged/ledger"
)

func TestWindow(t *testing.T) {
	now := time.Unix(0, 0)
	w := newWindow(2, 10)
	w.add(11, 20, now)
	w.add(21, 30, now)
	if !w.full() || w.sent != 30 {
		t.Fatalf("window %+v", w)
	}
	w.pubacked(w.gen, 20, now)
	if !w.overdue(now.Add(time.Second), time.Second) || w.overdue(now.Add(time.Second), 2*time.Second) {
		t.Fatal("overdue")
	}
	if !w.ack(20, now) || w.ack(15, now) || len(w.flights) != 1 || w.acked != 20 {
		t.Fatalf("ack: %+v", w)
	}
	if !w.stalled(now.Add(time.Minute), time.Minute) {
		t.Fatal("not stalled")
	}
	w.rewind(5, now) // clamped to acked+1
	if w.sent != 20 || len(w.flights) != 0 {
		t.Fatalf("rewind: %+v", w)
	}
	w.add(21, 25, now)
	w.pubacked(w.gen-1, 25, now) // a PUBACK of the previous round
	if w.flights[0].pubacked {
		t.Fatal("stale PUBACK applied")
	}
	w.ack(23, now) // the relay acked inside a message: resend from 24
	if w.sent != 23 || len(w.flights) != 0 {
		t.Fatalf("split ack: %+v", w)
	}
}

func TestBucket(t *testing.T) {
	now := time.Unix(0, 0)
	b := newBucket(10, 2, now)
	for i, want := range []bool{true, true, false} {
		if got := b.take(now); got != want {
			t.Fatalf("take %d = %v, want %v (burst of 2)", i, got, want)
		}
	}
	if d := b.wait(now); d != 100*time.Millisecond {
		t.Fatalf("wait %s", d)
	}
	if !b.take(now.Add(100 * time.Millisecond)) {
		t.Fatal("refill")
	}
	unlimited := newBucket(-1, 1, now)
	for range 100 {
		if !unlimited.take(now) {
			t.Fatal("unlimited bucket refused")
		}
	}
}

func TestBackoffFullJitterCapped(t *testing.T) {
	var ceilings []int64
	b := backoff{base: time.Second, max: 120 * time.Second, rand: func(n int64) int64 { ceilings = append(ceilings, n); return n - 1 }}
	for range 12 {
		b.next()
	}
	want := []time.Duration{1, 2, 4, 8, 16, 32, 64, 120, 120, 120, 120, 120}
	for i, c := range ceilings {
		if time.Duration(c) != want[i]*time.Second {
			t.Fatalf("attempt %d ceiling %s, want %s", i, time.Duration(c), want[i]*time.Second)
		}
	}
	b.reset()
	if b.next(); ceilings[len(ceilings)-1] != int64(time.Second) {
		t.Fatal("reset")
	}
}

func TestConfigValidateListsEveryProblem(t *testing.T) {
	err := Config{Site: "WH 1", Window: 500, BackoffMin: time.Minute, BackoffMax: time.Second}.Validate()
	if !errors.Is(err, ErrConfig) {
		t.Fatalf("err = %v", err)
	}
	for _, field := range []string{"uplink.site", "uplink.gateway", "uplink.window", "uplink.backoff_max"} {
		if !strings.Contains(err.Error(), field) {
			t.Errorf("%v does not name %s", err, field)
		}
	}
	if err := (Config{Site: "wh1", Gateway: "gw-1"}).Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestConvertRoundTrip(t *testing.T) {
	e := ledger.Event{ID: "x", Type: ledger.Adjust, SKU: "S", Location: "L", Qty: -2, Damaged: true, UnitCost: ledger.Cost(0),
		Time: time.Unix(9, 0).UTC(), ClockSynced: true, Reason: "broken", Seq: 4, COGS: 7, ValueDelta: -7, Book: 1,
		Postings: []ledger.Posting{{Location: "L", State: ledger.Damaged, Delta: -2, After: 3}}}
	w := ToWire(&e)
	if w.UnitCost == nil || *w.UnitCost != 0 {
		t.Fatal("an explicit zero cost was lost")
	}
	back := FromWire(&w)
	if back.UnitCost != e.UnitCost || back.Postings[0] != e.Postings[0] || back.Reason != e.Reason || back.Seq != 4 {
		t.Fatalf("round trip: %+v", back)
	}
}

// memOutbox is an in-memory outbox for loop tests without a ledger.
type memOutbox struct{}

func (m *memOutbox) Pending(uint64, int) ([]ledger.Event, error) { return nil, nil }
func (m *memOutbox) Ack(context.Context, uint64) error           { return nil }
func (m *memOutbox) Status() (ledger.Status, error)              { return ledger.Status{Epoch: "e"}, nil }

// failingDialer records the time of every attempt and always fails.
type failingDialer struct{ at []time.Time }

func (f *failingDialer) Dial(context.Context, DialSpec) (Conn, error) {
	f.at = append(f.at, time.Now())
	return nil, errors.New("connection refused")
}

// TestReconnectBackoffInFakeTime runs the real reconnect loop for ten
// minutes of synctest time against a broker that refuses every connect.
func TestReconnectBackoffInFakeTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := &failingDialer{}
		u, err := New(Config{Site: "wh1", Gateway: "gw-1"}, Deps{Outbox: &memOutbox{}, Dialer: d})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
		defer cancel()
		if err := u.Run(ctx); err != nil {
			t.Fatal(err)
		}
		for i := 1; i < len(d.at); i++ {
			if gap := d.at[i].Sub(d.at[i-1]); gap > 120*time.Second {
				t.Fatalf("attempt %d waited %s, above the 120 s cap", i, gap)
			}
		}
		if len(d.at) < 6 || len(d.at) > 200 {
			t.Fatalf("%d attempts in 10 minutes", len(d.at))
		}
		if h := u.Snapshot(); h.Link.Connected || !strings.Contains(h.Link.LastDisconnect, "refused") {
			t.Fatalf("link %+v", h.Link)
		}
	})
}
