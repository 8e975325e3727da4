package scanner

import "fmt"

// BootReportLen is the size of a HID boot-protocol keyboard report:
// modifiers, a reserved byte and six key slots.
const BootReportLen = 8

// Report decodes one boot keyboard report, appending the bytes typed to
// dst. A key types when it appears in a report, so a release report
// between presses is optional, but a key held across two reports types
// once. A rollover report (too many keys) is skipped with ErrReport.
func (d *KeyDecoder) Report(dst, report []byte) ([]byte, error) {
	if len(report) != BootReportLen {
		return dst, fmt.Errorf("%w: %d bytes, a boot keyboard report has %d; is the device in boot protocol?",
			ErrReport, len(report), BootReportLen)
	}
	keys := report[2:]
	if keys[0] == usageRollOver {
		return dst, fmt.Errorf("%w: keyboard rollover error; the scanner sends keys too fast or together", ErrReport)
	}
	dst = d.setMods(dst, report[0])
	var firstErr error
	for _, k := range keys {
		if k == 0 || held(d.prev[:], k) {
			continue
		}
		var err error
		if dst, err = d.press(dst, k); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	copy(d.prev[:], keys)
	return dst, firstErr
}

func held(prev []byte, k byte) bool {
	for _, p := range prev {
		if p == k {
			return true
		}
	}
	return false
}
