package connect

import (
	"context"
	"errors"
	"fmt"

	"github.com/edged/edged/relay"
)

// The store's errors and record, declared in relay so that the stores
// need not import this package.
var (
	// ErrConflict: see [relay.ErrConnectionChanged].
	ErrConflict = relay.ErrConnectionChanged
	// ErrNotConnected: see [relay.ErrNotConnected].
	ErrNotConnected = relay.ErrNotConnected
)

// Record is one channel's sealed connection as stored.
type Record = relay.ConnectionRecord

// Store keeps one sealed connection per channel. Implementations are
// safe for concurrent use and shared by every instance of the relay.
type Store interface {
	// Connection returns ch's record, or ErrNotConnected.
	Connection(ctx context.Context, ch relay.Channel) (Record, error)
	// SaveConnection stores sealed as ch's connection if the stored
	// version is still version (0: none stored yet), durably, and returns
	// the new version; otherwise it fails with ErrConflict.
	SaveConnection(ctx context.Context, ch relay.Channel, sealed []byte, version uint64) (uint64, error)
	// Connections lists every stored connection by channel name.
	Connections(ctx context.Context) ([]Record, error)
}

// Save seals t and stores it as its channel's connection whatever was
// stored before, as `relay connect` does; it returns the new version.
func Save(ctx context.Context, s Store, v *Vault, t relay.Token) (uint64, error) {
	sealed, err := v.Seal(t)
	if err != nil {
		return 0, err
	}
	for range 5 { // a refresh by a running relay may land in between
		var have uint64
		r, err := s.Connection(ctx, t.Channel)
		switch {
		case err == nil:
			have = r.Version
		case !errors.Is(err, ErrNotConnected):
			return 0, err
		}
		ver, err := s.SaveConnection(ctx, t.Channel, sealed, have)
		if !errors.Is(err, ErrConflict) {
			return ver, err
		}
	}
	return 0, fmt.Errorf("%s: %w: it keeps changing; stop the other relays and connect again", t.Channel, ErrConflict)
}
