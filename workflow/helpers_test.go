package workflow

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/edged/edged/catalog"
	"github.com/edged/edged/device"
	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
)

var t0 = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.New(catalog.Config{Items: []catalog.Item{
		{SKU: "MUG-RED", GTINs: []string{"5901234123457"}, Aliases: []string{"mug red"}},
		{SKU: "TEA-50", GTINs: []string{"09506000134352"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func testConfig() Config {
	return Config{UnitCosts: map[string]string{"MUG-RED": "4.20"}, DefaultUnitCost: "1.00",
		OrderPrefix: "ORD-", LocationPattern: `^[A-Z]-\d{2}-\d{2}$`}
}

// rig is a station on a real ledger whose feedback goes to a buffer.
type rig struct {
	st  *Station
	led *ledger.Ledger
	fb  bytes.Buffer
	now time.Time
}

func newRig(t testing.TB, cfg Config, driver feedback.Driver) *rig {
	t.Helper()
	rules, err := NewRules(cfg)
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{led: ledgertest.Open(t, nil), now: t0}
	r.st = NewStation(StationConfig{Name: "dock-1", Rules: rules, Catalog: testCatalog(t),
		Recorder: r.led, Feedback: feedback.NewWriter(&r.fb, driver)})
	return r
}

// scan handles data as a frame completed gap after the previous one.
func (r *rig) scan(data string, gap time.Duration) Outcome {
	r.now = r.now.Add(gap)
	f := scanner.Frame{Scan: device.Scan{Scanner: "dock-1", Data: []byte(data), Raw: []byte(data + "\r"), At: r.now}}
	return r.st.Handle(context.Background(), f)
}

func (r *rig) balance(t testing.TB, sku, loc string) int64 {
	t.Helper()
	bals, err := r.led.Balances(sku, loc)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, b := range bals {
		n += b.OnHand
	}
	return n
}
