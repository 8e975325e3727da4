package barcode

import (
	"encoding/hex"
	"errors"
	"time"
	"unicode/utf8"
)

// Report is a JSON-friendly view of a decoded scan, for the CLI, logs and
// golden tests.
type Report struct {
	Symbology string          `json:"symbology"`
	AIMID     string          `json:"aim_id,omitempty"`
	Form      Form            `json:"form"`
	Data      string          `json:"data"`
	DataHex   string          `json:"data_hex,omitempty"` // set when Data is not UTF-8
	Elements  []ElementReport `json:"elements,omitempty"`
	GTIN      string          `json:"gtin,omitempty"` // GTIN-14
	SSCC      string          `json:"sscc,omitempty"`
	Valid     bool            `json:"valid"`
	Errors    []ErrorReport   `json:"errors,omitempty"`
}

// ElementReport is one GS1 element with its interpreted value.
type ElementReport struct {
	AI       string `json:"ai"`
	Title    string `json:"title"`
	Value    string `json:"value"`
	Offset   int    `json:"offset"`
	Date     string `json:"date,omitempty"`     // YYYY-MM-DD; day 00 becomes the month's end
	Decimal  string `json:"decimal,omitempty"`  // exact, e.g. "0.250"
	Currency string `json:"currency,omitempty"` // ISO 4217 numeric
}

// ErrorReport is one problem found in the scan.
type ErrorReport struct {
	Kind    string `json:"kind"`
	AI      string `json:"ai,omitempty"`
	Offset  int    `json:"offset"`
	Message string `json:"message"`
}

// NewReport describes r and the error Decode returned with it. Two-digit
// years are resolved in the GS1 century window around ref.
func NewReport(r Result, err error, ref time.Time) Report {
	rep := Report{Symbology: r.Symbology.Name, AIMID: r.Symbology.ID, Form: r.Form,
		Data: string(r.Data), Valid: err == nil}
	if !utf8.Valid(r.Data) {
		rep.DataHex = hex.EncodeToString(r.Data)
	}
	for _, e := range r.Elements {
		rep.Elements = append(rep.Elements, newElementReport(e, ref))
	}
	rep.GTIN, _ = r.GTIN()
	rep.SSCC, _ = r.SSCC()
	for _, e := range flatten(err) {
		rep.Errors = append(rep.Errors, ErrorReport{Kind: kindName(e.Kind), AI: e.AI,
			Offset: e.Offset, Message: e.Error()})
	}
	return rep
}

func newElementReport(e Element, ref time.Time) ElementReport {
	er := ElementReport{AI: e.AI.String(), Title: e.Title(), Value: string(e.Value), Offset: e.Offset}
	if d, ok := e.Date(); ok && d.check(true) == "" {
		er.Date = d.Time(ref).Format(time.DateOnly)
	}
	if d, ok := e.Decimal(); ok {
		er.Decimal = d.String()
	}
	er.Currency, _ = e.Currency()
	return er
}

// flatten lists the *Error values inside err, which may be joined.
func flatten(err error) []*Error {
	var e *Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &e) && e == err:
		return []*Error{e}
	}
	var out []*Error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, sub := range j.Unwrap() {
			out = append(out, flatten(sub)...)
		}
	}
	return out
}

// kindName is a stable machine-readable name for each sentinel.
func kindName(kind error) string {
	for _, k := range [...]struct {
		err  error
		name string
	}{{ErrEmpty, "empty"}, {ErrUnknownAI, "unknown-ai"}, {ErrTruncated, "truncated"},
		{ErrTooLong, "too-long"}, {ErrCharset, "charset"}, {ErrCheckDigit, "check-digit"},
		{ErrDate, "date"}, {ErrValue, "value"}, {ErrSyntax, "syntax"}, {ErrGTIN, "gtin"}} {
		if kind == k.err {
			return k.name
		}
	}
	return "other"
}
