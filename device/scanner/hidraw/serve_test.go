package hidraw

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/device/scanner"
)

// reports returns one report per Read, like a hidraw node, then EOF.
type reports struct{ recs [][]byte }

func (r *reports) Read(p []byte) (int, error) {
	if len(r.recs) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.recs[0])
	r.recs = r.recs[1:]
	return n, nil
}
func (r *reports) Write(p []byte) (int, error) { return len(p), nil }
func (r *reports) Close() error                { return nil }

func serveAll(t *testing.T, recs [][]byte) []scanner.Frame {
	t.Helper()
	var frames []scanner.Frame
	serve, err := Serve(Config{Scanner: "pos-1"}, func(f scanner.Frame) { frames = append(frames, f) }, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	if err := serve(context.Background(), &reports{recs}); !errors.Is(err, io.EOF) {
		t.Fatalf("serve: %v", err)
	}
	return frames
}

func TestRecordedPOSFixtures(t *testing.T) {
	for _, name := range []string{"pos-gs1-datamatrix", "pos-long-two-reports"} {
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile("../../../testdata/hid/" + name + ".want")
			if err != nil {
				t.Fatal(err)
			}
			recs := readHex(t, "../../../testdata/hid/"+name+".hex")
			frames := serveAll(t, recs)
			if len(frames) != 1 || frames[0].Err != nil || !bytes.Equal(frames[0].Data, want) ||
				len(frames[0].Raw) != 64*len(recs) || frames[0].Scanner != "pos-1" {
				t.Fatalf("frames %+v, want one %q", frames, want)
			}
		})
	}
}

// TestBadReportAndUnplug: a report of the wrong size is a bad frame and
// decoding goes on; a symbol cut by an unplug is incomplete.
func TestBadReportAndUnplug(t *testing.T) {
	recs := readHex(t, "../../../testdata/hid/pos-long-two-reports.hex")
	frames := serveAll(t, [][]byte{make([]byte, 10), recs[0], recs[1], recs[0]})
	if len(frames) != 3 || !errors.Is(frames[0].Err, scanner.ErrReport) || frames[1].Err != nil ||
		!errors.Is(frames[2].Err, scanner.ErrIncomplete) {
		t.Fatalf("frames %+v", frames)
	}
}

func TestIsBarcodeScanner(t *testing.T) {
	for _, tc := range []struct {
		desc string
		want bool
	}{
		{"058c0902a101", true},                    // Usage Page (Bar Code Scanner), short
		{"068c000902a101", true},                  // two-byte form
		{"05010906a101050719e029e7", false},       // a keyboard
		{"fe0201aabb058c", true},                  // after a long item
		{"0601ff058c", true},                      // vendor page, then 0x8C
		{"06", false}, {"", false}, {"fe", false}, // truncated
	} {
		b, _ := hex.DecodeString(tc.desc)
		if got := IsBarcodeScanner(b); got != tc.want {
			t.Errorf("%s: %v", tc.desc, got)
		}
	}
}

func FuzzIsBarcodeScanner(f *testing.F) {
	f.Add([]byte{0x05, 0x8c})
	f.Add([]byte{0xfe, 0xff, 0x00})
	f.Fuzz(func(t *testing.T, desc []byte) { IsBarcodeScanner(desc) })
}

func readHex(t *testing.T, path string) [][]byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][]byte
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if line = strings.ReplaceAll(line, " ", ""); line == "" {
			continue
		}
		b, err := hex.DecodeString(line)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}
