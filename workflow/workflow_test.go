package workflow

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/ledger"
)

type step struct {
	data   string
	gap    time.Duration
	status Status
	err    error  // sentinel the rejection wraps
	fb     string // bytes the scanner receives (Honeywell Host ACK)
}

const (
	good = "\x1b7,"
	bad  = "\x1b8,"
	ack  = "\x1ba,"
)

// TestFullWorkflow drives a station through receiving, picking, moving,
// returns, counting and undo on a real ledger and checks every outcome,
// the feedback bytes and the resulting balances.
func TestFullWorkflow(t *testing.T) {
	r := newRig(t, testConfig(), feedback.Honeywell{})
	sec := time.Second
	steps := []step{
		{"]E05901234123457", sec, StatusRejected, ErrWrongMode, bad},                       // no mode yet
		{"CMD:RECEIVE", sec, StatusChanged, nil, ack},                                      //
		{"]E05901234123457", sec, StatusRejected, ErrNoLocation, bad},                      // no location
		{"LOC:A-01-01", sec, StatusChanged, nil, ack},                                      //
		{"USR:ANNA", sec, StatusChanged, nil, ack},                                         //
		{"QTY:12", sec, StatusChanged, nil, ack},                                           //
		{"]E05901234123457", sec, StatusPosted, nil, good},                                 // receive 12 MUG-RED
		{"]E05901234123457", 100 * time.Millisecond, StatusDebounced, nil, ""},             // double trigger
		{"]E05901234123457", sec, StatusPosted, nil, good},                                 // +1
		{"]E05901234123458", sec, StatusRejected, ErrBadScan, bad},                         // bad check digit
		{"]E04006381333931", sec, StatusRejected, ErrUnknownItem, bad},                     // valid EAN, not ours
		{"]C1\x1d0109506000134352\x1d1713023010LOT", sec, StatusRejected, ErrBadScan, bad}, // Feb 30
		{"QTY:0", sec, StatusRejected, ErrQuantity, bad},                                   // 0 only when counting
		{"QTY:100000", sec, StatusRejected, ErrQuantity, bad},                              // over max
		{"]C10109506000134352", sec, StatusPosted, nil, good},                              // receive TEA-50 at default cost
		{"CMD:UNDO", sec, StatusPosted, nil, good},                                         // adjust -1 TEA-50
		{"CMD:UNDO", sec, StatusRejected, ErrNothingToUndo, bad},                           //
		{"ORD-1001", sec, StatusRejected, ErrWrongMode, bad},                               // order in receive mode
		{"CMD:PICK", sec, StatusChanged, nil, ack},                                         //
		{"ORD-1001", sec, StatusChanged, nil, ack},                                         //
		{"QTY:3", sec, StatusChanged, nil, ack},                                            //
		{"mug red", sec, StatusPosted, nil, good},                                          // sale 3 by alias
		{"CMD:MOVE", sec, StatusChanged, nil, ack},                                         //
		{"QTY:5", sec, StatusChanged, nil, ack},                                            //
		{"]E05901234123457", sec, StatusChanged, nil, ack},                                 // item waits for destination
		{"B-02-03", sec, StatusPosted, nil, good},                                          // transfer 5 A-01-01 -> B-02-03 (pattern)
		{"CMD:UNDO", sec, StatusPosted, nil, good},                                         // transfer back
		{"CMD:COUNT", sec, StatusChanged, nil, ack},                                        //
		{"]E05901234123457", sec, StatusRejected, ErrQuantity, bad},                        // count needs a quantity
		{"QTY:9", sec, StatusChanged, nil, ack},                                            //
		{"]E05901234123457", sec, StatusPosted, nil, good},                                 // count 9 at A-01-01
		{"CMD:UNDO", sec, StatusRejected, ErrNothingToUndo, bad},                           // counts are not undone
		{"CMD:NOPE", sec, StatusRejected, ErrBadScan, bad},                                 //
	}
	for i, s := range steps {
		r.fb.Reset()
		o := r.scan(s.data, s.gap)
		if o.Status != s.status || s.err != nil && !errors.Is(o.Err, s.err) || s.err == nil && o.Err != nil {
			t.Fatalf("step %d %q: status %v err %v; want %v %v", i, s.data, o.Status, o.Err, s.status, s.err)
		}
		if got := r.fb.String(); got != s.fb {
			t.Fatalf("step %d %q: feedback %q, want %q", i, s.data, got, s.fb)
		}
	}
	checkBalances(t, r, map[[2]string]int64{
		{"MUG-RED", "A-01-01"}: 9, {"MUG-RED", "B-02-03"}: 0, {"TEA-50", "A-01-01"}: 0,
	})
}

func checkBalances(t *testing.T, r *rig, want map[[2]string]int64) {
	t.Helper()
	for k, n := range want {
		if got := r.balance(t, k[0], k[1]); got != n {
			t.Errorf("%s at %s = %d, want %d", k[0], k[1], got, n)
		}
	}
}

// TestEventsCarryUserDeviceAndOrder checks the recorded events.
func TestEventsCarryUserDeviceAndOrder(t *testing.T) {
	r := newRig(t, testConfig(), feedback.BEL{})
	for _, d := range []string{"CMD:RECEIVE", "LOC:A-01-01", "USR:ANNA", "QTY:4", "]E05901234123457",
		"CMD:PICK", "ORD-77", "]E05901234123457"} {
		r.scan(d, time.Second)
	}
	var got []ledger.Event
	if err := r.led.Log(ledger.LogFilter{}, func(e *ledger.Event) error { got = append(got, *e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d events", len(got))
	}
	rc, sale := got[0], got[1]
	if rc.Type != ledger.Receive || rc.Qty != 4 || rc.UnitCost != ledger.Cost(420) || rc.User != "ANNA" || rc.Device != "dock-1" {
		t.Errorf("receive %+v", rc)
	}
	if sale.Type != ledger.Sale || sale.Qty != 1 || sale.Order != "77" || sale.Location != "A-01-01" {
		t.Errorf("sale %+v", sale)
	}
	// six state changes (two BELs each) and two good reads (one each)
	if want := bytes.Repeat([]byte{7}, 6*2+2); !bytes.Equal(r.fb.Bytes(), want) {
		t.Errorf("feedback %q, want %q", r.fb.Bytes(), want)
	}
}
