package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/relay"
)

// disagreement is one place where the system has not converged: the
// relay's master stock against the ledger (Channel empty), or what a
// channel shows against what the relay computed for it.
type disagreement struct {
	SKU     string `json:"sku"`
	Channel string `json:"channel,omitempty"`
	Want    int64  `json:"want"`
	Got     int64  `json:"got"`
	Cause   string `json:"cause"`
}

func (d disagreement) String() string {
	if d.Channel == "" {
		return fmt.Sprintf("%s: the relay's master on hand is %d, the ledger's %d: %s", d.SKU, d.Got, d.Want, d.Cause)
	}
	return fmt.Sprintf("%s on %s: shows %d, the relay computed %d: %s", d.SKU, d.Channel, d.Got, d.Want, d.Cause)
}

// disagreements lists every place where the ledger, the relay and the
// channels differ, each with its likely cause.
func (c *demoCloud) disagreements(stock []ledger.Balance, st ledger.Status) []disagreement {
	total := map[string]int64{}
	for _, b := range stock {
		total[b.SKU] += b.OnHand
	}
	var out []disagreement
	for sku, got := range c.levels() {
		if want := total[sku]; got != want {
			cause := "the relay applied other deltas than the ledger recorded"
			if st.Acked < st.Head {
				cause = fmt.Sprintf("%d events not yet acknowledged by the relay", st.Head-st.Acked)
			}
			out = append(out, disagreement{SKU: sku, Want: want, Got: got, Cause: cause})
		}
	}
	for i, it := range demoItems {
		for _, ch := range relay.Channels() {
			want := c.relay.Engine().Quantity(relay.Target{Channel: ch, SKU: it.sku, Site: demoSite})
			if got := c.market.shown(ch, i); got != want {
				out = append(out, disagreement{SKU: it.sku, Channel: string(ch), Want: want, Got: got, Cause: c.pushCause(ch)})
			}
		}
	}
	slices.SortFunc(out, func(a, b disagreement) int { return strings.Compare(a.SKU+a.Channel, b.SKU+b.Channel) })
	return out
}

// pushCause is why a channel may show another quantity than computed.
func (c *demoCloud) pushCause(ch relay.Channel) string {
	d := c.relay.Dispatchers()[ch]
	if d == nil {
		return "the channel has no pusher"
	}
	s := d.Status()
	switch {
	case s.LastError != "":
		return "its last push failed: " + s.LastError
	case s.Pending > 0:
		return fmt.Sprintf("%d pushes still queued", s.Pending)
	}
	return "a marketplace order changed it after the last push"
}

// converge waits, bounded, until the relay has acknowledged every event
// and nothing disagrees, so the demo judges the settled state rather than
// a push in flight; it returns what still disagrees.
func converge(c *demoCloud, l *ledger.Ledger, within time.Duration) ([]disagreement, ledger.Status, error) {
	deadline := time.Now().Add(within)
	for {
		st, err := l.Status()
		if err != nil {
			return nil, st, err
		}
		stock, err := l.Balances("", "")
		if err != nil {
			return nil, st, err
		}
		d := c.disagreements(stock, st)
		if len(d) == 0 || time.Now().After(deadline) {
			return d, st, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// pushesLine is the pushes per channel in the channels' order.
func pushesLine(p map[string]uint64) string {
	var parts []string
	for _, ch := range relay.Channels() {
		parts = append(parts, fmt.Sprintf("%s %d", ch, p[string(ch)]))
	}
	return strings.Join(parts, ", ")
}
