package scanner

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"
)

// FuzzFramer feeds the same bytes whole and in chunks cut at positions
// taken from cuts: short reads must never change the frames.
func FuzzFramer(f *testing.F) {
	f.Add([]byte("]C10109506000134352\x1d10ABC\r\n]E05901234123457\r"), []byte{3, 1, 7})
	f.Add([]byte("A\rB\nC\r\nD\n\rE\x03"), []byte{1, 1, 1, 1})
	f.Add(bytes.Repeat([]byte("0123456789"), 10), []byte{40})
	f.Fuzz(func(t *testing.T, data, cuts []byte) {
		cfg := Config{MaxLen: 32, Terminators: [][]byte{CRLF, CR, LF, ETX}}
		whole := frameAll(t, cfg, [][]byte{data})
		chunked := frameAll(t, cfg, chunks(data, cuts))
		if whole != chunked {
			t.Fatalf("chunking changed the frames:\nwhole   %s\nchunked %s", whole, chunked)
		}
	})
}

// frameAll frames chunks arriving 1 ms apart (below the idle gap) and
// ends the stream, checking each frame's invariants.
func frameAll(t *testing.T, cfg Config, parts [][]byte) string {
	rec := &recorder{}
	fr, err := NewFramer(cfg, func(f Frame) {
		checkFrame(t, cfg, f)
		rec.emit(f)
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range parts {
		fr.Feed(p, ms(i))
	}
	fr.End(ms(len(parts)))
	return rec.String()
}

func checkFrame(t *testing.T, cfg Config, f Frame) {
	switch {
	case len(f.Raw) > cfg.MaxLen+maxTermLen:
		t.Fatalf("frame of %d raw bytes exceeds max %d", len(f.Raw), cfg.MaxLen)
	case f.Err == nil && len(f.Data) == 0:
		t.Fatal("empty frame emitted")
	case !bytes.HasPrefix(f.Raw, f.Data):
		t.Fatalf("data %q is not the start of raw %q", f.Data, f.Raw)
	case f.Err != nil && !errors.Is(f.Err, ErrFrameTooLong) && !errors.Is(f.Err, ErrIncomplete):
		t.Fatalf("unexpected frame error %v", f.Err)
	}
}

func chunks(data, cuts []byte) [][]byte {
	var out [][]byte
	for _, c := range cuts {
		n := min(int(c)%8+1, len(data))
		out, data = append(out, data[:n]), data[n:]
	}
	return append(out, data)
}

// FuzzHIDDecode runs arbitrary bytes through the boot-report and evdev
// paths: no panics, only documented errors, and never more output bytes
// than key presses could type.
func FuzzHIDDecode(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/hid/*.hex")
	for _, path := range files {
		f.Add(bytes.Join(readHexRecords(f, path), nil))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := NewKeyDecoder(KeyConfig{FunctionKeys: map[int]byte{12: 0x1D}})
		var out []byte
		for r := data; len(r) > 0; r = r[min(len(r), BootReportLen):] {
			var err error
			out, err = d.Report(out, r[:min(len(r), BootReportLen)])
			checkKeyErr(t, err)
		}
		if len(out) > len(data) {
			t.Fatalf("%d bytes typed from %d bytes of reports", len(out), len(data))
		}
		decodeEvents(t, data)
		decodePOS(t, data)
	})
}

func decodeEvents(t *testing.T, data []byte) {
	d := NewKeyDecoder(KeyConfig{})
	for r := data; len(r) >= 24; r = r[24:] {
		ev, err := ParseInputEvent(r[:24])
		if err != nil {
			t.Fatal(err)
		}
		_, err = d.Event(nil, ev)
		checkKeyErr(t, err)
	}
}

func checkKeyErr(t *testing.T, err error) {
	if err != nil && !errors.Is(err, ErrKey) && !errors.Is(err, ErrReport) {
		t.Fatalf("undocumented error %v", err)
	}
}

func decodePOS(t *testing.T, data []byte) {
	d, err := NewPOSDecoder(DefaultPOSLayout())
	if err != nil {
		t.Fatal(err)
	}
	for r := data; len(r) > 0; r = r[min(len(r), 64):] {
		msg, _, err := d.Report(r[:min(len(r), 64)])
		if err != nil && !errors.Is(err, ErrReport) && !errors.Is(err, ErrFrameTooLong) || len(msg) > maxPOSMessage+3 {
			t.Fatalf("HID POS: %d-byte message, error %v", len(msg), err)
		}
	}
}
