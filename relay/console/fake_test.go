package console_test

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/edged/edged/relay/audit"
	"github.com/edged/edged/relay/console"
)

// fakeSource is a console.Source whose state the test sets.
type fakeSource struct {
	mu       sync.Mutex
	ver      uint64
	skus     []console.SKU
	channels []console.Channel
	gateways []console.Gateway
	fleet    []console.Instance
}

func (f *fakeSource) Stock() []console.SKU {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.skus
}

func (f *fakeSource) Channels() []console.Channel {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.channels
}

func (f *fakeSource) Gateways() []console.Gateway {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]console.Gateway(nil), f.gateways...)
}

func (f *fakeSource) Instances() []console.Instance {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fleet
}

func (f *fakeSource) Version() uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.ver
}

// set replaces the stock and moves the version, as a commit would.
func (f *fakeSource) set(skus []console.SKU) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.skus = skus
	f.ver++
}

// channelsOf are console channels by name.
func channelsOf(names ...string) []console.Channel {
	out := make([]console.Channel, len(names))
	for i, n := range names {
		out[i] = console.Channel{Name: n}
	}
	return out
}

// agreeing is a SKU stocked at site with every channel told its offer.
func agreeing(sku, site string, onHand int64, channels ...string) console.SKU {
	s := console.SKU{SKU: sku, Sites: []console.Site{{Site: site, OnHand: onHand}}}
	for _, ch := range channels {
		s.Listings = append(s.Listings, console.Listing{Channel: ch, Site: site, Offered: onHand, Told: onHand})
	}
	return s
}

// manySKUs is n agreeing SKUs over sites wh0..wh(sites-1).
func manySKUs(n, sites int, channels ...string) []console.SKU {
	out := make([]console.SKU, n)
	for i := range out {
		out[i] = agreeing(fmt.Sprintf("SKU-%05d", i), fmt.Sprintf("wh%d", i%sites), int64(i%50), channels...)
	}
	return out
}

// fakeTrail is an audit.Reader over rows held newest first.
type fakeTrail struct {
	rows []audit.Row // newest first
	err  error
}

func (f *fakeTrail) Audit(_ context.Context, q audit.Query) ([]audit.Row, error) {
	if f.err != nil {
		return nil, f.err
	}
	var out []audit.Row
	for _, r := range f.rows {
		if (q.Before == 0 || r.ID < q.Before) && q.Matches(r) {
			out = append(out, r)
			if len(out) == q.Limited() {
				break
			}
		}
	}
	return out, nil
}

// receipts are n rows of sku alternating between two sites, newest
// first, with on hand climbing.
func receipts(sku string, n int, start time.Time) *fakeTrail {
	t := &fakeTrail{}
	for i := n; i >= 1; i-- {
		on := int64(i)
		t.rows = append(t.rows, audit.Row{ID: uint64(i), Source: audit.FromGateway, Kind: "receive", SKU: sku,
			Site: fmt.Sprint("wh", i%2+1), Location: "A-01", Qty: 1, Worker: "ann", Device: "scanner-1", Gateway: "gw-1@ep0ch",
			Happened: start.Add(time.Duration(i) * time.Second), ClockSynced: true, Recorded: start.Add(time.Duration(i) * time.Second), Result: "ok", OnHand: &on})
	}
	return t
}
