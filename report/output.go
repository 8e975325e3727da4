package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Formats lists the output formats Write accepts.
func Formats() []string { return []string{"table", "json", "csv", "html"} }

// Write renders reports in format: table (aligned text), json (one
// array), csv (one table per report, separated by a blank line) or html
// (one self-contained page with inline SVG charts).
func Write(w io.Writer, reports []*Report, format string) error {
	switch format {
	case "", "table":
		return writeTables(w, reports)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(reports)
	case "csv":
		return writeCSV(w, reports)
	case "html":
		return writeHTML(w, reports)
	}
	return fmt.Errorf("%w %q; use %s", ErrFormat, format, strings.Join(Formats(), ", "))
}

func writeTables(w io.Writer, reports []*Report) error {
	for i, r := range reports {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s (%s to %s)\n", r.Title, day0(r.Period), r.Period.To.AddDate(0, 0, -1).Format("2006-01-02"))
		for _, f := range r.Summary {
			fmt.Fprintf(w, "  %s: %s\n", f.Label, f.Value)
		}
		if len(r.Rows) == 0 {
			continue
		}
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, strings.ToUpper(strings.Join(r.Columns, "\t")))
		for _, row := range r.Rows {
			fmt.Fprintln(tw, strings.Join(row, "\t"))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

func writeCSV(w io.Writer, reports []*Report) error {
	cw := csv.NewWriter(w)
	for i, r := range reports {
		if i > 0 {
			cw.Write(nil)
		}
		if len(reports) > 1 {
			cw.Write([]string{"# " + r.Name})
		}
		cw.Write(r.Columns)
		cw.WriteAll(r.Rows)
	}
	cw.Flush()
	return cw.Error()
}
