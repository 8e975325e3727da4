package scanner

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readHexRecords reads a testdata/hid fixture: one record per line as
// hex bytes, "#" starting a comment.
func readHexRecords(t testing.TB, path string) [][]byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs [][]byte
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if line = strings.ReplaceAll(line, " ", ""); line == "" {
			continue
		}
		b, err := hex.DecodeString(line)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		recs = append(recs, b)
	}
	return recs
}

// fixtureConfig is the scanner setting each recording was made with.
func fixtureConfig(name string) KeyConfig {
	if strings.Contains(name, "f12") {
		return KeyConfig{FunctionKeys: map[int]byte{12: 0x1D}}
	}
	return KeyConfig{}
}

// TestHIDFixtures decodes the recorded reports and events, frames the
// output on CR as a keyboard-wedge source would, and compares it with
// the .want file.
func TestHIDFixtures(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/hid/*.hex")
	if len(files) == 0 {
		t.Fatal("no fixtures in testdata/hid")
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".hex")
		t.Run(name, func(t *testing.T) {
			got := decodeFixture(t, name, readHexRecords(t, path))
			want, err := os.ReadFile(strings.TrimSuffix(path, ".hex") + ".want")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("decoded %q, want %q", got, want)
			}
			if !strings.HasPrefix(name, "pos") { // HID POS reports delimit messages themselves
				checkFramed(t, got, want)
			}
		})
	}
}

func decodeFixture(t *testing.T, name string, recs [][]byte) []byte {
	if strings.HasPrefix(name, "pos") {
		return decodePOSFixture(t, recs)
	}
	d := NewKeyDecoder(fixtureConfig(name))
	var out []byte
	for i, r := range recs {
		var err error
		if strings.HasPrefix(name, "evdev") {
			var ev InputEvent
			if ev, err = ParseInputEvent(r); err == nil {
				out, err = d.Event(out, ev)
			}
		} else {
			out, err = d.Report(out, r)
		}
		if err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
	}
	return out
}

func checkFramed(t *testing.T, got, want []byte) {
	f, rec := newTestFramer(t, Config{Terminators: [][]byte{CR}})
	f.Feed(got, t0)
	if len(rec.frames) != 1 || !bytes.Equal(rec.frames[0].Data, bytes.TrimSuffix(want, CR)) {
		t.Errorf("framed: %s", rec)
	}
}

func TestKeyDecoderCombinations(t *testing.T) {
	tests := []struct {
		name    string
		reports [][]byte
		want    string
	}{
		{"Ctrl letters and brackets", reps(0x01, 0x04, 0x01, 0x2F, 0x01, 0x31, 0x01, 0x30), "\x01\x1b\x1c\x1d"},
		{"Ctrl 2 6 -", reps(0x01, 0x1F, 0x03, 0x1F, 0x01, 0x23, 0x01, 0x2D), "\x00\x00\x1e\x1f"},
		{"right Shift and right Ctrl", reps(0x20, 0x04, 0x10, 0x30), "A\x1d"},
		{"Alt+0 2 9 then Alt+2 5 6 wraps", append(alt(0x62, 0x5A, 0x61), alt(0x5A, 0x5D, 0x5E)...), "\x1d\x00"},
		{"keypad without Alt", reps(0, 0x59, 0, 0x62, 0, 0x63, 0, 0x58), "10.\r"},
		{"Tab Esc Backspace space", reps(0, 0x2B, 0, 0x29, 0, 0x2A, 0, 0x2C), "\t\x1b\b "},
		{"held key types once", [][]byte{{0, 0, 0x04, 0, 0, 0, 0, 0}, {0, 0, 0x04, 0x05, 0, 0, 0, 0}}, "ab"},
	}
	for _, tt := range tests {
		d := NewKeyDecoder(KeyConfig{})
		var out []byte
		for _, r := range tt.reports {
			var err error
			if out, err = d.Report(out, r); err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
		}
		if string(out) != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, out, tt.want)
		}
	}
}

// reps builds press+release report pairs from (modifiers, usage) pairs.
func reps(pairs ...byte) [][]byte {
	var out [][]byte
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, []byte{pairs[i], 0, pairs[i+1], 0, 0, 0, 0, 0}, make([]byte, 8))
	}
	return out
}

// alt types keypad usages with Left Alt held, then releases Alt.
func alt(keys ...byte) [][]byte {
	out := [][]byte{{0x04, 0, 0, 0, 0, 0, 0, 0}}
	for _, k := range keys {
		out = append(out, []byte{0x04, 0, k, 0, 0, 0, 0, 0}, []byte{0x04, 0, 0, 0, 0, 0, 0, 0})
	}
	return append(out, make([]byte, 8))
}

func TestKeyDecoderErrors(t *testing.T) {
	d := NewKeyDecoder(KeyConfig{})
	for _, tc := range []struct {
		report []byte
		err    error
	}{
		{[]byte{0, 0, 0x04}, ErrReport},
		{[]byte{0, 0, 1, 1, 1, 1, 1, 1}, ErrReport},
		{[]byte{0, 0, 0x45, 0, 0, 0, 0, 0}, ErrKey},    // F12 without a mapping
		{[]byte{0x01, 0, 0x37, 0, 0, 0, 0, 0}, ErrKey}, // Ctrl+. has no control character
	} {
		if _, err := d.Report(nil, tc.report); !errors.Is(err, tc.err) {
			t.Errorf("Report(% x) error = %v, want %v", tc.report, err, tc.err)
		}
	}
	if _, err := ParseInputEvent(make([]byte, 20)); !errors.Is(err, ErrEvent) {
		t.Errorf("ParseInputEvent(20 bytes) error = %v", err)
	}
	if _, err := d.Event(nil, InputEvent{Type: EvKey, Code: 240, Value: 1}); !errors.Is(err, ErrKey) {
		t.Errorf("Event(unknown keycode) error = %v", err)
	}
}

func TestInputEventSize(t *testing.T) {
	if InputEventSize(8) != 24 || InputEventSize(4) != 16 {
		t.Errorf("InputEventSize = %d, %d", InputEventSize(8), InputEventSize(4))
	}
}

// decodePOSFixture expects exactly one message, completed by the last report.
func decodePOSFixture(t *testing.T, recs [][]byte) []byte {
	d, err := NewPOSDecoder(DefaultPOSLayout())
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range recs {
		msg, done, err := d.Report(r)
		if err != nil || done != (i == len(recs)-1) {
			t.Fatalf("report %d: done=%t err=%v", i+1, done, err)
		}
		if done {
			return bytes.Clone(msg)
		}
	}
	return nil
}

func TestPOSDecoderErrors(t *testing.T) {
	d, _ := NewPOSDecoder(DefaultPOSLayout())
	bad := make([]byte, 64)
	bad[0], bad[1] = 2, 57
	for _, r := range [][]byte{make([]byte, 63), append([]byte{1}, make([]byte, 63)...), bad} {
		if _, _, err := d.Report(r); !errors.Is(err, ErrReport) {
			t.Errorf("Report(% x...) error = %v, want ErrReport", r[:2], err)
		}
	}
	more := make([]byte, 64)
	more[0], more[1], more[63] = 2, 56, 1
	var err error
	for i := 0; i < maxPOSMessage/56+1 && err == nil; i++ {
		_, _, err = d.Report(more)
	}
	if !errors.Is(err, ErrFrameTooLong) {
		t.Errorf("endless 'more data' error = %v, want ErrFrameTooLong", err)
	}
	if _, err := NewPOSDecoder(POSLayout{Size: 8, DataAt: 5, DataMax: 56}); !errors.Is(err, ErrConfig) {
		t.Errorf("bad layout error = %v", err)
	}
}
