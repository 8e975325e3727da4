package status

import (
	"fmt"
	"io"
	"time"

	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/relay/stock"
)

// namedCount is one counter with the words an operator reads.
type namedCount struct {
	Name string
	N    uint64
}

// counterRows names the engine's counters, for the page and the text.
func counterRows(c stock.Counters, pending int) []namedCount {
	return []namedCount{
		{"duplicate deltas", c.DuplicateDeltas}, {"gaps", c.Gaps}, {"rejected deltas", c.RejectedDeltas},
		{"deltas for unmapped SKUs", c.UnknownSKUs}, {"batches from unknown gateways", c.UnknownGateways},
		{"batches for another site", c.WrongSites}, {"duplicate order events", c.DuplicateEvents},
		{"unknown order lines", c.UnknownLines}, {"order fetch failures", c.FetchFailures},
		{"order edits", c.OrderEdits}, {"pending order fetches", uint64(max(pending, 0))},
	}
}

// writePresence prints what each gateway last said of itself.
func writePresence(w io.Writer, s Snapshot) {
	if len(s.Presence) == 0 {
		return
	}
	fmt.Fprintln(w, "\nSITE\tGATEWAY\tSTATE\tVERSION\tLAST SEEN\tBACKLOG\tCLOCK")
	for _, p := range s.Presence {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.Site, p.Gateway, onlineWord(p.Online), dash(p.Version),
			ago(s.At, p.LastSeen), backlog(p), clock(p))
	}
}

func onlineWord(online bool) string {
	if online {
		return "online"
	}
	return "OFFLINE"
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// backlog is the gateway's unacknowledged events and the oldest's age,
// from its last health snapshot.
func backlog(p intake.Presence) string {
	if p.Health == nil {
		return "-"
	}
	b := p.Health.Backlog
	if b.Entries == 0 {
		return "0"
	}
	return fmt.Sprintf("%d (oldest %v)", b.Entries, (time.Duration(b.OldestUnackedS * float64(time.Second))).Round(time.Second))
}

// clock says whether the gateway's clock was synchronised at its last
// health snapshot: events of an unsynchronised clock carry times to
// distrust.
func clock(p intake.Presence) string {
	switch {
	case p.Health == nil:
		return "-"
	case p.Health.ClockSynced:
		return "synced"
	}
	return "NOT SYNCED"
}
