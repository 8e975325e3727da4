package rfid

import (
	"encoding/hex"
	"strings"
	"time"

	"github.com/edged/edged/device/epc"
)

// Kind is what happened to a tag.
type Kind uint8

// Event kinds.
const (
	// Arrived: a tag not present (never seen, departed or aged out) was
	// read. To is where.
	Arrived Kind = iota + 1
	// Moved: a present tag's location changed (From -> To).
	Moved
	// Departed: a present tag was not read for its zone's departure
	// threshold. From is its last location.
	Departed
	// AgedOut: a departed tag was forgotten after Config.AgeOut; a later
	// read is a new Arrived. From is its last location.
	AgedOut
)

var kindNames = [...]string{"", "Arrived", "Moved", "Departed", "AgedOut"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && k != 0 {
		return kindNames[k]
	}
	return "Kind(?)"
}

// EPC is a copy of a tag's EPC bytes, held by value so that events cost
// no allocation.
type EPC struct {
	n uint8
	b [maxEPCBytesLimit]byte
}

// Bytes returns the EPC bytes (aliasing e).
func (e *EPC) Bytes() []byte { return e.b[:e.n] }

// String returns the EPC in upper-case hex.
func (e EPC) String() string { return strings.ToUpper(hex.EncodeToString(e.b[:e.n])) }

// Identity decodes the EPC (see package epc); unknown schemes decode to a
// raw URI, malformed ones return an error.
func (e EPC) Identity() (epc.Identity, error) { return epc.Decode(e.b[:e.n]) }

// Place is a location with its zone and the zone's role. The zero Place
// means "nowhere" (From of an Arrived, To of a Departed).
type Place struct {
	Location string
	Zone     string
	Role     Role
}

// Event is one presence change.
type Event struct {
	Kind Kind
	EPC  EPC
	From Place
	To   Place
	// At is the read time for Arrived and Moved, the Tick time for
	// Departed and AgedOut.
	At time.Time
	// LastSeen is the tag's last read.
	LastSeen time.Time
}

func nsTime(ns int64) time.Time { return time.Unix(0, ns).UTC() }
