package server

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/connect"
	"github.com/edged/edged/relay/discover"
	"github.com/edged/edged/relay/fleet"
	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/status"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
)

// Parts are what cmd/relay opened for the server.
type Parts struct {
	// Mapping is the parsed mapping file.
	Mapping *stock.Mapping
	// BrokerURL is the broker to connect to (the embedded one when the
	// configuration names none).
	BrokerURL string
	// TLS is the broker connection's TLS configuration; nil: none.
	TLS *tls.Config
	// Listener serves the status page and the webhooks; nil: none.
	Listener net.Listener
	// HTTPClient calls the marketplaces; nil: http.DefaultClient.
	HTTPClient *http.Client
	Logger     *slog.Logger
	// Version is the relay's build, for the fleet's status.
	Version string
	// Host is the machine's name, for the default fleet.instance and the
	// fleet's status.
	Host string
	// Secrets are redacted from the channels' status; the server adds the
	// tokens it hands to the channels. nil: a set of its own holding
	// the configured secrets.
	Secrets *relay.Secrets
	// Key seals the stored connections (see SecretsConfig); nil when no
	// key is configured, and every channel then uses its configured token.
	Key []byte
}

// Server is the running relay.
type Server struct {
	cfg    Config
	parts  Parts
	log    *slog.Logger
	store  stock.Store
	pg     *pgstore.Store // nil on bbolt
	leases fleet.LeaseStore
	gates  map[relay.Channel]*fleet.Gate
	engine *stock.Engine
	disp   map[relay.Channel]*relay.Dispatcher
	hooks  map[relay.Channel]func(relay.OrderSink) http.Handler
	intake *intake.Intake
	mqtt   *intake.Client
	client atomic.Pointer[intake.Client] // mqtt, for the status page's goroutines
	down   atomic.Bool                   // the store failed; watchStore probes until it answers
	mux    *http.ServeMux
	locks  *shopee.LockWatcher // nil without Shopee
	conns  *connect.Refresher  // nil without a secrets key
	drift  *discover.Drift     // nil when discover_every is 0
	// webhooks counts the webhook deliveries, for /metrics.
	webhooks relay.WebhookStats
	// console is the web console's view of the relay; nil when it is off.
	console *consoleSource
}

// New opens the store, builds the channels and the engine; Run starts it.
func New(ctx context.Context, cfg Config, parts Parts) (*Server, error) {
	cfg.Defaults(parts.Host)
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if parts.Logger == nil {
		parts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if parts.Secrets == nil {
		parts.Secrets = relay.NewSecrets(cfg.Channels.Secrets()...)
	}
	s := &Server{cfg: cfg, parts: parts, log: parts.Logger, disp: map[relay.Channel]*relay.Dispatcher{},
		gates: map[relay.Channel]*fleet.Gate{}, mux: http.NewServeMux()}
	b, err := buildChannels(cfg.Channels, parts.HTTPClient, s.log)
	if err != nil {
		return nil, err
	}
	s.hooks = b.hooks
	if err := s.openStore(ctx); err != nil {
		return nil, err
	}
	out := map[relay.Channel]stock.Enqueuer{}
	for ch, p := range b.pushers {
		g := fleet.NewGate(ch, confirmer{s})
		fenced := fleet.NewPusher(p, g, s.leases, cfg.Fleet.Instance, cfg.Fleet.PushTimeout)
		d := relay.NewDispatcher(ch, fenced, relay.DispatcherConfig{Secrets: parts.Secrets, Failures: pushFailures{s}}, s.log.With("channel", ch))
		g.Dispatch(d)
		d.ConfirmTo(g)
		s.disp[ch], s.gates[ch], out[ch] = d, g, g
	}
	s.engine, err = stock.New(ctx, stock.Options{Store: s.store, Mapping: parts.Mapping, Config: cfg.Stock,
		Out: out, Fetchers: b.fetchers, Logger: s.log.With("part", "stock")})
	if err != nil {
		s.store.Close()
		return nil, err
	}
	if b.shopee != nil {
		s.locks = b.shopee.WatchLocks(s.engine, shopeeItems(parts.Mapping), cfg.ReconcileEvery)
		if g := s.gates[relay.Shopee]; g != nil {
			s.locks.SweepWhile(g.Owned)
		}
	}
	if s.conns, err = s.newRefresher(b.pushers); err != nil {
		s.store.Close()
		return nil, err
	}
	if s.conns != nil {
		s.conns.Load(ctx) // the clients have their stored tokens before the first push
	}
	s.drift = s.newDrift(b.pushers)
	s.routes()
	return s, nil
}

// Engine is the stock engine (for tests and the demo).
func (s *Server) Engine() *stock.Engine { return s.engine }

// Dispatchers are the channel dispatchers (for status).
func (s *Server) Dispatchers() map[relay.Channel]*relay.Dispatcher { return s.disp }

func (s *Server) routes() {
	for ch, h := range s.hooks {
		s.mux.Handle("POST /webhooks/"+string(ch), s.webhooks.Count(ch, h(s.engine)))
	}
	s.mux.Handle("GET /", status.Handler(s.statusSource().Snapshot))
	s.mux.Handle("GET /metrics", s.metricsHandler())
	s.mountConsole()
}

// brokerState is the MQTT session's state once Run has connected.
func (s *Server) brokerState() (intake.BrokerState, bool) {
	if m := s.client.Load(); m != nil {
		return m.State(), true
	}
	return intake.BrokerState{}, false
}

// gaps counts the open gap of each gateway, for the status page.
func (s *Server) gaps() map[string]uint64 {
	out := map[string]uint64{}
	if s.intake == nil {
		return out
	}
	for _, g := range s.intake.Gateways() {
		if g.GapFrom > 0 {
			out[g.Key()] = g.GapFrom // the engine's key, which the status page joins on
		}
	}
	return out
}

// Run connects the intake and runs the engine, the dispatchers, the
// reconciliation and the status page until ctx ends; then it announces
// the relay offline, stops everything and closes the store.
func (s *Server) Run(ctx context.Context) error {
	pub := &intake.LatePublisher{}
	in := intake.New(s.engine, pub, s.cfg.Intake, s.log.With("part", "intake"), nil)
	cl, err := intake.Connect(intake.MQTTConfig{Broker: s.parts.BrokerURL, ClientID: s.cfg.MQTT.ClientID,
		Username: s.cfg.MQTT.Username, Password: s.cfg.MQTT.Password.Reveal(), ShareGroup: s.cfg.MQTT.ShareGroup},
		s.parts.TLS, s.log.With("part", "intake"), func(topic string, payload []byte) {
			if err := in.Handle(context.WithoutCancel(ctx), topic, payload); err != nil {
				s.deltasFailed(topic, err)
			}
		})
	if err != nil {
		s.store.Close()
		return err
	}
	pub.Set(cl)
	s.intake, s.mqtt = in, cl
	s.client.Store(cl)
	var wg sync.WaitGroup
	s.start(ctx, &wg)
	stopHTTP := s.serveHTTP()
	<-ctx.Done()
	cl.Close()
	stopHTTP()
	if s.console != nil {
		s.console.wait() // a background build of the stock page
	}
	wg.Wait()
	return s.store.Close()
}

func (s *Server) start(ctx context.Context, wg *sync.WaitGroup) {
	self := fleet.Instance{ID: s.cfg.Fleet.Instance, Version: s.parts.Version, Host: s.parts.Host, Started: time.Now()}
	m := fleet.NewManager(s.leases, self, fleet.Timing{TTL: s.cfg.Fleet.LeaseTTL, PushTimeout: s.cfg.Fleet.PushTimeout}, s.gates, s.engine, s.log.With("part", "fleet"))
	wg.Go(func() { _ = m.Run(ctx) })
	if s.pg != nil {
		poke := make(chan struct{}, 1)
		wg.Go(func() {
			_ = s.pg.Listen(ctx, s.log.With("part", "store"), func() {
				select {
				case poke <- struct{}{}:
				default:
				}
			})
		})
		wg.Go(func() { s.follow(ctx, poke) })
		wg.Go(func() { s.watchStore(ctx) })
		wg.Go(func() { _ = s.pg.Maintain(ctx, s.cfg.Fleet.KeepChanges, s.log.With("part", "store")) })
	}
	wg.Go(func() { _ = s.engine.Run(ctx) })
	wg.Go(func() { s.pruneAudit(ctx) })
	for _, d := range s.disp {
		wg.Go(func() { _ = d.Run(ctx) })
	}
	wg.Go(func() { _ = s.engine.Reconcile(ctx, s.cfg.ReconcileEvery) })
	if s.locks != nil {
		wg.Go(func() { _ = s.locks.Run(ctx) })
	}
	if s.conns != nil {
		wg.Go(func() { _ = s.conns.Run(ctx) })
	}
	if s.drift != nil {
		wg.Go(func() { _ = s.drift.Run(ctx) })
	}
	wg.Go(func() {
		t := time.NewTicker(5 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				s.intake.CheckGaps()
			}
		}
	})
}

func (s *Server) serveHTTP() func() {
	if s.parts.Listener == nil {
		return func() {}
	}
	srv := &http.Server{Handler: s.mux, ReadHeaderTimeout: 5 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(s.parts.Listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("http", "err", err)
		}
	}()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-done
	}
}

// shopeeItems are the Shopee item ids of the mapping.
func shopeeItems(m *stock.Mapping) []string {
	var items []string
	for _, sku := range m.SKUs() {
		for _, t := range m.Targets(sku) {
			if t.Channel == relay.Shopee {
				items = append(items, t.Item)
			}
		}
	}
	return items
}
