package gateway

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/edged/edged/catalog"
	"github.com/edged/edged/workflow"
	"github.com/edged/edged/workflow/floor"
)

// floorRun is the running scanning floor and how to stop it.
type floorRun struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// scanners is what the floor tells the gateway, for health.
type scanners struct {
	mu    sync.Mutex
	byID  map[string]*ScannerHealth
	order []string
}

// ScannerHealth is one scanner station's state and counters.
type ScannerHealth struct {
	Name     string    `json:"name"`
	Online   bool      `json:"online"`
	Scans    uint64    `json:"scans"`
	Rejected uint64    `json:"rejected"`
	LastScan time.Time `json:"last_scan,omitzero"`
	LastErr  string    `json:"last_error,omitempty"`
}

func (s *scanners) get(id string) *ScannerHealth {
	if s.byID == nil {
		s.byID = map[string]*ScannerHealth{}
	}
	h, ok := s.byID[id]
	if !ok {
		h = &ScannerHealth{Name: id}
		s.byID[id] = h
		s.order = append(s.order, id)
		sort.Strings(s.order)
	}
	return h
}

func (s *scanners) state(id string, online bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.get(id).Online = online
}

func (s *scanners) observe(o workflow.Outcome) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.get(o.Station)
	h.Scans++
	h.LastScan = o.At
	if o.Status == workflow.StatusRejected {
		h.Rejected++
		if o.Err != nil {
			h.LastErr = o.Err.Error()
		}
	}
}

func (s *scanners) snapshot() []ScannerHealth {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ScannerHealth, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, *s.byID[id])
	}
	return out
}

// newFloor builds the scanning floor for cfg (nil without scanners).
func (g *Gateway) newFloor(cfg Config, cat *catalog.Catalog) (*floor.Floor, error) {
	if len(cfg.Scanners) == 0 {
		return nil, nil
	}
	return floor.New(cfg.Config, floor.Deps{Catalog: cat, Recorder: notifying{g.parts.Ledger, g},
		Logger: g.log.With("part", "floor"), Observe: g.scan.observe, OnState: g.scan.state})
}

// startFloor runs f until stopFloor; g.mu is held.
func (g *Gateway) startFloor(f *floor.Floor) {
	if f == nil || g.runCtx == nil {
		return
	}
	ctx, cancel := context.WithCancel(g.runCtx)
	run := &floorRun{cancel: cancel, done: make(chan struct{})}
	g.floorRun = run
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		defer close(run.done)
		if err := f.Run(ctx); err != nil {
			g.log.Error("scanning floor stopped", "err", err)
		}
	}()
}

// stopFloor stops the running floor and waits for it; g.mu is held.
func (g *Gateway) stopFloor() {
	if g.floorRun == nil {
		return
	}
	g.floorRun.cancel()
	<-g.floorRun.done
	g.floorRun = nil
}
