package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Handler serves /healthz (200 while the daemon is alive and nothing is
// degraded; 503 with the reasons otherwise), /status (the
// health snapshot as JSON, for `edged status`) and /metrics (Prometheus
// text format).
func (g *Gateway) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		if err := g.alive(g.parts.Now()); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		if d := g.Health().Degraded; len(d) > 0 {
			http.Error(w, "degraded: "+strings.Join(d, "; "), http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(g.Health())
	})
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		writeMetrics(w, g.Health())
	})
	return mux
}

// serveHTTP serves the handler on the listener it was given; the
// returned function shuts the server down.
func (g *Gateway) serveHTTP() func() {
	if g.parts.Listener == nil {
		return func() {}
	}
	srv := &http.Server{Handler: g.Handler(), ReadHeaderTimeout: 5 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(g.parts.Listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
			g.log.Error("health listener", "err", err)
		}
	}()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-done
	}
}

// writeMetrics renders the snapshot in the Prometheus text format.
func writeMetrics(w io.Writer, h Health) {
	m := func(name, help, typ string, v float64, labels string) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n%s%s %g\n", name, help, name, typ, name, labels, v)
	}
	m("edged_uptime_seconds", "Seconds since the daemon started.", "gauge", h.Uptime, "")
	m("edged_ledger_head_seq", "Last recorded ledger sequence.", "gauge", float64(h.Ledger.Head), "")
	m("edged_ledger_acked_seq", "Last sequence acknowledged by the relay.", "gauge", float64(h.Ledger.Acked), "")
	m("edged_ledger_pending_events", "Events waiting for the relay.", "gauge", float64(h.Ledger.Pending), "")
	m("edged_ledger_bytes", "Size of the ledger file.", "gauge", float64(h.Ledger.Bytes), "")
	m("edged_movement_queue_depth", "Presence events waiting to be recorded.", "gauge", float64(h.Queue.Depth), "")
	m("edged_movement_errors_total", "Movements the ledger failed to record.", "counter", float64(h.Queue.LedgerErrors), "")
	m("edged_rfid_tags_tracked", "Tags in the presence table.", "gauge", float64(h.Inventory.Tracked), "")
	m("edged_rfid_evicted_total", "Tags evicted from the full presence table.", "counter", float64(h.Inventory.Evicted), "")
	for _, r := range h.Readers {
		l := fmt.Sprintf("{reader=%q}", r.Name)
		m("edged_reader_reads_total", "Tag reads delivered by the reader.", "counter", float64(r.Reads), l)
		m("edged_reader_drops_total", "Tag reads dropped because the pipeline lagged.", "counter", float64(r.Drops), l)
		m("edged_reader_reconnects_total", "Reader sessions that ended in an error.", "counter", float64(r.Reconnects), l)
		m("edged_reader_up", "1 while the reader is reading.", "gauge", b2f(r.State == "reading"), l)
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
