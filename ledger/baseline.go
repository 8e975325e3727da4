package ledger

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ParseBaselineCSV reads a Day-One stocktake: a header line
// "sku,location,qty,unit_cost" then one line per sku and location, with
// unit_cost as a decimal string ("12.50"). It returns baseline events
// whose ids derive from the file content, so importing the same file
// again is a no-op. Every error names its CSV line; all problems in the
// file are reported at once.
func ParseBaselineCSV(r io.Reader, user string) ([]Event, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	sum := sha256.Sum256(data)
	batch := hex.EncodeToString(sum[:6])
	cr := csv.NewReader(strings.NewReader(string(data)))
	cr.FieldsPerRecord, cr.TrimLeadingSpace = -1, true
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != "sku,location,qty,unit_cost" {
		return nil, errors.New("baseline: line 1: the header must be sku,location,qty,unit_cost")
	}
	var events []Event
	var errs []error
	seen := make(map[string]int)
	for i, row := range rows[1:] {
		e, err := baselineRow(row, batch, user)
		if err == nil {
			err = checkDuplicateRow(seen, e, i+2)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("baseline: line %d: %w", i+2, err))
			continue
		}
		events = append(events, e)
	}
	if len(errs) == 0 && len(events) == 0 {
		errs = append(errs, errors.New("baseline: the file has no data lines"))
	}
	return events, errors.Join(errs...)
}

func baselineRow(row []string, batch, user string) (Event, error) {
	if len(row) != 4 {
		return Event{}, fmt.Errorf("has %d fields, want 4 (sku,location,qty,unit_cost)", len(row))
	}
	qty, err := strconv.ParseInt(strings.TrimSpace(row[2]), 10, 64)
	if err != nil {
		return Event{}, fmt.Errorf("qty %q is not a whole number", row[2])
	}
	cost, err := ParseDecimal(row[3])
	if err != nil {
		return Event{}, fmt.Errorf("unit_cost: %w", err)
	}
	sku, loc := strings.TrimSpace(row[0]), strings.TrimSpace(row[1])
	e := Event{ID: "baseline/" + batch + "/" + loc + "/" + sku, Type: Baseline, SKU: sku, Location: loc,
		Qty: qty, UnitCost: Cost(cost), User: user, Reason: "baseline import " + batch}
	return e, e.Validate()
}

func checkDuplicateRow(seen map[string]int, e Event, line int) error {
	k := e.SKU + "\x00" + e.Location
	if first, ok := seen[k]; ok {
		return fmt.Errorf("%s at %s already appears on line %d", e.SKU, e.Location, first)
	}
	seen[k] = line
	return nil
}

// approveBaseline checks every location of an import before any line is
// applied: lines of one import may share an empty location.
func (t *wtx) approveBaseline(events []Event) error {
	t.baselineOK = make(map[string]bool)
	for _, e := range events {
		if t.baselineOK[e.Location] || t.known(e.ID) {
			continue // a line already imported comes back as a duplicate
		}
		if err := t.checkBaselineAllowed(e.Location); err != nil {
			return err
		}
		t.baselineOK[e.Location] = true
	}
	return nil
}

// ImportBaseline records all events in one transaction: either every
// line is recorded or none is. The error of a rejected line names its
// index in events.
func (l *Ledger) ImportBaseline(ctx context.Context, events []Event) ([]Result, error) {
	results := make([]Result, len(events))
	for i := range events {
		l.stamp(&events[i])
	}
	_, err := l.write(ctx, &request{alone: true, apply: func(t *wtx) (Result, error) {
		if err := t.approveBaseline(events); err != nil {
			return Result{}, err
		}
		for i := range events {
			res, err := t.appendEvent(&events[i], false)
			if err != nil {
				return Result{}, fmt.Errorf("event %d (%s at %s): %w", i, events[i].SKU, events[i].Location, err)
			}
			results[i] = res
		}
		return Result{}, nil
	}})
	return results, err
}
