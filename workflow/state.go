package workflow

import (
	"time"

	"github.com/edged/edged/ledger"
)

// state is what a station remembers between scans.
type state struct {
	mode     Mode
	location string // sticky until another location or a reset
	qty      int64  // pending quantity for the next item
	qtySet   bool   // qty was scanned (0 is a valid count)
	order    string
	user     string
	lpn      string
	damaged  bool   // the next return is damaged stock
	countID  string // count mode: the open count session lines go to
	moveSKU  string // move mode: item waiting for its destination
	moveQty  int64
	undo     *ledger.Event // last posted event, for undo
	activity time.Time     // last accepted scan
}

func (st *state) reset(mode Mode) {
	*st = state{mode: mode}
}

// State is a snapshot of a station, for logs and doctor.
type State struct {
	Mode     string `json:"mode"`
	Location string `json:"location,omitempty"`
	Qty      int64  `json:"pending_qty,omitempty"`
	Order    string `json:"order,omitempty"`
	User     string `json:"user,omitempty"`
	LPN      string `json:"lpn,omitempty"`
	MoveSKU  string `json:"move_sku,omitempty"`
	CountID  string `json:"count_id,omitempty"`
}

// State returns a snapshot of the station.
func (s *Station) State() State {
	st := s.st
	return State{Mode: st.mode.String(), Location: st.location, Qty: st.qty, Order: st.order,
		User: st.user, LPN: st.lpn, MoveSKU: st.moveSKU, CountID: st.countID}
}
