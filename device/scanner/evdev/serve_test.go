package evdev

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/device/scanner"
)

type nopCloser struct{ io.ReadWriter }

func (nopCloser) Close() error { return nil }

// serveAll runs Serve over recorded bytes and returns the frames.
func serveAll(t *testing.T, size int, data []byte) []scanner.Frame {
	t.Helper()
	var frames []scanner.Frame
	serve, err := Serve(Config{EventSize: size}, func(f scanner.Frame) { frames = append(frames, f) },
		func() time.Time { return time.Unix(0, 0) })
	if err != nil {
		t.Fatal(err)
	}
	rw := nopCloser{struct {
		io.Reader
		io.Writer
	}{bytes.NewReader(data), io.Discard}}
	if err := serve(context.Background(), rw); !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("serve: %v", err)
	}
	return frames
}

func TestRecordedEvdevFixtures(t *testing.T) {
	for _, tc := range []struct {
		name string
		size int
	}{{"evdev-gs1-ctrl-gs-64bit", 24}, {"evdev-sscc-alt-caps-32bit", 16}} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := os.ReadFile("../../../testdata/hid/" + tc.name + ".want")
			if err != nil {
				t.Fatal(err)
			}
			// .want is what the keys typed, Enter included: the frame's raw bytes.
			frames := serveAll(t, tc.size, readHex(t, "../../../testdata/hid/"+tc.name+".hex"))
			if len(frames) != 1 || frames[0].Err != nil || !bytes.Equal(frames[0].Raw, want) {
				t.Fatalf("frames %+v, want one %q", frames, want)
			}
		})
	}
}

// TestUnknownKeySpoilsOnlyItsFrame: a key with no character (a scanner
// set to another keyboard country) marks that frame bad; the next frame
// is fine.
func TestUnknownKeySpoilsOnlyItsFrame(t *testing.T) {
	var data []byte
	for _, code := range []uint16{2, 3, 240, 4, 28, 5, 6, 28} { // 1 2 <KEY_UNKNOWN> 3 Enter 4 5 Enter
		data = append(data, event(code, 1)...)
		data = append(data, event(code, 0)...)
	}
	frames := serveAll(t, 24, data)
	if len(frames) != 2 || !errors.Is(frames[0].Err, scanner.ErrKey) || frames[1].Err != nil || string(frames[1].Data) != "45" {
		t.Fatalf("frames %+v", frames)
	}
}

// TestUnplugMidFrame: the stream ends in the middle of a scan.
func TestUnplugMidFrame(t *testing.T) {
	data := append(event(2, 1), event(2, 0)...)
	data = append(data, event(3, 1)[:10]...) // half a record
	frames := serveAll(t, 24, data)
	if len(frames) != 1 || !errors.Is(frames[0].Err, scanner.ErrIncomplete) {
		t.Fatalf("frames %+v", frames)
	}
}

func event(code uint16, value int32) []byte {
	b := make([]byte, 24)
	binary.LittleEndian.PutUint16(b[16:], scanner.EvKey)
	binary.LittleEndian.PutUint16(b[18:], code)
	binary.LittleEndian.PutUint32(b[20:], uint32(value))
	return b
}

func readHex(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []byte
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		b, err := hex.DecodeString(strings.ReplaceAll(line, " ", ""))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b...)
	}
	return out
}
