package scanner

import "fmt"

// POSLayout says where a HID POS scanner (usage page 0x8C, read through
// /dev/hidrawN) keeps its fields in an input report. Take it from the
// scanner's report descriptor; DefaultPOSLayout is a common one.
type POSLayout struct {
	ReportID byte // first byte of every report; 0 if the device uses no IDs
	Size     int  // report size in bytes, report ID included
	LengthAt int  // byte holding the number of data bytes in this report
	AIMAt    int  // first of 3 AIM identifier bytes; -1 if none
	DataAt   int  // first data byte
	DataMax  int  // data bytes per report
	MoreAt   int  // byte with the "more data follows" flag
	MoreMask byte // that flag's bit
}

// DefaultPOSLayout is the 64-byte report of the Access-IS LSR116/LSR118
// manuals: ID 2, length, AIM id, 56 data bytes, "more data" in byte 63.
func DefaultPOSLayout() POSLayout {
	return POSLayout{ReportID: 2, Size: 64, LengthAt: 1, AIMAt: 2, DataAt: 5, DataMax: 56, MoreAt: 63, MoreMask: 0x01}
}

// maxPOSMessage bounds a message spread over reports whose "more data"
// flag never clears (a confused or malicious device).
const maxPOSMessage = DefaultMaxLen

// POSDecoder joins HID POS reports into messages: the AIM identifier
// (from the first report) followed by the data of every report up to
// the one without "more data". It is not safe for concurrent use.
type POSDecoder struct {
	layout POSLayout
	msg    []byte
}

// NewPOSDecoder returns a decoder for reports in layout.
func NewPOSDecoder(layout POSLayout) (*POSDecoder, error) {
	if err := layout.Validate(); err != nil {
		return nil, err
	}
	return &POSDecoder{layout: layout, msg: make([]byte, 0, 256)}, nil
}

// Validate checks that every field lies inside the report.
func (l POSLayout) Validate() error {
	inside := func(at, n int) bool { return at >= 0 && at+n <= l.Size }
	if l.Size <= 0 || !inside(l.LengthAt, 1) || !inside(l.DataAt, l.DataMax) || !inside(l.MoreAt, 1) ||
		l.DataMax > 255 || l.AIMAt != -1 && !inside(l.AIMAt, 3) {
		return fmt.Errorf("%w: HID POS layout %+v has a field outside the %d-byte report", ErrConfig, l, l.Size)
	}
	return nil
}

// Report adds one report. When it completes a message, done is true and
// msg holds it until the next call. A bad report is skipped with
// ErrReport; an over-long message is dropped.
func (d *POSDecoder) Report(r []byte) (msg []byte, done bool, err error) {
	l := d.layout
	if len(r) != l.Size || l.ReportID != 0 && r[0] != l.ReportID {
		return nil, false, fmt.Errorf("%w: HID POS report of %d bytes with ID %d; want %d bytes with ID %d (check the layout against the report descriptor)",
			ErrReport, len(r), firstByte(r), l.Size, l.ReportID)
	}
	n := int(r[l.LengthAt])
	if n > l.DataMax {
		return nil, false, fmt.Errorf("%w: HID POS report says %d data bytes, at most %d fit", ErrReport, n, l.DataMax)
	}
	if len(d.msg) == 0 && l.AIMAt >= 0 && r[l.AIMAt] == ']' {
		d.msg = append(d.msg, r[l.AIMAt:l.AIMAt+3]...)
	}
	d.msg = append(d.msg, r[l.DataAt:l.DataAt+n]...)
	if len(d.msg) > maxPOSMessage {
		d.msg = d.msg[:0]
		return nil, false, fmt.Errorf("%w: HID POS message over %d bytes; dropped", ErrFrameTooLong, maxPOSMessage)
	}
	if r[l.MoreAt]&l.MoreMask != 0 {
		return nil, false, nil
	}
	msg, d.msg = d.msg, d.msg[:0]
	return msg, true, nil
}

func firstByte(b []byte) int {
	if len(b) == 0 {
		return -1
	}
	return int(b[0])
}
