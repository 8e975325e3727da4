package workflow

import (
	"bytes"
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/barcode"
	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/ledger"
)

// FuzzClassify: any bytes classify without panicking, prefixed tokens
// keep their value and quantities are either valid or -1.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{"CMD:RECEIVE", "LOC:A-01-01", "QTY:12", "QTY:-1", "QTY:99999999999",
		"]C1\x1d00095060001343527691", "ORD-1", "USR:ANNA", "A-01-02", "]E05901234123457", "\x00\xff", "12"} {
		f.Add([]byte(s))
	}
	rules, err := NewRules(Config{LocationPattern: `^[A-Z]-\d{2}-\d{2}$`, LPNPattern: `^LPN\d+$`, BareQuantityMax: 99})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var dec barcode.Decoder
		tok := rules.class.classify(data, &dec)
		switch tok.Kind {
		case KindQuantity:
			if tok.Qty < -1 || tok.Qty > 9_999_999_999 {
				t.Fatalf("qty %d from %q", tok.Qty, data)
			}
		case KindLPN:
			if tok.Value == "" {
				t.Fatalf("empty LPN from %q", data)
			}
		}
	})
}

// checkingRecorder accepts every valid event, like a ledger with
// unlimited stock, and fails the fuzz run on an invalid one or on an id
// reused for a different event.
type checkingRecorder struct {
	t    *testing.T
	seen map[string]ledger.Event
}

func (r *checkingRecorder) Append(_ context.Context, e ledger.Event) (ledger.Result, error) {
	if err := e.Validate(); err != nil {
		r.t.Fatalf("the station built an invalid event %+v: %v", e, err)
	}
	if prev, ok := r.seen[e.ID]; ok && !reflect.DeepEqual(prev, e) {
		r.t.Fatalf("id %s reused: %+v then %+v", e.ID, prev, e)
	}
	r.seen[e.ID] = e
	return ledger.Result{Seq: uint64(len(r.seen))}, nil
}

// FuzzStation feeds arbitrary scans (one per line) to a station: it
// never panics, never builds an invalid event, plays exactly one signal
// for every scan that is not debounced, and posts only for scans it
// reports as posted.
func FuzzStation(f *testing.F) {
	f.Add([]byte("CMD:RECEIVE\nLOC:A-01-01\nQTY:3\n]E05901234123457\nCMD:UNDO\nCMD:MOVE\nmug red\nB-02-03\nCMD:UNDO"))
	f.Add([]byte("CMD:COUNT\nLOC:X\nQTY:0\n]C10109506000134352\nCMD:RETURN\nCMD:DAMAGED\nORD:1\n\x00\xff\nQTY:99999999999"))
	rules, err := NewRules(testConfig())
	if err != nil {
		f.Fatal(err)
	}
	cat := testCatalog(f)
	f.Fuzz(func(t *testing.T, script []byte) {
		rec := &checkingRecorder{t: t, seen: map[string]ledger.Event{}}
		var beeps bytes.Buffer
		st := NewStation(StationConfig{Name: "fz", Rules: rules, Catalog: cat, Recorder: rec,
			Feedback: feedback.NewWriter(&beeps, feedback.Datalogic{})})
		at := t0
		for i, line := range bytes.Split(script, []byte("\n")) {
			at = at.Add(time.Duration(i%3) * 300 * time.Millisecond)
			before, posts := beeps.Len(), len(rec.seen)
			o := st.Handle(context.Background(), scanner.Frame{Scan: device.Scan{Data: line, Raw: line, At: at}})
			checkOutcome(t, o, beeps.Len()-before, len(rec.seen)-posts)
		}
	})
}

func checkOutcome(t *testing.T, o Outcome, beepBytes, posts int) {
	switch {
	case o.Status == StatusDebounced && beepBytes != 0:
		t.Fatalf("debounced scan %q played feedback", o.Data)
	case o.Status != StatusDebounced && beepBytes == 0:
		t.Fatalf("scan %q (%v) played no feedback", o.Data, o.Status)
	case o.Status == StatusPosted && posts != 1, o.Status != StatusPosted && posts != 0:
		t.Fatalf("scan %q is %v but made %d posts", o.Data, o.Status, posts)
	case o.Status == StatusRejected && o.Err == nil:
		t.Fatalf("scan %q rejected without a reason", o.Data)
	}
}
