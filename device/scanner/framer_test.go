package scanner

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

func ms(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }

// recorder collects frames as "data|raw|err" strings for compact checks.
type recorder struct{ frames []Frame }

func (r *recorder) emit(f Frame) { r.frames = append(r.frames, f) }

func (r *recorder) String() string {
	parts := make([]string, len(r.frames))
	for i, f := range r.frames {
		parts[i] = fmt.Sprintf("%q|%q", f.Data, f.Raw)
		if f.Err != nil {
			parts[i] += "|" + errName(f.Err)
		}
	}
	return strings.Join(parts, " ")
}

func errName(err error) string {
	switch {
	case errors.Is(err, ErrFrameTooLong):
		return "too-long"
	case errors.Is(err, ErrIncomplete):
		return "incomplete"
	}
	return err.Error()
}

func newTestFramer(t *testing.T, cfg Config) (*Framer, *recorder) {
	t.Helper()
	rec := &recorder{}
	f, err := NewFramer(cfg, rec.emit)
	if err != nil {
		t.Fatal(err)
	}
	return f, rec
}

// step is one Feed (data != "") or Flush (data == "") at a time in ms.
type step struct {
	at   int
	data string
}

func run(f *Framer, steps []step) {
	for _, s := range steps {
		if s.data == "" {
			f.Flush(ms(s.at))
		} else {
			f.Feed([]byte(s.data), ms(s.at))
		}
	}
}

func TestFramer(t *testing.T) {
	tests := []struct {
		name  string
		cfg   Config
		steps []step
		want  string
	}{
		{"CRLF is one terminator", Config{}, []step{{0, "]C1ABC\r\n]E0X\r\n"}},
			`"]C1ABC"|"]C1ABC\r\n" "]E0X"|"]E0X\r\n"`},
		{"CRLF split across reads", Config{}, []step{{0, "ABC\r"}, {10, ""}, {12, "\nDEF\r\n"}},
			`"ABC"|"ABC\r\n" "DEF"|"DEF\r\n"`},
		{"CR only ends at the next byte", Config{}, []step{{0, "ABC\rDEF\r"}},
			`"ABC"|"ABC\r"`},
		{"CR only ends at the idle gap", Config{}, []step{{0, "ABC\r"}, {49, ""}, {50, ""}},
			`"ABC"|"ABC\r"`},
		{"CR alone configured ends at once", Config{Terminators: [][]byte{CR}}, []step{{0, "ABC\r"}},
			`"ABC"|"ABC\r"`},
		{"bare LF then CR", Config{}, []step{{0, "A\n\rB\r\n"}}, `"A"|"A\n" "B"|"B\r\n"`},
		{"ETX", Config{Terminators: [][]byte{ETX}, Prefix: []byte{0x02}}, []step{{0, "\x02ABC\x03\x02D"}},
			`"ABC"|"\x02ABC\x03"`},
		{"idle gap without suffix", Config{Terminators: [][]byte{}}, []step{{0, "ABC"}, {30, "DEF"}, {79, ""}, {80, ""}},
			`"ABCDEF"|"ABCDEF"`},
		{"idle gap detected by the next byte", Config{Terminators: [][]byte{}}, []step{{0, "ABC"}, {200, "D"}},
			`"ABC"|"ABC"`},
		{"control bytes kept", Config{}, []step{{0, "[)>\x1e06\x1d1P\x00\x04\r"}, {60, ""}},
			`"[)>\x1e06\x1d1P\x00\x04"|"[)>\x1e06\x1d1P\x00\x04\r"`},
		{"stray terminators are not frames", Config{}, []step{{0, "\r\n\n\rA\n"}}, `"A"|"A\n"`},
		{"over-long frame", Config{MaxLen: 6}, []step{{0, "123456789\r\nOK\r\n"}},
			`"123456"|"123456"|too-long "OK"|"OK\r\n"`},
		{"over-long ends at the idle gap", Config{MaxLen: 4, Terminators: [][]byte{}}, []step{{0, "ABCDEFGH"}, {60, ""}, {61, "XY"}, {200, ""}},
			`"ABCD"|"ABCD"|too-long "XY"|"XY"`},
		{"custom multi-byte terminator", Config{Terminators: [][]byte{[]byte("<END>")}}, []step{{0, "A<EN"}, {1, "D>B<END>"}},
			`"A"|"A<END>" "B"|"B<END>"`},
		{"idle gap off", Config{IdleGap: -1}, []step{{0, "ABC"}, {10000, ""}}, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, rec := newTestFramer(t, tt.cfg)
			run(f, tt.steps)
			if got := rec.String(); got != tt.want {
				t.Errorf("frames:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestFramerTimesAndStats(t *testing.T) {
	f, rec := newTestFramer(t, Config{Scanner: "dock-1", MaxLen: 4})
	run(f, []step{{0, "AB"}, {5, "C\r"}, {6, "\n\n"}, {100, "TOOLONG\r"}, {200, "XY"}, {260, ""}})
	f.End(ms(300))
	if len(rec.frames) != 3 {
		t.Fatalf("frames: %s", rec)
	}
	first := rec.frames[0]
	if first.Scanner != "dock-1" || !first.Start.Equal(ms(0)) || !first.At.Equal(ms(6)) || !first.Terminated {
		t.Errorf("first frame: scanner %q start %v at %v terminated %t", first.Scanner, first.Start, first.At, first.Terminated)
	}
	if idle := rec.frames[2]; idle.Terminated || !idle.At.Equal(ms(200)) {
		t.Errorf("idle frame: terminated %t at %v, want false at 200ms", idle.Terminated, idle.At)
	}
	want := Stats{Frames: 2, TooLong: 1, Empty: 1, Dropped: 4}
	if got := f.Stats(); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
}

func TestFramerUnpluggedMidFrame(t *testing.T) {
	f, rec := newTestFramer(t, Config{})
	f.Feed([]byte("]C10109506"), ms(0))
	f.End(ms(3))
	if got := rec.String(); got != `"]C10109506"|"]C10109506"|incomplete` {
		t.Errorf("frames: %s", got)
	}
	if f.Stats().Incomplete != 1 {
		t.Errorf("stats = %+v", f.Stats())
	}
	f.Feed([]byte("AB\r"), ms(10)) // a held CR at the end of input is a complete frame
	f.End(ms(11))
	if got := rec.frames[len(rec.frames)-1]; got.Err != nil || string(got.Data) != "AB" {
		t.Errorf("held frame at End: %+v", got)
	}
}

func TestFramerDeadline(t *testing.T) {
	f, _ := newTestFramer(t, Config{})
	if _, ok := f.Deadline(); ok {
		t.Error("deadline with no open frame")
	}
	f.Feed([]byte("A"), ms(5))
	if d, ok := f.Deadline(); !ok || !d.Equal(ms(55)) {
		t.Errorf("Deadline = %v %t, want 55ms", d, ok)
	}
}

func TestConfigValidate(t *testing.T) {
	for _, cfg := range []Config{
		{Terminators: [][]byte{{}}},
		{Terminators: [][]byte{[]byte("123456789")}},
		{MaxLen: -1},
		{Terminators: [][]byte{}, IdleGap: -1},
	} {
		if _, err := NewFramer(cfg, func(Frame) {}); !errors.Is(err, ErrConfig) {
			t.Errorf("NewFramer(%+v) error = %v, want ErrConfig", cfg, err)
		}
	}
}

// timeoutReader plays a serial port with a read timeout: each chunk is one
// Read, "" is a timeout (0, nil), and the clock advances 10 ms per Read.
type timeoutReader struct {
	chunks []string
	clock  *time.Time
}

func (r *timeoutReader) Read(p []byte) (int, error) {
	*r.clock = r.clock.Add(10 * time.Millisecond)
	if len(r.chunks) == 0 {
		return 0, io.ErrUnexpectedEOF // the port vanished
	}
	c := r.chunks[0]
	r.chunks = r.chunks[1:]
	return copy(p, c), nil
}

func TestConsumeWithReadTimeouts(t *testing.T) {
	f, rec := newTestFramer(t, Config{Terminators: [][]byte{}})
	clock := t0
	r := &timeoutReader{chunks: []string{"]E0590", "1234123457", "", "", "", "", "", "]C1", "01"}, clock: &clock}
	err := f.Consume(r, func() time.Time { return clock })
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("Consume error = %v", err)
	}
	want := `"]E05901234123457"|"]E05901234123457" "]C101"|"]C101"|incomplete`
	if got := rec.String(); got != want {
		t.Errorf("frames:\n got %s\nwant %s", got, want)
	}
}
