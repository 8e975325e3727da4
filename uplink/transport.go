package uplink

import (
	"context"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/uplink/wire"
)

// Outbox is the ledger's outbox as the uplink uses it; *ledger.Ledger
// satisfies it.
type Outbox interface {
	// Pending returns up to max unacknowledged events after seq after.
	Pending(after uint64, max int) ([]ledger.Event, error)
	// Ack moves the acknowledged watermark to upto (cumulative).
	Ack(ctx context.Context, upto uint64) error
	// Status reports the epoch, head and watermark.
	Status() (ledger.Status, error)
}

// Message is one MQTT application message.
type Message struct {
	Topic   string
	Payload []byte
	QoS     byte
	Retain  bool
}

// Token completes when the broker has acknowledged a publish (PUBACK for
// QoS 1, written for QoS 0) or the publish failed. paho's mqtt.Token
// satisfies it.
type Token interface {
	Done() <-chan struct{}
	Error() error
}

// Conn is one connected MQTT session.
type Conn interface {
	// Publish queues m; it never blocks on the network.
	Publish(m Message) Token
	// Lost is closed when the connection is lost; Err then says why.
	Lost() <-chan struct{}
	Err() error
	// Close disconnects cleanly (the will is not published).
	Close()
}

// DialSpec is what a session needs at connect time.
type DialSpec struct {
	Will Message
	// Subscribe lists QoS 1 filters subscribed before Dial returns.
	Subscribe []string
	// OnMessage receives every inbound message, in the order the broker
	// sent them, with Retain set when the broker delivered a stored
	// retained message because of the subscription (MQTT 3.1.1
	// §3.3.1.3) rather than a message published while subscribed. It
	// must not block.
	OnMessage func(m Message)
}

// Dialer opens MQTT sessions (uplink/mqtt.Dialer).
type Dialer interface {
	Dial(ctx context.Context, spec DialSpec) (Conn, error)
}

// HealthProvider supplies what the uplink cannot measure itself. The
// daemon fills it from its devices and the host; it must be safe for
// concurrent use and fast.
type HealthProvider interface {
	HostHealth() HostHealth
}

// HostHealth is the daemon's part of a health snapshot.
type HostHealth struct {
	Devices       []wire.DeviceHealth
	DiskFreeBytes int64 // -1 when unknown
	ClockSynced   bool
}
