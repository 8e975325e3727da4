package countplan_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/edged/edged/countplan"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/report"
)

// fakePub records what is published.
type fakePub struct {
	mu   sync.Mutex
	msgs []msg
}

type msg struct {
	topic   string
	payload []byte
}

func (p *fakePub) Publish(topic string, payload []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.msgs = append(p.msgs, msg{topic, payload})
	return nil
}

func (p *fakePub) on(topic string) []msg {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []msg
	for _, m := range p.msgs {
		if m.topic == topic {
			out = append(out, m)
		}
	}
	return out
}

// monday 2026-01-05 10:00. Fast sells 9 units in the 90 days before,
// Slow sells 1, Idle never (received 2025-05-01: dead stock).
var monday = time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)

func stocked(t *testing.T) *ledger.Ledger {
	l := ledgertest.Open(t, nil)
	ev := []ledger.Event{
		{ID: "r1", Type: ledger.Receive, SKU: "Fast", Location: "L1", Qty: 20, UnitCost: ledger.Cost(100), Time: monday.AddDate(0, 0, -30)},
		{ID: "r2", Type: ledger.Receive, SKU: "Slow", Location: "L2", Qty: 5, UnitCost: ledger.Cost(100), Time: monday.AddDate(0, 0, -30)},
		{ID: "r3", Type: ledger.Receive, SKU: "Idle", Location: "L2", Qty: 3, UnitCost: ledger.Cost(400), Time: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)},
		{ID: "s1", Type: ledger.Sale, SKU: "Fast", Location: "L1", Qty: 9, Time: monday.AddDate(0, 0, -2)},
		{ID: "s2", Type: ledger.Sale, SKU: "Slow", Location: "L2", Qty: 1, Time: monday.AddDate(0, 0, -2)},
	}
	for _, e := range ev {
		if _, err := l.Append(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

func TestTickPublishesPlanAndAlerts(t *testing.T) {
	l := stocked(t)
	pub := &fakePub{}
	rc := report.Config{Items: []report.Item{{SKU: "Fast", ReorderPoint: 12, SafetyStock: 4}}}
	s, err := countplan.NewScheduler(l, pub, countplan.Config{ShowBook: true}, rc, func() time.Time { return monday }, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Tick(); err != nil {
		t.Fatal(err)
	}
	// 10 units sold: Fast 9 starts at 0 % → A; Slow starts at 90 % → B;
	// Idle sold nothing → C
	for sku, want := range map[string]report.Class{"Fast": report.ClassA, "Slow": report.ClassB, "Idle": report.ClassC} {
		if got := s.ClassOf(sku); got != want {
			t.Errorf("class of %s = %s, want %s", sku, got, want)
		}
	}
	plans := pub.on("edged/countplan")
	if len(plans) != 1 {
		t.Fatalf("plans published: %d", len(plans))
	}
	var plan countplan.Plan
	if err := json.Unmarshal(plans[0].payload, &plan); err != nil || plan.Date != "2026-01-05" || !plan.Working {
		t.Fatalf("plan %s: %v", plans[0].payload, err)
	}
	var low report.AlertBatch[report.Low]
	_ = json.Unmarshal(pub.on("edged/alerts/low_stock")[0].payload, &low)
	// Fast: 20 − 9 = 11 ≤ reorder point 12, above safety 4
	if len(low.Alerts) != 1 || low.Alerts[0] != (report.Low{SKU: "Fast", OnHand: 11, ReorderPoint: 12, SafetyStock: 4, Level: "reorder"}) {
		t.Errorf("low stock alert %+v", low)
	}
	var dead report.AlertBatch[report.DeadAlert]
	_ = json.Unmarshal(pub.on("edged/alerts/dead_stock")[0].payload, &dead)
	// Idle: 3 units × 4.00, no sale since 2025-05-01 (> 180 days)
	if len(dead.Alerts) != 1 || dead.Alerts[0].SKU != "Idle" || dead.Alerts[0].Value != "12.00" {
		t.Errorf("dead stock alert %+v", dead)
	}
}

func TestRunRecomputesEveryDay(t *testing.T) {
	l := stocked(t)
	synctest.Test(t, func(t *testing.T) {
		pub := &fakePub{}
		start := time.Now()
		clock := func() time.Time { return monday.Add(time.Since(start)) }
		s, err := countplan.NewScheduler(l, pub, countplan.Config{}, report.Config{}, clock, nil)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() { done <- s.Run(ctx) }()
		synctest.Wait()
		time.Sleep(24*time.Hour + time.Second)
		synctest.Wait()
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		plans := pub.on("edged/countplan")
		var dates []string
		for _, m := range plans {
			var p countplan.Plan
			_ = json.Unmarshal(m.payload, &p)
			dates = append(dates, p.Date)
		}
		if len(dates) != 2 || dates[0] != "2026-01-05" || dates[1] != "2026-01-06" {
			t.Errorf("plans for %v, want 2026-01-05 and 2026-01-06", dates)
		}
	})
}

func TestStartOpensOneLiveSessionPerLocation(t *testing.T) {
	l := stocked(t)
	targets, err := countplan.Targets(l, report.Classification{"Fast": report.ClassA}, report.Config{})
	if err != nil || len(targets) != 3 {
		t.Fatalf("targets %+v %v", targets, err)
	}
	plan := countplan.Plan{Date: "2026-01-05", Lines: targets}
	opened, err := countplan.Start(context.Background(), l, plan, "planner")
	if err != nil || len(opened) != 2 || opened[0].ID != "cc-2026-01-05-L1" || opened[1].Mode != ledger.CountLive {
		t.Fatalf("opened %+v %v", opened, err)
	}
	// Fast is class A: ±1 %; Slow and Idle default to C: ±5 %
	if tol := opened[0].Tolerances["Fast"]; tol != (ledger.Tolerance{Class: "A", BP: 100}) {
		t.Errorf("Fast tolerance %+v", tol)
	}
	if tol := opened[1].Tolerances["Idle"]; tol != (ledger.Tolerance{Class: "C", BP: 500}) {
		t.Errorf("Idle tolerance %+v", tol)
	}
	for _, s := range opened {
		if err := l.CancelCount(context.Background(), s.ID); err != nil {
			t.Fatal(err)
		}
	}
}

// downPub fails every publish, as a broker that is away.
type downPub struct{}

func (downPub) Publish(string, []byte) error { return errBrokerDown }

var errBrokerDown = errors.New("broker down")

func TestTickReportsAPublishFailure(t *testing.T) {
	l := stocked(t)
	s, err := countplan.NewScheduler(l, downPub{}, countplan.Config{}, report.Config{}, func() time.Time { return monday }, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Tick(); !errors.Is(err, errBrokerDown) || !strings.Contains(err.Error(), "edged/countplan") {
		t.Fatalf("tick: %v, want the publish error naming the topic", err)
	}
}
