package ledger

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// eventInput is the JSON a client may send: the client-supplied fields
// of Event and nothing the ledger assigns.
type eventInput struct {
	ID          string  `json:"id"`
	Type        Type    `json:"type"`
	SKU         string  `json:"sku"`
	Location    string  `json:"location"`
	ToLocation  string  `json:"to_location"`
	Qty         *int64  `json:"qty"`
	Damaged     bool    `json:"damaged"`
	UnitCost    Money   `json:"unit_cost"`
	Time        *string `json:"time"`
	ClockSynced bool    `json:"clock_synced"`
	User        string  `json:"user"`
	Device      string  `json:"device"`
	Reason      string  `json:"reason"`
	Order       string  `json:"order"`
	EPC         string  `json:"epc"`
	CountID     string  `json:"count_id"`
}

// DecodeEvent parses one JSON object into an Event and validates it.
// Unknown fields, fields the ledger assigns (seq, postings, ...), floats
// for quantities or money, and trailing data are refused with an error
// that names the field.
func DecodeEvent(data []byte) (Event, error) {
	// encoding/json turns invalid UTF-8 into U+FFFD, so two different ids
	// could become one: refuse the bytes instead.
	if !utf8.Valid(data) {
		return Event{}, invalidf("the line is not valid UTF-8 (byte offset %d); send text in UTF-8", badUTF8(string(data)))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var in eventInput
	if err := dec.Decode(&in); err != nil {
		return Event{}, explainJSON(err)
	}
	if dec.More() {
		return Event{}, invalidf("trailing data after the JSON object; send one event per line")
	}
	e, err := in.event()
	if err != nil {
		return Event{}, err
	}
	return e, e.Validate()
}

func (in *eventInput) event() (Event, error) {
	e := Event{ID: in.ID, Type: in.Type, SKU: in.SKU, Location: in.Location, ToLocation: in.ToLocation,
		Damaged: in.Damaged, UnitCost: in.UnitCost, ClockSynced: in.ClockSynced, User: in.User,
		Device: in.Device, Reason: in.Reason, Order: in.Order, EPC: in.EPC, CountID: in.CountID}
	if in.Qty == nil {
		return e, invalidf("qty is required")
	}
	e.Qty = *in.Qty
	if in.Time != nil {
		t, err := time.Parse(time.RFC3339Nano, *in.Time)
		if err != nil {
			return e, invalidf("time %q is not RFC 3339 (like 2026-11-26T09:30:00Z)", *in.Time)
		}
		e.Time = t.UTC()
	}
	return e, nil
}

var assigned = []string{"seq", "postings", "book", "cogs", "value_delta"}

func explainJSON(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	msg := err.Error()
	switch {
	case errors.As(err, &typeErr):
		return invalidf("field %s: got a JSON %s, want %s", typeErr.Field, typeErr.Value, jsonKind(typeErr.Type.String()))
	case errors.As(err, &syntaxErr):
		return invalidf("malformed JSON at byte %d: %v", syntaxErr.Offset, err)
	case strings.HasPrefix(msg, "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(msg, "json: unknown field "), `"`)
		for _, a := range assigned {
			if field == a {
				return invalidf("field %q is assigned by the ledger; leave it out", field)
			}
		}
		return invalidf("unknown field %q; see docs/ledger.md for the event fields", field)
	}
	return invalidf("%v", err)
}

func jsonKind(goType string) string {
	switch goType {
	case "int64":
		return "a whole number"
	case "string", "ledger.Type":
		return "a string"
	case "bool":
		return "true or false"
	}
	return goType
}
