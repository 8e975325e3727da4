package fleettest

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/mqtt"
)

// gateway is a real gateway: a ledger and its uplink to the broker.
type gateway struct {
	id      string
	l       *ledger.Ledger
	logPath string
	n       atomic.Int64 // event ids
}

// startGateway runs a gateway of Site until the test ends. Unacknowledged
// deltas are resent after 2 s rather than the default 30 s: the relay
// that took them may have been killed before it acknowledged.
func startGateway(tb testing.TB, broker, id, logPath string) *gateway {
	tb.Helper()
	g := &gateway{id: id, l: ledgertest.Open(tb, nil), logPath: logPath}
	logFile, err := os.Create(logPath)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { logFile.Close() })
	log := slog.New(slog.NewTextHandler(logFile, nil))
	d, err := mqtt.NewDialer(mqtt.Config{Broker: broker, ClientID: id}, nil, log)
	if err != nil {
		tb.Fatal(err)
	}
	u, err := uplink.New(uplink.Config{Site: Site, Gateway: id, PollInterval: 20 * time.Millisecond,
		RetransmitAfter: 2 * time.Second, BackoffMin: 100 * time.Millisecond, BackoffMax: time.Second},
		uplink.Deps{Outbox: g.l, Dialer: d, Logger: log})
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = u.Run(ctx) }()
	tb.Cleanup(func() { cancel(); <-done })
	return g
}

func (g *gateway) append(ctx context.Context, e ledger.Event) error {
	e.ID, e.Location = fmt.Sprintf("%s-%d", g.id, g.n.Add(1)), "A"
	if _, err := g.l.Append(ctx, e); err != nil {
		return fmt.Errorf("%s: %s %d × %s: %w", g.id, e.Type, e.Qty, e.SKU, err)
	}
	return nil
}

// receive records n units of sku received.
func (g *gateway) receive(ctx context.Context, sku string, n int64) error {
	return g.append(ctx, ledger.Event{Type: ledger.Receive, SKU: sku, Qty: n, UnitCost: ledger.Cost(100)})
}

// damage writes n units of sku off.
func (g *gateway) damage(ctx context.Context, sku string, n int64) error {
	return g.append(ctx, ledger.Event{Type: ledger.Adjust, SKU: sku, Qty: -n, Reason: "damaged in handling"})
}

// pick records one unit of Flash picked for order ("channel:id").
func (g *gateway) pick(ctx context.Context, order string) error {
	return g.append(ctx, ledger.Event{Type: ledger.Sale, SKU: Flash, Qty: 1, Order: order})
}

// onHand is the ledger's on-hand quantity of sku.
func (g *gateway) onHand(tb testing.TB, sku string) int64 {
	bs, err := g.l.Balances(sku, "")
	if err != nil {
		tb.Fatal(err)
	}
	n := int64(0)
	for _, b := range bs {
		n += b.OnHand
	}
	return n
}

// status is the ledger's head and acknowledgement.
func (g *gateway) status(tb testing.TB) ledger.Status {
	s, err := g.l.Status()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
