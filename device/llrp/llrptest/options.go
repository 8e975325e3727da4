package llrptest

import (
	"log/slog"
	"time"
)

// Options configures a fake reader. Zero fields take the defaults named.
type Options struct {
	// Only101 makes the reader an LLRP 1.0.1 reader: it answers
	// GET_SUPPORTED_VERSION with ERROR_MESSAGE M_UnsupportedVersion.
	Only101 bool
	// SilentVersion makes the reader ignore GET_SUPPORTED_VERSION (as
	// golemu does) instead of answering.
	SilentVersion bool
	// DropOnV2 makes the reader close the connection when a message
	// carries the LLRP 1.1 version, as some 1.0.1 firmware does.
	DropOnV2 bool
	// RejectAddROSpec makes ADD_ROSPEC fail with M_ParameterError and
	// this description, as a reader refusing a setting does.
	RejectAddROSpec string
	// Antennas is the number of antenna ports. 0 means 4.
	Antennas uint16
	// Disconnected lists antenna ports reported as having no antenna.
	Disconnected []uint16
	// Tags is the tag population. 0 means 20.
	Tags int
	// Rate is the number of tag reads per second while inventory runs.
	// 0 means 100.
	Rate int
	// RSSIMin and RSSIMax bound the reported PeakRSSI in dBm. Zero
	// means -70 and -50.
	RSSIMin, RSSIMax int8
	// MoveEvery moves one random tag to another antenna at this period.
	// 0 means tags stay where they are (see Reader.MoveTag).
	MoveEvery time.Duration
	// ClockOffset is added to the real time in the reader's UTC
	// timestamps, to play a reader whose clock is wrong.
	ClockOffset time.Duration
	// Uptime makes the reader report timestamps since its boot instead
	// of UTC (a reader without a real-time clock).
	Uptime bool
	// EPC gives tag i its EPC-96. Nil means SGTIN-96s of one GTIN
	// (03893120000008) with serial i.
	EPC func(i int) [12]byte
	// Parked starts every tag out of the field (antenna 0); MoveTag
	// brings one in. A tag on antenna 0 is never read.
	Parked bool
	// Seed seeds the tag stream. 0 means 1.
	Seed uint64
	// Logger receives the fake's own log. Nil discards.
	Logger *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.Antennas == 0 {
		o.Antennas = 4
	}
	if o.Tags == 0 {
		o.Tags = 20
	}
	if o.Rate == 0 {
		o.Rate = 100
	}
	if o.RSSIMin == 0 && o.RSSIMax == 0 {
		o.RSSIMin, o.RSSIMax = -70, -50
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Fault is a misbehaviour injected into the current connection.
type Fault int

// Faults a reader or network can show.
const (
	// CloseMidFrame writes half of a report and closes the socket.
	CloseMidFrame Fault = iota + 1
	// HalfOpen stops all traffic both ways but keeps the socket open,
	// as a link whose far end vanished.
	HalfOpen
	// SlowWrites sends each message in small pieces with pauses.
	SlowWrites
	// SplitWrites sends each message in several small writes.
	SplitWrites
	// Garbage writes bytes that are not LLRP.
	Garbage
	// Reboot drops the connection without notice and forgets every
	// spec and setting, as a power-cycled reader does.
	Reboot
	// ImpossibleLength sends a header declaring a 2 GiB message.
	ImpossibleLength
	// UnknownMessage sends a message of a type LLRP does not define.
	UnknownMessage
	// TruncatedParameter sends a report whose TagReportData claims more
	// bytes than the message holds.
	TruncatedParameter
	// CloseEvent announces a ConnectionCloseEvent, as a reader shutting
	// down does, then closes.
	CloseEvent
	// EventBurst sends antenna, buffer, exception, GPI and ROSpec events;
	// a client must log them and carry on.
	EventBurst
)
