package wire

import "time"

// Health is a gateway's periodic snapshot on its health topic. Ages and
// durations are in seconds; times are the gateway's clock (ClockSynced
// says whether to trust them).
type Health struct {
	V           int       `json:"v"`
	Site        string    `json:"site"`
	Gateway     string    `json:"gateway"`
	Boot        string    `json:"boot"`
	Time        time.Time `json:"time"`
	Version     string    `json:"version,omitempty"`
	UptimeS     int64     `json:"uptime_s"`
	ClockSynced bool      `json:"clock_synced"`
	// DiskFreeBytes is the free space of the ledger's filesystem; -1
	// when unknown.
	DiskFreeBytes int64          `json:"disk_free_bytes"`
	Backlog       BacklogHealth  `json:"backlog"`
	Link          LinkHealth     `json:"link"`
	Devices       []DeviceHealth `json:"devices"`
	// Alarms lists the active alarm names (see the Alarm constants).
	Alarms []string `json:"alarms"`
}

// Alarm names in Health.Alarms.
const (
	AlarmBacklog50       = "backlog_50"        // backlog at or above 50% of capacity
	AlarmBacklog80       = "backlog_80"        // at or above 80%
	AlarmBacklog95       = "backlog_95"        // at or above 95%
	AlarmBacklogFull     = "backlog_full"      // at capacity: events are still recorded
	AlarmRelayAckOverdue = "relay_ack_overdue" // PUBACKed deltas without a relay ack for too long
	AlarmBadAck          = "relay_ack_invalid" // the relay acked another epoch or beyond the head
	AlarmDisconnected    = "disconnected"      // no broker connection when the snapshot was taken
)

// BacklogHealth describes the outbox: events recorded but not yet
// acknowledged by the relay.
type BacklogHealth struct {
	Entries         uint64  `json:"entries"`
	Bytes           int64   `json:"bytes"` // ledger file size
	OldestUnackedS  float64 `json:"oldest_unacked_age_s"`
	LastAckedSeq    uint64  `json:"last_acked_seq"`
	Head            uint64  `json:"head"`
	Epoch           string  `json:"epoch"`
	CapacityPercent float64 `json:"capacity_percent"`
}

// LinkHealth describes the MQTT link and the delivery window.
type LinkHealth struct {
	Connected          bool      `json:"connected"`
	Session            uint64    `json:"session"`
	Reconnects         uint64    `json:"reconnects"`
	LastDisconnect     string    `json:"last_disconnect,omitempty"`
	LastDisconnectTime time.Time `json:"last_disconnect_time,omitzero"`
	RelayOnline        bool      `json:"relay_online"`
	InFlight           int       `json:"in_flight"` // delta messages sent, not relay-acked
	SentMessages       uint64    `json:"sent_messages"`
	Retransmits        uint64    `json:"retransmits"`
	HealthDropped      uint64    `json:"health_dropped"` // snapshots dropped while offline
}

// DeviceHealth is one scanner or reader as the daemon reports it.
type DeviceHealth struct {
	ID          string    `json:"id"`
	Kind        string    `json:"kind"`  // "rfid", "scanner"
	State       string    `json:"state"` // e.g. "up", "connecting", "down"
	LastRead    time.Time `json:"last_read,omitzero"`
	ReadsPerSec float64   `json:"reads_per_s"`
	Errors      uint64    `json:"errors"`
	LastError   string    `json:"last_error,omitempty"`
}
