package ledger_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/edged/edged/ledger"
)

func TestDecodeEvent(t *testing.T) {
	e, err := ledger.DecodeEvent([]byte(`{"id":"r1","type":"receive","sku":"S","location":"A","qty":3,"unit_cost":"12.50","time":"2026-11-26T09:30:00+01:00","user":"ana"}`))
	if err != nil {
		t.Fatal(err)
	}
	if e.UnitCost != ledger.Cost(1250) || e.Qty != 3 || e.Time.Hour() != 8 || e.User != "ana" {
		t.Fatalf("decoded %+v", e)
	}
	for in, want := range map[string]string{
		`{"id":"x","type":"sale","sku":"S","location":"A"}`:                            "qty is required",
		`{"id":"x","type":"sale","sku":"S","location":"A","qty":1.5}`:                  "want a whole number",
		`{"id":"x","type":"receive","sku":"S","location":"A","qty":1,"unit_cost":1.5}`: "is a float",
		`{"id":"x","type":"sale","sku":"S","location":"A","qty":1,"seq":4}`:            `"seq" is assigned by the ledger`,
		`{"id":"x","type":"sale","sku":"S","location":"A","qty":1,"colour":"red"}`:     `unknown field "colour"`,
		`{"id":"x","type":"sale","sku":"S","location":"A","qty":1,"time":"today"}`:     "not RFC 3339",
		`{"id":"x","type":"sale","sku":"S","location":"A","qty":1} {}`:                 "trailing data",
		`{"id":"x",`: "unexpected EOF",
		`{"id":7}`:   "field id: got a JSON number, want a string",
	} {
		_, err := ledger.DecodeEvent([]byte(in))
		if !errors.Is(err, ledger.ErrInvalidEvent) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", in, err, want)
		}
	}
}

// FuzzDecodeEvent: any input gives an event that validates and
// round-trips through the stored record format, or an ErrInvalidEvent.
func FuzzDecodeEvent(f *testing.F) {
	for _, s := range []string{
		`{"id":"r1","type":"receive","sku":"S","location":"A","qty":3,"unit_cost":"12.50"}`,
		`{"id":"t1","type":"transfer","sku":"S","location":"A","to_location":"B","qty":1,"time":"2026-11-26T09:30:00Z"}`,
		`{"id":"a1","type":"adjust","sku":"S","location":"A","qty":-2,"reason":"broken","damaged":true}`,
		`{"id":"c1","type":"count","sku":"S","location":"A","qty":0,"count_id":"C-1","epc":"3074257BF7194E4000001A85"}`,
		`{"id":"s1","type":"sale","sku":"S","location":"A","qty":1,"order":"#1001","unit_cost":250}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := ledger.DecodeEvent(data)
		if err != nil {
			if !errors.Is(err, ledger.ErrInvalidEvent) {
				t.Fatalf("error without ErrInvalidEvent: %v", err)
			}
			return
		}
		if err := e.Validate(); err != nil {
			t.Fatalf("decoded event does not validate: %v", err)
		}
		ledger.RoundTripForTest(t, e)
	})
}

// encoding/json would turn "bad\xff" into "bad\uFFFD", so that two
// different ids collide; both the decoder and Validate refuse it, while a
// real U+FFFD in the text is fine.
func TestInvalidUTF8IsRefusedNotRewritten(t *testing.T) {
	_, err := ledger.DecodeEvent([]byte("{\"id\":\"bad\xff\",\"type\":\"receive\",\"sku\":\"S\",\"location\":\"A\",\"qty\":1,\"unit_cost\":1}"))
	if !errors.Is(err, ledger.ErrInvalidEvent) || !strings.Contains(err.Error(), "not valid UTF-8 (byte offset 10)") {
		t.Errorf("decode: %v", err)
	}
	e := ledger.Event{ID: "bad\xff", Type: ledger.Receive, SKU: "S", Location: "A", Qty: 1, UnitCost: ledger.Cost(1)}
	if err := e.Validate(); err == nil || !strings.Contains(err.Error(), "id is not valid UTF-8 (byte offset 3)") {
		t.Errorf("validate: %v", err)
	}
	e.ID = "ok\uFFFD"
	if err := e.Validate(); err != nil {
		t.Errorf("a real U+FFFD: %v", err)
	}
}
