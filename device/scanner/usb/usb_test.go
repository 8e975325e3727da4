package usb

import (
	"bufio"
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

func TestParseTarget(t *testing.T) {
	got, err := ParseTarget("05e0:1200/2")
	if err != nil || got != (Target{VID: 0x05e0, PID: 0x1200, Interface: 2}) || got.String() != "05e0:1200/2" {
		t.Fatalf("%+v %v", got, err)
	}
	for _, bad := range []string{"", "05e0", "05e0:zz", "1:2/x", "1:2/300", "10000:1"} {
		if _, err := ParseTarget(bad); !errors.Is(err, ErrTarget) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func FuzzParseTarget(f *testing.F) {
	f.Add("05e0:1200/0")
	f.Fuzz(func(t *testing.T, s string) {
		tg, err := ParseTarget(s)
		if err == nil {
			if again, err := ParseTarget(tg.String()); err != nil || again != tg {
				t.Fatalf("%q -> %+v does not round-trip: %+v %v", s, tg, again, err)
			}
		}
	})
}

// transfers returns one recorded interrupt transfer per Read, then EOF.
type transfers struct{ recs [][]byte }

func (r *transfers) Read(p []byte) (int, error) {
	if len(r.recs) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.recs[0])
	r.recs = r.recs[1:]
	return n, nil
}
func (r *transfers) Write(p []byte) (int, error) { return len(p), nil }
func (r *transfers) Close() error                { return nil }

func TestServeBootFixtures(t *testing.T) {
	for name, keys := range map[string]scanner.KeyConfig{
		"boot-gs1-ctrl-gs": {}, "boot-gs1-alt-keypad": {}, "boot-f12-gs": {FunctionKeys: map[int]byte{12: 0x1D}},
	} {
		want, err := os.ReadFile("../../../testdata/hid/" + name + ".want")
		if err != nil {
			t.Fatal(err)
		}
		var frames []scanner.Frame
		serve, err := ServeBoot(scanner.Config{}, keys, func(f scanner.Frame) { frames = append(frames, f) }, time.Now)
		if err != nil {
			t.Fatal(err)
		}
		err = serve(context.Background(), &transfers{readHex(t, "../../../testdata/hid/"+name+".hex")})
		if !errors.Is(err, io.EOF) || len(frames) != 1 || frames[0].Err != nil || string(frames[0].Raw) != string(want) {
			t.Errorf("%s: err %v frames %+v, want raw %q", name, err, frames, want)
		}
	}
}

func TestServeBootBadReportSpoilsItsFrame(t *testing.T) {
	var frames []scanner.Frame
	serve, _ := ServeBoot(scanner.Config{}, scanner.KeyConfig{}, func(f scanner.Frame) { frames = append(frames, f) }, time.Now)
	a, enter, up := []byte{0, 0, 0x04, 0, 0, 0, 0, 0}, []byte{0, 0, 0x28, 0, 0, 0, 0, 0}, make([]byte, 8)
	_ = serve(context.Background(), &transfers{[][]byte{a, up, {1, 2, 3}, enter, up, a, up, enter, up}})
	if len(frames) != 2 || !errors.Is(frames[0].Err, scanner.ErrReport) || frames[1].Err != nil || string(frames[1].Data) != "a" {
		t.Fatalf("frames %+v", frames)
	}
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
