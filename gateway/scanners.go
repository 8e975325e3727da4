package gateway

import (
	"context"
	"errors"
	"reflect"
	"sort"
	"sync"
	"time"

	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/workflow"
	"github.com/edged/edged/workflow/floor"
)

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
	Opened   uint64    `json:"opened"` // times the scanner came online`
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
	h := s.get(id)
	if online && !h.Online {
		h.Opened++
	}
	h.Online = online
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

// station is one scanner's floor (a floor of one, so that a change to
// one scanner's section restarts that scanner alone) and its goroutine.
type station struct {
	cfg    floor.ScannerConfig
	cancel context.CancelFunc
	done   chan struct{}
}

// startStation builds and runs the floor of one scanner, and its stack
// light if it has one; g.mu is held.
func (g *Gateway) startStation(sc floor.ScannerConfig) error {
	light := g.newLight(sc)
	f, err := floor.New(floor.Config{Scanners: []floor.ScannerConfig{sc}, Workflow: g.cfg.Workflow, Rescan: g.cfg.Rescan},
		floor.Deps{Catalog: g.cat, Recorder: notifying{g.parts.Ledger, g}, Open: g.parts.OpenScanner, Logger: g.log.With("part", "floor"),
			Locations: g.parts.Ledger,
			Observe:   g.scan.observe, OnState: g.scan.state, ExtraFeedback: lightFeedback(light)})
	if err != nil || g.runCtx == nil {
		return err
	}
	ctx, cancel := context.WithCancel(g.runCtx)
	st := &station{cfg: sc, cancel: cancel, done: make(chan struct{})}
	g.stations[sc.ID] = st
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		defer close(st.done)
		var lights sync.WaitGroup
		if light != nil {
			lights.Go(func() { _ = light.Run(ctx) })
		}
		if err := f.Run(ctx); err != nil {
			g.log.Error("scanner station stopped", "scanner", sc.ID, "err", err)
		}
		cancel()
		lights.Wait()
	}()
	return nil
}

// lightFeedback adds the stack light, if any, to a station's feedback.
func lightFeedback(light *feedback.Light) func(string) workflow.Notifier {
	if light == nil {
		return nil
	}
	return func(string) workflow.Notifier { return light }
}

// stopStation stops one scanner's floor and waits for it; g.mu is held.
func (g *Gateway) stopStation(id string) {
	st, ok := g.stations[id]
	if !ok {
		return
	}
	st.cancel()
	<-st.done
	delete(g.stations, id)
}

// reloadStations restarts the scanners whose section changed, and all of
// them when the workflow, the rescan period or the catalog changed; g.mu
// is held and g.cfg is still the running configuration.
func (g *Gateway) reloadStations(next Config, all bool) error {
	want := map[string]floor.ScannerConfig{}
	for _, sc := range next.Scanners {
		want[sc.ID] = sc
	}
	for id, st := range g.stations {
		if sc, ok := want[id]; all || !ok || !reflect.DeepEqual(st.cfg, sc) {
			g.stopStation(id)
		}
	}
	g.cfg.Config = next.Config // the stations below start with the new workflow
	var errs []error
	for _, sc := range next.Scanners {
		if _, running := g.stations[sc.ID]; !running {
			errs = append(errs, g.startStation(sc))
		}
	}
	return errors.Join(errs...)
}
