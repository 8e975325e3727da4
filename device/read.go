package device

import "time"

// TagRead is one RFID tag observation as a reader reported it, after the
// reader clock has been re-based onto the gateway clock.
type TagRead struct {
	// Reader names the reader (its configured id, not its address).
	Reader string
	// Antenna is the reader's 1-based antenna port.
	Antenna uint16
	// EPC is the tag's EPC bank contents (without PC bits). It aliases
	// the driver's buffer and is only valid during the callback; copy it
	// to keep it.
	EPC []byte
	// RSSI is the peak RSSI in centi-dBm (-6350 is -63.5 dBm); 0 means
	// not reported.
	RSSI int16
	// Seen is when the gateway believes the tag was last seen.
	Seen time.Time
	// Count is how many times the reader saw the tag since its last
	// report (at least 1).
	Count uint16
	// TID and User are the tag's TID and user memory words when the
	// reader was configured to read them; nil otherwise. Like EPC they
	// alias the driver's buffer and are only valid during the callback.
	TID, User []byte
}

// Scan is one barcode as framed from a scanner, before decoding.
type Scan struct {
	// Scanner names the scanner (its configured id).
	Scanner string
	// Data is the framed payload without terminators.
	Data []byte
	// Raw is the bytes as they arrived, terminators included, kept for
	// replay and logs.
	Raw []byte
	// At is when the frame completed.
	At time.Time
}
