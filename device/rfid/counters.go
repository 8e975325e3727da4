package rfid

// Counters are the inventory's running totals, for health reports.
type Counters struct {
	// Reads is the number of reads accepted.
	Reads uint64
	// UnknownAntenna counts reads from a (reader, port) in no location.
	UnknownAntenna uint64
	// GatedOut counts reads at a gated zone outside its trigger window.
	GatedOut uint64
	// BadEPCLength counts reads with an empty EPC or one longer than
	// max_epc_bytes.
	BadEPCLength uint64
	// TimeBackwards counts reads older than their tag's last read (used
	// at the last read's time) and Ticks older than the previous Tick
	// (ignored).
	TimeBackwards uint64
	// NoTimestamp counts reads without a Seen time, taken at the latest
	// time the inventory knows.
	NoTimestamp uint64
	// MalformedEPC and UnknownScheme count new tags whose EPC breaks the
	// Tag Data Standard or has a header it does not decode; they are
	// still tracked.
	MalformedEPC  uint64
	UnknownScheme uint64
	// Evicted counts tags dropped to make room; EvictedPresent those of
	// them that were still present.
	Evicted        uint64
	EvictedPresent uint64
	// Event totals.
	Arrived, Moved, Departed, AgedOut uint64
	// Tracked is the number of tags in the table now.
	Tracked int
}

// Counters returns a snapshot of the counters.
func (inv *Inventory) Counters() Counters {
	c := inv.c
	c.Tracked = inv.t.used()
	return c
}
