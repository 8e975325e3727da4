package gateway_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/gateway"
	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger/ledgertest"
)

// fakeClock is the daemon's clock, moved by the test.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// A reader down beyond http.health_grace makes /healthz 503 with the
// reason (the daemon is alive: the watchdog is not the place for this);
// once it reads again, 200.
func TestReaderDownBeyondTheGraceIsDegraded(t *testing.T) {
	l := ledgertest.Open(t, nil)
	addr := fmt.Sprintf("127.0.0.1:%d", mosquittotest.FreePort(t)) // no reader answers there
	clock := &fakeClock{t: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)}
	cfg := dockConfig(addr)
	cfg.HTTP.HealthGrace = time.Minute
	g, err := gateway.New(cfg, gateway.Parts{Ledger: l, Dial: dial, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	defer func() { cancel(); <-done }()
	eventually(t, "the reader listed", func() bool { return len(g.Health().Readers) == 1 })
	healthz := func() (int, string) {
		rec := httptest.NewRecorder()
		g.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
		return rec.Code, rec.Body.String()
	}
	if d := g.Health().Degraded; len(d) != 0 {
		t.Fatalf("degraded within the grace: %v", d)
	}
	clock.Add(30 * time.Second)
	if code, body := healthz(); code != http.StatusOK {
		t.Fatalf("within the grace: %d %s", code, body)
	}
	clock.Add(61 * time.Second)
	code, body := healthz()
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "degraded: reader dock is") || !strings.Contains(body, "for 1m31s") {
		t.Fatalf("beyond the grace: %d %s", code, body)
	}
}
