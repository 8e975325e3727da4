package feedback

import (
	"bytes"
	"errors"
	"testing"
)

func TestDriversWriteTheProtocolBytes(t *testing.T) {
	tests := []struct {
		driver string
		sig    Signal
		want   []byte
	}{
		{"bel", Good, []byte{7}},
		{"bel", Ack, []byte{7, 7}},
		{"bel", Error, []byte{7, 7, 7}},
		{"honeywell", Good, []byte("\x1b7,")},
		{"honeywell", Error, []byte("\x1b8,")},
		{"honeywell", Ack, []byte("\x1ba,")},
		{"datalogic", Good, []byte{0x01}},
		{"datalogic", Error, []byte("F")},
		{"datalogic", Ack, []byte{0x01, 0x01}},
		// 05 E6 04 00 00: sum 0x00EF, checksum 0x10000-0xEF = 0xFF11.
		{"zebra-ssi", Good, []byte{0x05, 0xE6, 0x04, 0x00, 0x00, 0xFF, 0x11, 0x05, 0xE7, 0x04, 0x00, 0x01, 0xFF, 0x0F}},
		{"zebra-ssi", Ack, []byte{0x05, 0xE6, 0x04, 0x00, 0x01, 0xFF, 0x10}},
		{"zebra-ssi", Error, []byte{0x05, 0xE6, 0x04, 0x00, 0x1A, 0xFE, 0xF7}},
		{"none", Good, nil},
	}
	for _, tt := range tests {
		d, err := New(tt.driver)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := NewWriter(&out, d).Notify(tt.sig); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), tt.want) {
			t.Errorf("%s %s = % X, want % X", tt.driver, tt.sig, out.Bytes(), tt.want)
		}
	}
}

// TestSSIChecksum: the bytes of a packet plus its checksum sum to zero
// (mod 2^16), which is how the scanner checks it.
func TestSSIChecksum(t *testing.T) {
	p := SSIPacket(nil, 0xE6, 0x07)
	var sum uint16
	for _, b := range p[:len(p)-2] {
		sum += uint16(b)
	}
	if ck := uint16(p[len(p)-2])<<8 | uint16(p[len(p)-1]); sum+ck != 0 {
		t.Fatalf("packet % X does not sum to zero", p)
	}
}

func TestUnknownDriverNamesTheChoices(t *testing.T) {
	_, err := New("symbol")
	if !errors.Is(err, ErrUnknownDriver) || !bytes.Contains([]byte(err.Error()), []byte("zebra-ssi")) {
		t.Fatalf("err = %v", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("offline") }

func TestNotifyWrapsWriteErrors(t *testing.T) {
	if err := NewWriter(failWriter{}, BEL{}).Notify(Error); err == nil {
		t.Fatal("no error")
	}
}
