package intake

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/uplink/wire"
)

// Applier is the stock engine.
type Applier interface {
	ApplyBatch(ctx context.Context, gateway string, batch []stock.Sequenced) (uint64, error)
}

// Publisher sends a message (QoS 1).
type Publisher interface {
	Publish(topic string, payload []byte, retained bool) error
}

// Config tunes the intake.
type Config struct {
	// GapHold is how long a gap may stay open before the gateway is asked
	// to resync. Default 30 s.
	GapHold time.Duration `mapstructure:"gap_hold"`
	// Gateways, when not empty, lists the gateways whose deltas are
	// taken; others are counted and dropped (and not acknowledged).
	Gateways []string `mapstructure:"gateways"`
}

// Intake handles deltas messages. Handle may be called concurrently.
type Intake struct {
	app Applier
	pub Publisher
	cfg Config
	log *slog.Logger
	now func() time.Time

	mu   sync.Mutex
	gaps map[string]gap // by engine key
	last map[string]GatewayStatus
	ctr  Counters
}

// gap is an open gap: since when, and from which seq.
type gap struct {
	since time.Time
	from  uint64
	asked bool
}

// New returns an intake; nil logger discards, nil now is time.Now.
func New(app Applier, pub Publisher, cfg Config, log *slog.Logger, now func() time.Time) *Intake {
	if cfg.GapHold <= 0 {
		cfg.GapHold = 30 * time.Second
	}
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if now == nil {
		now = time.Now
	}
	return &Intake{app: app, pub: pub, cfg: cfg, log: log, now: now, gaps: map[string]gap{}, last: map[string]GatewayStatus{}}
}

// Handle applies one deltas message and acknowledges what is durable.
// The error says why a message was dropped or not acknowledged.
func (in *Intake) Handle(ctx context.Context, topic string, payload []byte) error {
	addr, ok := wire.ParseTopic(topic)
	if !ok || addr.Kind != wire.KindDeltas {
		return in.drop(&in.ctr.Malformed, fmt.Errorf("intake: %q is not a deltas topic", topic))
	}
	b, err := wire.DecodeBatch(payload)
	if err != nil {
		return in.drop(&in.ctr.Malformed, fmt.Errorf("intake: %s: %w", topic, err))
	}
	if b.Site != addr.Site || b.Gateway != addr.Gateway {
		return in.drop(&in.ctr.Malformed, fmt.Errorf("intake: %s carries a batch of %s/%s", topic, b.Site, b.Gateway))
	}
	if len(in.cfg.Gateways) > 0 && !slices.Contains(in.cfg.Gateways, b.Gateway) {
		return in.drop(&in.ctr.UnknownGateway, fmt.Errorf("intake: gateway %q is not in the relay's gateways list", b.Gateway))
	}
	return in.apply(ctx, b)
}

func (in *Intake) apply(ctx context.Context, b *wire.Batch) error {
	key := streamKey(b.Gateway, b.Epoch)
	applied, err := in.app.ApplyBatch(ctx, key, sequenced(b))
	gapErr := errors.Is(err, stock.ErrSeqGap)
	if err != nil && !gapErr {
		in.count(in.refusal(err))
		return fmt.Errorf("intake: applying %s seq %d-%d: %w", b.Gateway, b.First, b.Last, err)
	}
	in.noteGap(b, key, applied, gapErr)
	in.count(&in.ctr.Batches)
	if applied == 0 {
		return nil
	}
	ack := wire.Encode(&wire.Ack{Epoch: b.Epoch, Upto: applied})
	if err := in.pub.Publish(wire.Topic(b.Site, b.Gateway, wire.KindAck), ack, false); err != nil {
		return fmt.Errorf("intake: acknowledging %s up to %d: %w", b.Gateway, applied, err)
	}
	return nil
}

// refusal is the counter of a batch the engine did not apply. Nothing of
// it is acknowledged: the gateway keeps it until the binding is fixed.
func (in *Intake) refusal(err error) *uint64 {
	switch {
	case errors.Is(err, stock.ErrWrongSite):
		return &in.ctr.WrongSite
	case errors.Is(err, stock.ErrUnknownGateway):
		return &in.ctr.UnknownGateway
	}
	return &in.ctr.Failed
}

func (in *Intake) drop(c *uint64, err error) error {
	in.count(c)
	in.log.Warn("deltas dropped", "err", err)
	return err
}

func (in *Intake) count(c *uint64) { atomic.AddUint64(c, 1) }
