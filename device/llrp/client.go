package llrp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/edged/edged/device"
)

// Options configures a Client. Dial is required; zero fields take the
// defaults named.
type Options struct {
	// Name identifies the reader in reads and logs (its configured id).
	Name string
	// Dial opens a connection to the reader. The client calls it for
	// every (re)connect and closes what it returns.
	Dial func(ctx context.Context) (net.Conn, error)
	// Config is the inventory to run.
	Config Config
	// OnRead receives every read, from a single goroutine and in order.
	// The read's byte slices are only valid during the call. It may be
	// slow: the socket is never stalled, reads are dropped and counted.
	OnRead func(device.TagRead)
	// OnGPI, when set, receives every GPI change the reader reports (a
	// dock door sensor), on the socket goroutine: it must return quickly.
	OnGPI func(port uint16, high bool)
	// QueueSize bounds the reads waiting for OnRead. 0 means 8192.
	QueueSize int
	// Logger receives session logs. Nil discards.
	Logger *slog.Logger
	// Now is the gateway clock. Nil means time.Now.
	Now func() time.Time
	// RequestTimeout bounds each request/response. 0 means 10 s.
	RequestTimeout time.Duration
	// VersionTimeout bounds version negotiation before falling back to
	// LLRP 1.0.1. 0 means 3 s.
	VersionTimeout time.Duration
	// BackoffMin and BackoffMax bound the reconnect delay, which doubles
	// per failure with jitter. 0 means 500 ms and 30 s.
	BackoffMin, BackoffMax time.Duration
	// SkewThreshold is the reader clock error worth a warning. 0 means 2 s.
	SkewThreshold time.Duration
}

// Client keeps one reader reading. Create it with New; run it with Run.
type Client struct {
	opts Options
	log  *slog.Logger
	ctr  counters
	q    *ring
	link atomic.Pointer[link]
	// only101 remembers a reader that hung up on version negotiation.
	only101 atomic.Bool
	// failures counts consecutive failed sessions (Run goroutine only).
	failures int
}

// New checks opts and returns a client. The configuration is checked
// again against the reader's capabilities on every connect.
func New(opts Options) (*Client, error) {
	if opts.Dial == nil {
		return nil, fmt.Errorf("llrp: Options.Dial is required: %w", ErrInvalidConfig)
	}
	if err := opts.Config.Validate(Capabilities{}); err != nil {
		return nil, fmt.Errorf("llrp %s: %w", opts.Name, err)
	}
	opts = opts.withDefaults()
	cfg := opts.Config
	slotBytes := 62 + 2*int(cfg.ReadTIDWords) + 2*int(cfg.ReadUserWords)
	c := &Client{opts: opts, log: opts.Logger.With("reader", opts.Name), q: newRing(opts.QueueSize, slotBytes)}
	return c, nil
}

func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&o.RequestTimeout, 10*time.Second)
	def(&o.VersionTimeout, 3*time.Second)
	def(&o.BackoffMin, 500*time.Millisecond)
	def(&o.BackoffMax, 30*time.Second)
	def(&o.SkewThreshold, 2*time.Second)
	if o.QueueSize <= 0 {
		o.QueueSize = 8192
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.OnRead == nil {
		o.OnRead = func(device.TagRead) {}
	}
	return o
}

// Stats returns a snapshot of the client's state and counters.
func (c *Client) Stats() Stats { return c.ctr.snapshot() }

// Run connects, configures and reads until ctx ends, reconnecting
// forever with backoff. On ctx end it stops the inventory politely,
// closes the connection, delivers the queued reads and returns nil.
func (c *Client) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	deliverCtx, stopDeliver := context.WithCancel(context.WithoutCancel(ctx))
	wg.Go(func() { c.deliver(deliverCtx) })
	defer wg.Wait()
	defer stopDeliver()
	defer c.ctr.state.Store(int32(StateStopped))
	bo := backoff{min: c.opts.BackoffMin, max: c.opts.BackoffMax, rand: rand.Float64}
	for {
		read, err := c.session(ctx)
		if ctx.Err() != nil {
			return nil
		}
		c.noteFailure(err, read, &bo)
		if !c.wait(ctx, bo.next()) {
			return nil
		}
	}
}

func (c *Client) noteFailure(err error, read bool, bo *backoff) {
	if read {
		bo.reset()
	}
	c.ctr.reconnects.Add(1)
	c.ctr.setError(err, c.opts.Now())
	c.ctr.state.Store(int32(StateBackoff))
	if read {
		c.failures = 0
	}
	c.failures++
	if c.failures > 1 && c.failures%20 != 0 {
		return // a repeating failure is logged once, then every 20th time
	}
	level := slog.LevelWarn
	if errors.Is(err, ErrReaderBusy) {
		level = slog.LevelError
	}
	c.log.Log(context.Background(), level, "llrp session failed; reconnecting with backoff", "err", err, "failures", c.failures)
}

// noteRecovered logs the end of a run of failures.
func (c *Client) noteRecovered() {
	if c.failures > 0 {
		c.log.Info("llrp reader recovered", "after_failures", c.failures)
		c.failures = 0
	}
}

func (c *Client) wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
