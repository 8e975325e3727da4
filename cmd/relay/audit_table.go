package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/edged/edged/relay/audit"
)

// auditTable prints rows as a table a person reads, newest first.
func auditTable(out io.Writer, rows []audit.Row) error {
	if len(rows) == 0 {
		_, err := fmt.Fprintln(out, "no audit rows match")
		return err
	}
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "TIME\tSOURCE\tKIND\tSKU\tSITE\tLOCATION\tQTY\tWHO\tDEVICE\tCHANNEL\tORDER\tRESULT")
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", rowTime(r), source(r), r.Kind, dash(r.SKU),
			dash(r.Site), dash(location(r)), qty(r), dash(r.Worker), dash(r.Device), dash(r.Channel), dash(r.Order), dash(r.Result))
	}
	return w.Flush()
}

// rowTime is the gateway's or platform's time when known, else the relay's.
func rowTime(r audit.Row) string {
	t := r.Recorded
	if !r.Happened.IsZero() {
		t = r.Happened
	}
	s := t.UTC().Format(time.DateTime)
	if !r.Happened.IsZero() && !r.ClockSynced {
		s += " (clock unsynced)"
	}
	return s
}

// qty signs the changes (ledger events, edits); an order's units, a
// lock's and a pushed quantity are amounts.
func qty(r audit.Row) string {
	if r.Source == audit.FromGateway || r.Kind == audit.KindEdit {
		return fmt.Sprintf("%+d", r.Qty)
	}
	return fmt.Sprint(r.Qty)
}

// source names the gateway without its ledger's epoch, which --json keeps.
func source(r audit.Row) string {
	if r.Gateway != "" {
		gw, _, _ := strings.Cut(r.Gateway, "@")
		return r.Source + " " + gw
	}
	return r.Source
}

func location(r audit.Row) string {
	if r.ToLocation != "" {
		return r.Location + "→" + r.ToLocation
	}
	return r.Location
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return strings.ReplaceAll(s, "\t", " ")
}
