package fleet

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/edged/edged/relay"
)

// ErrDeposed means this instance no longer owns the channel; it wraps
// relay.ErrNotOwner.
var ErrDeposed = fmt.Errorf("fleet: %w", relay.ErrNotOwner)

// Lease is a channel's push lease as the store holds it.
type Lease struct {
	Channel relay.Channel `json:"channel"`
	Owner   string        `json:"owner"`
	Epoch   uint64        `json:"epoch"`
	// Remaining is how long the lease runs from the store's clock; ≤ 0
	// when expired.
	Remaining  time.Duration `json:"remaining"`
	AcquiredAt time.Time     `json:"acquired_at"`
	// Forced says the lease was just taken from an owner whose session
	// with the store had ended before the lease ran out. That owner may
	// still be alive (cut off from the store), so its last pushes may land
	// until the push timeout has passed.
	Forced bool `json:"-"`
}

// Instance is one running relay.
type Instance struct {
	ID        string    `json:"id"`
	Version   string    `json:"version"`
	Host      string    `json:"host"`
	Started   time.Time `json:"started"`
	Heartbeat time.Time `json:"heartbeat"`
	// Age is how long ago the heartbeat was, from the store's clock.
	Age time.Duration `json:"age"`
}

// LeaseStore keeps the leases; pgstore.Store is one.
type LeaseStore interface {
	// Acquire takes ch for owner when the lease is free or expired (a new
	// epoch), or renews it when owner holds it; the result names whoever
	// holds the lease afterwards.
	Acquire(ctx context.Context, ch relay.Channel, owner string, ttl time.Duration) (Lease, error)
	// Check returns how long owner's lease at epoch still runs, or
	// ErrDeposed.
	Check(ctx context.Context, ch relay.Channel, owner string, epoch uint64) (time.Duration, error)
	// Vacant lists the channels held by others whose lease ran out or
	// whose owner's session ended: the ones worth an Acquire now.
	Vacant(ctx context.Context, owner string) ([]relay.Channel, error)
	// Release gives the lease up so that another instance takes it at once.
	Release(ctx context.Context, ch relay.Channel, owner string, epoch uint64) error
	Heartbeat(ctx context.Context, in Instance) error
	// Fleet lists the instances and the leases.
	Fleet(ctx context.Context) ([]Instance, []Lease, error)
}

// Local is the LeaseStore of a relay alone on its store: it always grants
// the lease, at epoch 1.
type Local struct {
	mu   sync.Mutex
	self Instance
}

// Acquire implements LeaseStore.
func (l *Local) Acquire(_ context.Context, ch relay.Channel, owner string, ttl time.Duration) (Lease, error) {
	return Lease{Channel: ch, Owner: owner, Epoch: 1, Remaining: ttl}, nil
}

// Check implements LeaseStore.
func (l *Local) Check(context.Context, relay.Channel, string, uint64) (time.Duration, error) {
	return time.Hour, nil
}

// Vacant implements LeaseStore: nothing is ever held by another.
func (l *Local) Vacant(context.Context, string) ([]relay.Channel, error) { return nil, nil }

// Release implements LeaseStore.
func (l *Local) Release(context.Context, relay.Channel, string, uint64) error { return nil }

// Heartbeat implements LeaseStore.
func (l *Local) Heartbeat(_ context.Context, in Instance) error {
	l.mu.Lock()
	l.self = in
	l.mu.Unlock()
	return nil
}

// Fleet implements LeaseStore: this instance alone.
func (l *Local) Fleet(context.Context) ([]Instance, []Lease, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.self.ID == "" {
		return nil, nil, nil
	}
	return []Instance{l.self}, nil, nil
}
