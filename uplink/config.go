package uplink

import (
	"errors"
	"fmt"
	"time"

	"github.com/edged/edged/uplink/wire"
)

// Config tunes the uplink. The zero value of every field means its
// default; Site and Gateway are required.
type Config struct {
	// Site is the warehouse id, a topic level (a-z, 0-9, '-', '_', '.').
	Site string `mapstructure:"site"`
	// Gateway is this gateway's id: the MQTT client id, username and
	// certificate CN.
	Gateway string `mapstructure:"gateway"`
	// Window is how many deltas messages may be sent and not yet
	// acknowledged by the relay. Default 16; at most 100 (AWS IoT's
	// in-flight limit; keep it at or below the broker's).
	Window int `mapstructure:"window"`
	// RetransmitAfter: when the relay's ack has not moved for this long
	// while messages are outstanding, they are sent again in order.
	// Default 30 s. A relay coming online (its retained state) triggers
	// the same resend at once.
	RetransmitAfter time.Duration `mapstructure:"retransmit_after"`
	// AckAlarmAfter raises relay_ack_overdue when a PUBACKed message has
	// had no relay ack for this long. Default 2 min.
	AckAlarmAfter time.Duration `mapstructure:"ack_alarm_after"`
	// ReplayRate limits backlog messages per second; negative means no
	// limit. Default 50 (half of AWS IoT's 100 publishes/s).
	ReplayRate float64 `mapstructure:"replay_rate"`
	// ReplayBurst is the token bucket depth. Default Window.
	ReplayBurst int `mapstructure:"replay_burst"`
	// WaitForRelay holds deltas until the relay's retained state says
	// online.
	WaitForRelay bool `mapstructure:"wait_for_relay"`
	// PollInterval is how often the outbox is checked for new events
	// when Notify is not called, and timers are evaluated. Default 1 s.
	PollInterval time.Duration `mapstructure:"poll_interval"`
	// HealthInterval is the period of health snapshots. Default 60 s.
	HealthInterval time.Duration `mapstructure:"health_interval"`
	// HealthQueue is how many snapshots are kept while offline; the
	// oldest is dropped beyond it. Default 60.
	HealthQueue int `mapstructure:"health_queue"`
	// MaxBacklogEvents is the outbox capacity in events for the 50/80/95%
	// alarms; events are recorded beyond it all the same. Default 1,000,000.
	MaxBacklogEvents uint64 `mapstructure:"max_backlog_events"`
	// MaxBacklogBytes is the capacity in ledger file bytes. Default 256 MiB.
	MaxBacklogBytes int64 `mapstructure:"max_backlog_bytes"`
	// BackoffMin and BackoffMax bound the reconnect delay, which doubles
	// per failed attempt with full jitter. Defaults 1 s and 120 s.
	BackoffMin time.Duration `mapstructure:"backoff_min"`
	BackoffMax time.Duration `mapstructure:"backoff_max"`
}

const maxWindow = 100

// WithDefaults returns c with every zero field set to its default.
func (c Config) WithDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&c.RetransmitAfter, 30*time.Second)
	def(&c.AckAlarmAfter, 2*time.Minute)
	def(&c.PollInterval, time.Second)
	def(&c.HealthInterval, time.Minute)
	def(&c.BackoffMin, time.Second)
	def(&c.BackoffMax, 2*time.Minute)
	c.Window = orInt(c.Window, 16)
	c.ReplayBurst = orInt(c.ReplayBurst, c.Window)
	c.HealthQueue = orInt(c.HealthQueue, 60)
	if c.ReplayRate == 0 {
		c.ReplayRate = 50
	}
	if c.MaxBacklogEvents == 0 {
		c.MaxBacklogEvents = 1_000_000
	}
	if c.MaxBacklogBytes == 0 {
		c.MaxBacklogBytes = 256 << 20
	}
	return c
}

func orInt(v, d int) int {
	if v == 0 {
		return d
	}
	return v
}

// Validate returns every problem of c (after defaults), each naming its
// field as "uplink.<field>".
func (c Config) Validate() error {
	c = c.WithDefaults()
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("uplink.%s: "+format, append([]any{field}, args...)...))
	}
	if !wire.ValidID(c.Site) {
		bad("site", "%q must be 1-%d bytes of a-z, 0-9, '-', '_', '.'", c.Site, wire.MaxIDLen)
	}
	if !wire.ValidID(c.Gateway) {
		bad("gateway", "%q must be 1-%d bytes of a-z, 0-9, '-', '_', '.'", c.Gateway, wire.MaxIDLen)
	}
	if c.Window < 1 || c.Window > maxWindow {
		bad("window", "%d must be 1 to %d messages", c.Window, maxWindow)
	}
	for _, d := range []struct {
		field string
		v     time.Duration
	}{{"retransmit_after", c.RetransmitAfter}, {"ack_alarm_after", c.AckAlarmAfter}, {"poll_interval", c.PollInterval},
		{"health_interval", c.HealthInterval}, {"backoff_min", c.BackoffMin}, {"backoff_max", c.BackoffMax}} {
		if d.v < 0 {
			bad(d.field, "%s must be positive", d.v)
		}
	}
	if c.BackoffMax < c.BackoffMin {
		bad("backoff_max", "%s is below backoff_min %s", c.BackoffMax, c.BackoffMin)
	}
	if c.ReplayBurst < 1 || c.HealthQueue < 1 {
		bad("replay_burst", "replay_burst %d and health_queue %d must be at least 1", c.ReplayBurst, c.HealthQueue)
	}
	if c.MaxBacklogBytes < 0 {
		bad("max_backlog_bytes", "%d must be positive", c.MaxBacklogBytes)
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrConfig, errors.Join(errs...))
	}
	return nil
}
