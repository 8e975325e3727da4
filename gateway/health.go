package gateway

import (
	"sort"
	"time"

	"github.com/edged/edged/device/rfid"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/tagflow"
	"github.com/edged/edged/uplink/wire"
)

// Health is a snapshot of the daemon, served as /status and used for the
// systemd status line (and, later, the MQTT health message).
type Health struct {
	Site      string           `json:"site"`
	Gateway   string           `json:"gateway"`
	Version   string           `json:"version"`
	Uptime    float64          `json:"uptime_seconds"`
	Readers   []ReaderHealth   `json:"readers"`
	Scanners  []ScannerHealth  `json:"scanners"`
	Inventory rfid.Counters    `json:"inventory"`
	Movements tagflow.Counters `json:"movements"`
	Queue     QueueHealth      `json:"queue"`
	Ledger    ledger.Status    `json:"ledger"`
	Reloads   uint64           `json:"reloads"`
	Uplink    *wire.Health     `json:"uplink,omitempty"`
	// Degraded says what has been down longer than http.health_grace: a
	// configured reader not reading, the uplink not connected. Empty when
	// all is well.
	Degraded []string `json:"degraded,omitempty"`
}

// ReaderHealth is one reader's state and counters.
type ReaderHealth struct {
	Name           string    `json:"name"`
	State          string    `json:"state"`
	Reads          uint64    `json:"reads"`
	ReadsPerSecond float64   `json:"reads_per_second"`
	Drops          uint64    `json:"drops"`
	Reconnects     uint64    `json:"reconnects"`
	LastError      string    `json:"last_error,omitempty"`
	LastErrorAt    time.Time `json:"last_error_at,omitzero"`
	ClockSkewMs    int64     `json:"clock_skew_ms"`
}

// QueueHealth is the movement queue between readers and the ledger.
type QueueHealth struct {
	Depth        int    `json:"depth"`
	Capacity     int    `json:"capacity"`
	LedgerErrors uint64 `json:"ledger_errors"`
}

// Health takes a snapshot.
func (g *Gateway) Health() Health {
	cfg := g.config()
	h := Health{Site: cfg.Site, Gateway: cfg.Gateway, Version: g.parts.Version,
		Queue:   QueueHealth{Depth: len(g.events), Capacity: cap(g.events), LedgerErrors: g.ctr.ledgerErrors.Load()},
		Reloads: g.ctr.reloads.Load()}
	if s := g.started.Load(); s != 0 {
		h.Uptime = g.parts.Now().Sub(time.Unix(0, s)).Seconds()
	}
	h.Readers = g.readerHealth()
	h.Scanners = g.scan.snapshot()
	g.invMu.Lock()
	if g.inv != nil {
		h.Inventory = g.inv.Counters()
	}
	h.Movements = g.flow.Counters()
	g.invMu.Unlock()
	h.Ledger, _ = g.parts.Ledger.Status()
	if g.uplink != nil {
		u := g.uplink.Snapshot()
		h.Uplink = &u
	}
	h.Degraded = g.degraded(h, g.parts.Now())
	return h
}

func (g *Gateway) readerHealth() []ReaderHealth {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make([]ReaderHealth, 0, len(g.readers))
	for name, run := range g.readers {
		s := run.client.Stats()
		out = append(out, ReaderHealth{Name: name, State: s.State.String(), Reads: s.Reads,
			ReadsPerSecond: s.ReadsPerSecond, Drops: s.Drops, Reconnects: s.Reconnects,
			LastError: s.LastError, LastErrorAt: s.LastErrorAt, ClockSkewMs: s.ClockSkew.Milliseconds()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
