package tagflow

import "sync/atomic"

// Counters say what the flow did with the events it was given.
type Counters struct {
	Received, Shipped, Transferred uint64 // movements recorded
	Found, Missing                 uint64 // count zone adjustments recorded
	AlreadyHeld                    uint64 // arrivals of tags the ledger already holds (not received twice)
	NotHeld                        uint64 // ships or moves of tags the ledger does not hold
	UnknownTag                     uint64 // tags the catalog cannot resolve
	NoCost                         uint64 // receipts refused for lack of a standard unit cost
	Rejected                       uint64 // movements the ledger refused
	PendingRecount                 uint64 // count zone differences waiting for the next cycle to confirm them
}

func (f *Flow) count(c *uint64) { atomic.AddUint64(c, 1) }

// Counters returns a snapshot.
func (f *Flow) Counters() Counters {
	var c Counters
	for _, p := range [][2]*uint64{
		{&c.Received, &f.n.Received}, {&c.Shipped, &f.n.Shipped}, {&c.Transferred, &f.n.Transferred},
		{&c.Found, &f.n.Found}, {&c.Missing, &f.n.Missing}, {&c.AlreadyHeld, &f.n.AlreadyHeld},
		{&c.NotHeld, &f.n.NotHeld}, {&c.UnknownTag, &f.n.UnknownTag}, {&c.NoCost, &f.n.NoCost},
		{&c.Rejected, &f.n.Rejected}, {&c.PendingRecount, &f.n.PendingRecount},
	} {
		*p[0] = atomic.LoadUint64(p[1])
	}
	return c
}
