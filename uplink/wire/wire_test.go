package wire_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/uplink/wire"
)

func testHeader() wire.Header {
	return wire.Header{Site: "wh1", Gateway: "gw-001", Epoch: "0a1b2c", Boot: "b00t", Session: 3,
		Head: 10_000, HeadHash: strings.Repeat("ab", 32)}
}

func testEvents(first uint64, n int, pad int) []wire.Event {
	cost := int64(1250)
	out := make([]wire.Event, n)
	for i := range out {
		out[i] = wire.Event{ID: fmt.Sprintf("e%d", i), Type: "receive", SKU: "SKU-" + strings.Repeat("x", pad),
			Location: "A-01", Qty: 2, UnitCost: &cost, Time: time.Date(2026, 11, 26, 10, 0, i, 0, time.UTC),
			ClockSynced: true, Seq: first + uint64(i), ValueDelta: 2500,
			Postings: []wire.Posting{{Location: "A-01", State: "on_hand", Delta: 2, After: int64(i + 2)}}}
	}
	return out
}

func TestPackRoundTrip(t *testing.T) {
	events := testEvents(7, 3, 0)
	msg, n, err := wire.Pack(testHeader(), events)
	if err != nil || n != 3 {
		t.Fatalf("Pack: n=%d err=%v", n, err)
	}
	b, err := wire.DecodeBatch(msg)
	if err != nil {
		t.Fatalf("DecodeBatch: %v", err)
	}
	if b.First != 7 || b.Last != 9 || b.V != wire.Version || !reflect.DeepEqual(b.Events, events) {
		t.Fatalf("round trip changed the batch: %+v", b.Header)
	}
	again, err := wire.EncodeBatch(b)
	if err != nil || string(again) != string(msg) {
		t.Fatalf("EncodeBatch differs from Pack:\n%s\n%s (%v)", again, msg, err)
	}
}

func TestPackLimits(t *testing.T) {
	for _, tc := range []struct {
		name string
		pad  int
	}{{"count", 0}, {"bytes", 100}} {
		t.Run(tc.name, func(t *testing.T) {
			events := testEvents(1, 2000, tc.pad)
			if tc.name == "count" {
				for i := range events {
					events[i] = wire.Event{ID: "e", Type: "sale", SKU: "s", Location: "l", Qty: 1, Seq: events[i].Seq}
				}
			}
			msg, n, err := wire.Pack(testHeader(), events)
			if err != nil {
				t.Fatal(err)
			}
			if n > wire.MaxBatchEvents || len(msg) > wire.MaxBatchBytes {
				t.Fatalf("packed %d events in %d bytes: over the limit", n, len(msg))
			}
			if tc.name == "count" && n != wire.MaxBatchEvents {
				t.Fatalf("packed %d small events, want %d", n, wire.MaxBatchEvents)
			}
			if _, err := wire.DecodeBatch(msg); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestDecodeBatchRejects(t *testing.T) {
	good, _, _ := wire.Pack(testHeader(), testEvents(1, 2, 0))
	cases := map[string]struct {
		in   string
		want error
	}{
		"version":  {strings.Replace(string(good), `"v":1`, `"v":2`, 1), wire.ErrVersion},
		"gap":      {strings.Replace(string(good), `"seq":2`, `"seq":3`, 1), wire.ErrMalformed},
		"range":    {strings.Replace(string(good), `"last":2`, `"last":3`, 1), wire.ErrMalformed},
		"unknown":  {strings.Replace(string(good), `"v":1`, `"v":1,"x":1`, 1), wire.ErrMalformed},
		"gateway":  {strings.Replace(string(good), `gw-001`, `gw/+`, 1), wire.ErrMalformed},
		"trailing": {string(good) + "{}", wire.ErrMalformed},
		"huge":     {string(good) + strings.Repeat(" ", wire.MaxBatchBytes), wire.ErrTooLarge},
	}
	for name, tc := range cases {
		if _, err := wire.DecodeBatch([]byte(tc.in)); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", name, err, tc.want)
		}
	}
}

func TestControlRoundTrip(t *testing.T) {
	st := wire.State{Site: "wh1", Gateway: "gw-1", Online: true, Boot: "b", Session: 4, Time: time.Unix(5, 0).UTC()}
	got, err := wire.DecodeState(wire.Encode(&st))
	if err != nil || !reflect.DeepEqual(got, st) {
		t.Fatalf("state: %+v %v", got, err)
	}
	ack := wire.Ack{Epoch: "e", Upto: 99}
	if got, err := wire.DecodeAck(wire.Encode(&ack)); err != nil || got != ack {
		t.Fatalf("ack: %+v %v", got, err)
	}
	h := wire.Health{Gateway: "gw-1", Devices: []wire.DeviceHealth{{ID: "r1", Kind: "rfid", ReadsPerSec: 1.5}}, Alarms: []string{wire.AlarmBacklog50}}
	if got, err := wire.DecodeHealth(wire.Encode(&h)); err != nil || !reflect.DeepEqual(got, h) {
		t.Fatalf("health: %+v %v", got, err)
	}
	if _, err := wire.DecodeAck([]byte(`{"v":9,"upto":1}`)); !errors.Is(err, wire.ErrVersion) {
		t.Fatalf("ack v9: %v", err)
	}
}

func TestTopics(t *testing.T) {
	if got := wire.CmdTopic("wh1", "gw-1", wire.CmdResync); got != "edged/v1/wh1/gw-1/cmd/resync" {
		t.Fatal(got)
	}
	a, ok := wire.ParseTopic(wire.Topic("wh1", "gw-1", wire.KindDeltas))
	if !ok || a != (wire.Address{Site: "wh1", Gateway: "gw-1", Kind: wire.KindDeltas}) {
		t.Fatalf("%+v %v", a, ok)
	}
	if a, ok := wire.ParseTopic("edged/v1/wh1/gw-1/cmd/rebirth"); !ok || a.Command != wire.CmdRebirth {
		t.Fatalf("%+v %v", a, ok)
	}
	for _, bad := range []string{wire.RelayStateTopic, "edged/v1/wh1/gw-1/cmd", "edged/v1/wh1/gw-1/deltas/x", "edged/v1/WH/gw/deltas", "x/v1/a/b/ack"} {
		if _, ok := wire.ParseTopic(bad); ok {
			t.Errorf("ParseTopic(%q) accepted", bad)
		}
	}
}
