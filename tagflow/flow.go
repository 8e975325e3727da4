package tagflow

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"sync"

	"github.com/edged/edged/device/rfid"
	"github.com/edged/edged/ledger"
)

// Recorder is what the flow needs from the ledger.
type Recorder interface {
	Append(ctx context.Context, e ledger.Event) (ledger.Result, error)
	SerialOf(epc string) (ledger.Serial, bool, error)
	SerialsAt(loc string) ([]ledger.Serial, error)
}

// Catalog resolves tags to SKUs and gives standard costs.
type Catalog interface {
	GTIN(gtin string) (string, bool)
	EPC(uri string) (string, bool)
	UnitCost(sku string) (string, bool)
}

// Config names what the flow records on its events.
type Config struct {
	// Device is recorded as the event's device. Default "rfid".
	Device string `mapstructure:"device"`
	// User is recorded as the event's user. Default "rfid".
	User string `mapstructure:"user"`
	// ConfirmCycles is how many consecutive cycles of a count zone must
	// find the same difference before it posts (the recount that a
	// variance of tagged items needs). Default 2; 1 posts at once.
	ConfirmCycles int `mapstructure:"confirm_cycles"`
}

// Flow maps presence events to ledger events. Handle and Count may be
// called from one goroutine; SetOrder from any.
type Flow struct {
	rec    Recorder
	cat    Catalog
	cfg    Config
	log    *slog.Logger
	mu     sync.Mutex
	orders map[string]string // ship zone -> current order reference
	// pending are each count zone's unconfirmed findings, by key, with
	// the number of consecutive cycles that found them.
	pending map[string]map[string]int
	n       Counters
}

// New returns a flow; a nil logger discards.
func New(rec Recorder, cat Catalog, cfg Config, log *slog.Logger) *Flow {
	if cfg.Device == "" {
		cfg.Device = "rfid"
	}
	if cfg.User == "" {
		cfg.User = "rfid"
	}
	if cfg.ConfirmCycles <= 0 {
		cfg.ConfirmCycles = 2
	}
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Flow{rec: rec, cat: cat, cfg: cfg, log: log, orders: map[string]string{}, pending: map[string]map[string]int{}}
}

// SetOrder sets the order reference recorded on sales at a ship zone
// (the floor workflow scans it at the dock door); "" clears it.
func (f *Flow) SetOrder(zone, order string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.orders[zone] = order
}

func (f *Flow) order(zone string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.orders[zone]
}

// Handle records the movement an event means, if any. It returns the
// recorded event, or nil when nothing was recorded (the reason is
// counted). An error means the ledger itself failed.
func (f *Flow) Handle(ctx context.Context, ev rfid.Event) (*ledger.Event, error) {
	switch {
	case ev.Kind == rfid.Arrived && ev.To.Role == rfid.ReceivePortal:
		return f.receive(ctx, ev)
	case ev.Kind == rfid.Moved && ev.To.Role == rfid.ReceivePortal:
		return f.toReceivePortal(ctx, ev)
	case (ev.Kind == rfid.Arrived || ev.Kind == rfid.Moved) && ev.To.Role == rfid.ShipPortal:
		return f.ship(ctx, ev)
	case (ev.Kind == rfid.Arrived || ev.Kind == rfid.Moved) && ev.To.Role == rfid.Storage:
		return f.putAway(ctx, ev)
	}
	return nil, nil
}

// record appends e and sorts the outcome into the counters.
func (f *Flow) record(ctx context.Context, e ledger.Event, counter *uint64) (*ledger.Event, error) {
	res, err := f.rec.Append(ctx, e)
	switch {
	case errors.Is(err, ledger.ErrSerialOnHand):
		f.count(&f.n.AlreadyHeld)
		return nil, nil
	case err != nil && ledger.IsRejection(err):
		f.count(&f.n.Rejected)
		f.log.Warn("rfid movement refused", "epc", e.EPC, "type", e.Type, "err", err)
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("tagflow: recording %s of %s: %w", e.Type, e.EPC, err)
	}
	f.count(counter)
	if res.Event == nil { // a duplicate of an event already recorded
		return nil, nil
	}
	return res.Event, nil
}

func (f *Flow) event(typ ledger.Type, ev rfid.Event, key string) ledger.Event {
	epc := ev.EPC.String()
	return ledger.Event{ID: "rfid/" + epc + "/" + key + "/" + strconv.FormatInt(ev.At.UnixNano(), 10),
		Type: typ, Qty: 1, EPC: epc, Time: ev.At, Device: f.cfg.Device, User: f.cfg.User}
}
