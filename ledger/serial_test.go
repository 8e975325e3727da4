package ledger_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
)

func tagged(e ledger.Event, epc string) ledger.Event {
	e.EPC = epc
	return e
}

func TestSerialisedItemIsReceivedOnceAndFollowed(t *testing.T) {
	ctx := context.Background()
	l := ledgertest.Open(t, nil)
	const epc = "3074257BF7194E4000001A85"
	mustAppend(t, l, tagged(receive("r1", "SKU-1", "DOCK", 1, 100), epc))
	// the same tag seen again by a restarted pipeline, under a new id
	if _, err := l.Append(ctx, tagged(receive("r2", "SKU-1", "DOCK", 1, 100), epc)); !errors.Is(err, ledger.ErrSerialOnHand) {
		t.Fatalf("second receipt of the tag: %v, want ErrSerialOnHand", err)
	}
	if _, err := l.Append(ctx, tagged(ev("s0", ledger.Sale, "SKU-1", "A-01", 1), epc)); !errors.Is(err, ledger.ErrSerialNotHere) {
		t.Fatalf("sale from the wrong place: %v, want ErrSerialNotHere", err)
	}
	mv := ev("t1", ledger.Transfer, "SKU-1", "DOCK", 1)
	mv.ToLocation = "A-01"
	mustAppend(t, l, tagged(mv, epc))
	if s, _ := l.SerialsAt("A-01"); len(s) != 1 || s[0].EPC != epc || s[0].SKU != "SKU-1" {
		t.Fatalf("tags at A-01: %+v", s)
	}
	if s, _ := l.SerialsAt("DOCK"); len(s) != 0 {
		t.Fatalf("tags left at DOCK: %+v", s)
	}
	mustAppend(t, l, tagged(ev("s1", ledger.Sale, "SKU-1", "A-01", 1), epc))
	if _, found, _ := l.SerialOf(epc); found {
		t.Fatal("a sold tag is still held")
	}
	damaged := tagged(ev("ret1", ledger.Return, "SKU-1", "A-01", 1), epc)
	damaged.Damaged = true
	mustAppend(t, l, damaged)
	if s, found, _ := l.SerialOf(epc); !found || s.State != ledger.Damaged {
		t.Fatalf("returned damaged tag: %+v %v", s, found)
	}
}

func TestSerialEventsMoveOneItem(t *testing.T) {
	l := ledgertest.Open(t, nil)
	for _, e := range []ledger.Event{
		tagged(receive("r1", "S", "A", 2, 100), "E1"),
		tagged(ev("c1", ledger.Count, "S", "A", 1), "E1"),
	} {
		if _, err := l.Append(context.Background(), e); !errors.Is(err, ledger.ErrInvalidEvent) {
			t.Errorf("%+v: %v, want ErrInvalidEvent", e, err)
		}
	}
}

func TestPrunedSerialsStayVerifiable(t *testing.T) {
	ctx := context.Background()
	c := &clock{now: t0.AddDate(0, 0, 200)}
	l := ledgertest.OpenPath(t, filepath.Join(t.TempDir(), "l.db"), &ledger.Options{Now: c.Now})
	mustAppend(t, l, tagged(receive("r1", "S", "A", 1, 100), "E1"))
	mustAppend(t, l, tagged(receive("r2", "S", "A", 1, 100), "E2"))
	mustAppend(t, l, tagged(ev("s1", ledger.Sale, "S", "A", 1), "E2"))
	if err := l.Ack(ctx, 3); err != nil {
		t.Fatal(err)
	}
	if n, err := l.Prune(ctx); err != nil || n != 3 {
		t.Fatalf("pruned %d: %v", n, err)
	}
	ledgertest.MustVerify(t, l)
	if _, err := l.Append(ctx, tagged(receive("r3", "S", "A", 1, 100), "E1")); !errors.Is(err, ledger.ErrSerialOnHand) {
		t.Fatalf("re-receiving a tag held since before the checkpoint: %v", err)
	}
}
