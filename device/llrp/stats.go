package llrp

import (
	"sync"
	"sync/atomic"
	"time"
)

// State is where a client's session is.
type State int32

// Session states, as reported in Stats.
const (
	StateStopped State = iota
	StateConnecting
	StateConfiguring
	StateReading
	StateBackoff
)

func (s State) String() string {
	return [...]string{"stopped", "connecting", "configuring", "reading", "backoff"}[s]
}

// Stats is a snapshot of a client's health, for health reporting.
type Stats struct {
	State          State
	Reads          uint64  // reads handed to the consumer
	ReadsPerSecond float64 // over the last second
	Drops          uint64  // reads dropped because the consumer lagged
	Reconnects     uint64  // sessions that ended in an error
	LastError      string  // the last session error, "" if none
	Err            error   // the same error, for errors.Is
	LastErrorAt    time.Time
	ClockSkew      time.Duration // reader UTC clock minus gateway clock
	Version        uint8         // negotiated LLRP version, 0 before
	Capabilities   Capabilities  // of the connected reader
}

// counters are updated by the session goroutines and read by Stats.
type counters struct {
	state      atomic.Int32
	reads      atomic.Uint64
	drops      atomic.Uint64
	reconnects atomic.Uint64
	skew       atomic.Int64
	rate       atomic.Uint64 // reads per second ×1000

	mu      sync.Mutex
	lastErr string
	err     error
	errAt   time.Time
	caps    Capabilities
}

func (c *counters) setError(err error, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lastErr, c.err, c.errAt = err.Error(), err, at
}

func (c *counters) setCaps(caps Capabilities) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.caps = caps
}

func (c *counters) snapshot() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Stats{
		State: State(c.state.Load()), Reads: c.reads.Load(), Drops: c.drops.Load(),
		ReadsPerSecond: float64(c.rate.Load()) / 1000, Reconnects: c.reconnects.Load(),
		LastError: c.lastErr, Err: c.err, LastErrorAt: c.errAt, ClockSkew: time.Duration(c.skew.Load()),
		Version: c.caps.Version, Capabilities: c.caps,
	}
}
