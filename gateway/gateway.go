package gateway

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/edged/edged/catalog"
	"github.com/edged/edged/device/rfid"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/tagflow"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/workflow/floor"
)

// Notifier tells the service manager about the daemon (sd_notify).
type Notifier interface {
	Ready(status string) error
	Status(status string) error
	Reloading() error
	Watchdog() error
	Stopping() error
}

// Parts are what cmd/edged opened for the gateway.
type Parts struct {
	Ledger *ledger.Ledger
	// Dial connects to a reader address (host:port).
	Dial func(ctx context.Context, address string) (net.Conn, error)
	// OpenScanner opens a barcode scanner's device; needed when scanners
	// are configured.
	OpenScanner floor.Opener
	// Listener serves /healthz, /metrics and /status; nil: none.
	Listener net.Listener
	// Notify is told READY, STATUS, WATCHDOG and STOPPING; nil: nobody.
	Notify Notifier
	// WatchdogEvery is how often the supervision loop proves it is alive
	// (half of systemd's WatchdogSec); 0 means every 10 s.
	WatchdogEvery time.Duration
	// UplinkDialer connects to the broker (uplink/mqtt); needed when
	// mqtt.broker is set.
	UplinkDialer uplink.Dialer
	// OnReloadCommand is called when the relay sends the reload command.
	OnReloadCommand func()
	// DiskFree and ClockSynced feed the health message; nil: unknown.
	DiskFree    func() int64
	ClockSynced func() bool
	// Version is reported in health.
	Version string
	Logger  *slog.Logger
	Now     func() time.Time
}

// Gateway is the running daemon.
type Gateway struct {
	parts   Parts
	log     *slog.Logger
	started atomic.Int64 // unix ns when Run began

	mu      sync.Mutex // guards cfg, readers, runCtx; held across a reload
	cfg     Config
	readers map[string]*readerRun
	runCtx  context.Context
	down    downSince // when each reader or the uplink was first seen down
	// clients are the running reader clients by name, read without mu
	// by the stack lights (a reload holds mu while it waits for them).
	clients sync.Map
	// invMu guards the inventory and flow pointers and the inventory's
	// use: reads arrive from every reader's goroutine, ticks from the
	// jobs goroutine.
	invMu  sync.Mutex
	inv    *rfid.Inventory
	flow   *tagflow.Flow
	events chan work
	uplink *uplink.Uplink // nil without a broker
	// cat is the catalog the scanner stations resolve codes with, and
	// stations the running scanners, both guarded by mu.
	cat      *catalog.Catalog
	stations map[string]*station
	scan     scanners
	wg       sync.WaitGroup
	ctr      counters
}

// New checks cfg and prepares a gateway; Run starts it.
func New(cfg Config, parts Parts) (*Gateway, error) {
	cfg.Defaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if parts.Logger == nil {
		parts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if parts.Now == nil {
		parts.Now = time.Now
	}
	if parts.Notify == nil {
		parts.Notify = nopNotifier{}
	}
	if parts.WatchdogEvery <= 0 {
		parts.WatchdogEvery = 10 * time.Second
	}
	g := &Gateway{parts: parts, log: parts.Logger, cfg: cfg, readers: map[string]*readerRun{}, stations: map[string]*station{},
		events: make(chan work, 4096)}
	if err := g.newUplink(cfg); err != nil {
		return nil, err
	}
	if err := g.buildInventory(cfg); err != nil {
		return nil, err
	}
	return g, nil
}

// buildInventory makes the inventory and flow for cfg, seeding the
// inventory with the tags the ledger holds so none is received twice.
func (g *Gateway) buildInventory(cfg Config) error {
	cat, err := catalog.New(cfg.Catalog)
	if err != nil {
		return err
	}
	var inv *rfid.Inventory
	if len(cfg.RFID.Zones) > 0 {
		if inv, err = rfid.New(cfg.RFID, g.log.With("part", "rfid")); err != nil {
			return err
		}
		if err := g.seed(inv, cfg.RFID); err != nil {
			return err
		}
	}
	flow := tagflow.New(notifying{g.parts.Ledger, g}, cat, cfg.Tagflow, g.log.With("part", "tagflow"))
	g.invMu.Lock()
	g.inv, g.flow = inv, flow
	g.invMu.Unlock()
	g.cat = cat
	return nil
}

func (g *Gateway) seed(inv *rfid.Inventory, cfg rfid.Config) error {
	now := g.parts.Now()
	for _, z := range cfg.Zones {
		for _, l := range z.Locations {
			held, err := g.parts.Ledger.SerialsAt(l.Name)
			if err != nil {
				return fmt.Errorf("gateway: seeding the inventory from the ledger: %w", err)
			}
			for _, s := range held {
				if b, err := hexEPC(s.EPC); err == nil {
					_ = inv.Seed(b, l.Name, now)
				}
			}
		}
	}
	return nil
}

// Run starts readers, the movement recorder, the periodic jobs and the
// health listener, tells systemd it is ready, and supervises until ctx
// ends; then it stops the readers first, records what is queued, and
// returns once every goroutine has finished.
func (g *Gateway) Run(ctx context.Context) error {
	g.started.Store(g.parts.Now().UnixNano())
	devCtx, stopDevices := context.WithCancel(ctx)
	g.mu.Lock()
	g.runCtx = devCtx
	for _, r := range g.cfg.Readers {
		g.startReader(r)
	}
	for _, sc := range g.cfg.Scanners {
		if err := g.startStation(sc); err != nil {
			g.log.Error("scanner not started", "scanner", sc.ID, "err", err)
		}
	}
	g.mu.Unlock()
	stopUplink := g.startUplink(g.cfg.MQTT.DrainOnStop)
	recorded := make(chan struct{})
	go func() { defer close(recorded); g.recordMovements(context.WithoutCancel(ctx)) }()
	jobs := g.startJobs(devCtx)
	stopHTTP := g.serveHTTP()
	_ = g.parts.Notify.Ready(g.statusLine())
	g.supervise(ctx)
	_ = g.parts.Notify.Stopping()
	stopDevices()
	g.wg.Wait() // readers and jobs have stopped: nothing more enters the queue
	jobs.Wait()
	close(g.events)
	<-recorded
	stopUplink() // after the last movement is recorded: drain, then stop
	stopHTTP()
	return nil
}

type nopNotifier struct{}

func (nopNotifier) Ready(string) error  { return nil }
func (nopNotifier) Status(string) error { return nil }
func (nopNotifier) Reloading() error    { return nil }
func (nopNotifier) Watchdog() error     { return nil }
func (nopNotifier) Stopping() error     { return nil }
