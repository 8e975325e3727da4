package relay

import (
	"errors"
	"time"
)

// The errors of a store of connections (the relay's store keeps each
// channel's sealed token; relay/connect uses it).
var (
	// ErrConnectionChanged means the connection's stored version is no
	// longer the one read: another instance refreshed it, or `relay
	// connect` replaced it. Load it again.
	ErrConnectionChanged = errors.New("connect: the stored connection changed meanwhile")
	// ErrNotConnected means no connection is stored for the channel.
	ErrNotConnected = errors.New("connect: not connected")
)

// ConnectionRecord is one channel's sealed connection as a store keeps
// it. The stores know only these bytes; relay/connect seals and opens
// them.
type ConnectionRecord struct {
	Channel Channel
	// Sealed is the vault's output.
	Sealed []byte
	// Version grows by one with every save; 0 is "none stored".
	Version uint64
	// Updated is when it was last saved, by the store's clock.
	Updated time.Time
}
