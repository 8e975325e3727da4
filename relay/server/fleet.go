package server

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/fleet"
	"github.com/edged/edged/relay/status"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
)

// FleetConfig tunes how instances share a PostgreSQL store.
type FleetConfig struct {
	// Instance names this relay in status and leases; default host:port
	// of http.listen, unique per machine.
	Instance string `mapstructure:"instance"`
	// LeaseTTL is how long a channel's push lease lasts without renewal:
	// the longest a channel waits for a new pusher after its owner dies.
	// Default 3s.
	LeaseTTL time.Duration `mapstructure:"lease_ttl"`
	// PushTimeout is the longest one push may take; a push still running
	// then is cut off and retried. A relay that takes over a channel
	// whose owner's database session ended pushes at once and again after
	// this, over anything the old owner still had in flight. Default 2s.
	PushTimeout time.Duration `mapstructure:"push_timeout"`
	// KeepChanges is how long the store keeps commits for instances to
	// catch up with; one further behind reloads. Default 15m.
	KeepChanges time.Duration `mapstructure:"keep_changes"`
}

func (f *FleetConfig) defaults(host, listen string) {
	if f.Instance == "" {
		_, port, _ := strings.Cut(listen, ":")
		f.Instance = host + ":" + port
	}
	if f.LeaseTTL == 0 {
		f.LeaseTTL = fleet.DefaultTTL
	}
	if f.KeepChanges == 0 {
		f.KeepChanges = 15 * time.Minute
	}
	if f.PushTimeout == 0 {
		f.PushTimeout = fleet.DefaultPushTimeout
	}
}

func (f FleetConfig) validate() []error {
	var errs []error
	if f.LeaseTTL != 0 && f.LeaseTTL < time.Second {
		errs = append(errs, fmt.Errorf("fleet.lease_ttl: %v is too short; at least 1s (renewed every third of it)", f.LeaseTTL))
	}
	if f.PushTimeout != 0 && (f.PushTimeout < 500*time.Millisecond || f.PushTimeout > time.Minute) {
		errs = append(errs, fmt.Errorf("fleet.push_timeout: %v is out of range; between 500ms and 1m (default 2s)", f.PushTimeout))
	}
	if f.KeepChanges != 0 && f.KeepChanges < time.Minute {
		errs = append(errs, fmt.Errorf("fleet.keep_changes: %v is too short; at least 1m", f.KeepChanges))
	}
	return errs
}

// openStore opens the configured store: PostgreSQL for a DSN (the leases
// then live there too), else the bbolt file with a local lease.
func (s *Server) openStore(ctx context.Context) error {
	if !pgstore.IsDSN(s.cfg.Store) {
		b, err := stock.OpenBolt(s.cfg.Store)
		s.store, s.leases = b, &fleet.Local{}
		return err
	}
	pg, err := pgstore.Open(ctx, s.cfg.Store)
	if err != nil {
		return err
	}
	s.store, s.pg, s.leases = pg, pg, pg
	return nil
}

// confirmer hands confirmed pushes to the engine, which exists only after
// the gates it is given.
type confirmer struct{ s *Server }

func (c confirmer) Confirm(ctx context.Context, items []relay.Item, epoch uint64) error {
	return c.s.engine.Confirm(ctx, items, epoch)
}

// fleetStatus is the status page's view of the store and the instances.
func (s *Server) fleetStatus() status.Fleet {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	f := status.Fleet{Self: s.cfg.Fleet.Instance, Store: status.StoreHealth{Kind: "bbolt", Name: s.cfg.Store, OK: true}}
	f.Store.Version = s.engine.Version()
	start := time.Now()
	var err error
	if s.pg != nil {
		f.Store.Kind, f.Store.Name = "postgres", pgstore.Redact(s.cfg.Store)
		err = s.pg.Ping(ctx)
	}
	f.Store.Latency = time.Since(start)
	if err == nil {
		f.Instances, f.Leases, err = s.leases.Fleet(ctx)
	}
	if err != nil {
		f.Store.OK, f.Store.Error = false, err.Error()
	}
	return f
}

// follow brings the engine up to date whenever the store says another
// instance committed, and every few seconds in case a notification was
// missed.
func (s *Server) follow(ctx context.Context, poke <-chan struct{}) {
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-poke:
		case <-t.C:
		}
		if err := s.engine.Follow(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("following the store", "err", err)
		}
	}
}

// storeFailed marks the store away after a failed commit: the relay
// announces itself offline at once, and watchStore announces it online
// when the store answers again.
func (s *Server) storeFailed() {
	if !s.down.Swap(true) {
		s.log.Error("store unreachable: deltas stay unacknowledged, webhooks get 503")
		if m := s.client.Load(); m != nil {
			m.SetAvailable(false)
		}
	}
}

// watchStore probes the shared store every second. While it is away this
// relay cannot apply deltas, so it announces itself offline; when the
// store is back it announces online, at which gateways resend what it did
// not acknowledge rather than wait for their retransmit_after.
func (s *Server) watchStore(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		pctx, cancel := context.WithTimeout(ctx, time.Second)
		err := s.pg.Ping(pctx)
		cancel()
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			s.storeFailed()
		case s.down.Swap(false):
			s.log.Info("store reachable again: taking deltas")
			if m := s.client.Load(); m != nil {
				m.SetAvailable(true)
			}
		}
	}
}
