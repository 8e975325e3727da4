package gateway

import (
	"context"
	"encoding/json"
	"errors"
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
	mux.Handle("GET /metrics", g.metricsHandler())
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
