package workflow

import (
	"time"

	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/ledger"
)

// Status is what became of a scan.
type Status int

// Statuses.
const (
	StatusRejected  Status = iota // nothing recorded; Err says why
	StatusChanged                 // the station's state changed (command, location, ...)
	StatusPosted                  // an event was recorded durably
	StatusDuplicate               // the event id was already recorded (a retry); nothing new
	StatusDebounced               // a double scan, ignored
)

var statusText = [...]string{"rejected", "changed", "posted", "duplicate", "debounced"}

func (s Status) String() string { return statusText[s] }

// Outcome reports one handled scan.
type Outcome struct {
	Station string
	Data    string    // the frame's data (without terminator)
	At      time.Time // when the frame completed
	Token   Token
	Status  Status
	// Err is the rejection reason (wrapping a sentinel of this package
	// or a ledger rejection) when Status is StatusRejected.
	Err error
	// Event is the event posted (or refused by the ledger).
	Event *ledger.Event
	// Seq is the ledger sequence of a posted or duplicate event.
	Seq uint64
	// Count is the count line recorded in a count session (no event is
	// posted until the session is finished).
	Count *ledger.CountLine
	// Reset is true when the station was idle-reset before this scan.
	Reset bool
	// Signal is the feedback played (0: none); FeedbackErr its failure.
	Signal      feedback.Signal
	FeedbackErr error
}

// signal is the feedback for o's status.
func (o *Outcome) signal() feedback.Signal {
	switch o.Status {
	case StatusPosted, StatusDuplicate:
		return feedback.Good
	case StatusChanged:
		return feedback.Ack
	case StatusRejected:
		return feedback.Error
	}
	return 0
}
