package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/edged/edged/ledger"
)

func newBalanceCmd(v *viper.Viper) *cobra.Command {
	var sku, loc string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "balance",
		Short: "Show on-hand and damaged stock per sku and location",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withLedger(cmd, v, func(l *ledger.Ledger) error {
				bs, err := l.Balances(sku, loc)
				if err != nil || asJSON {
					return orJSON(cmd.OutOrStdout(), bs, err)
				}
				tw := table(cmd.OutOrStdout(), "SKU\tLOCATION\tON HAND\tDAMAGED")
				for _, b := range bs {
					fmt.Fprintf(tw, "%s\t%s\t%d\t%d\n", b.SKU, b.Location, b.OnHand, b.Damaged)
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().StringVar(&sku, "sku", "", "only this sku")
	cmd.Flags().StringVar(&loc, "location", "", "only this location")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// withLedger runs fn on the ledger opened read-only.
func withLedger(cmd *cobra.Command, v *viper.Viper, fn func(*ledger.Ledger) error) error {
	return withOpen(cmd, v, true, fn)
}

func withOpen(cmd *cobra.Command, v *viper.Viper, readOnly bool, fn func(*ledger.Ledger) error) error {
	l, err := openLedger(cmd, v, readOnly)
	if err != nil {
		return err
	}
	defer l.Close()
	return fn(l)
}

func orJSON(w io.Writer, v any, err error) error {
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func table(w io.Writer, header string) *tabwriter.Writer {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, header)
	return tw
}

func newLogCmd(v *viper.Viper) *cobra.Command {
	var f ledger.LogFilter
	var types []string
	var from, to string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "log",
		Short: "Show the audit trail: who moved what, when, with which device, and the resulting balance",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			if f.From, f.To, err = parseRange(from, to); err != nil {
				return err
			}
			for _, t := range types {
				f.Types = append(f.Types, ledger.Type(t))
			}
			return withLedger(cmd, v, func(l *ledger.Ledger) error { return printLog(cmd.OutOrStdout(), l, f, asJSON) })
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.SKU, "sku", "", "only this sku")
	fl.StringVar(&f.Location, "location", "", "only movements at (or to) this location")
	fl.StringVar(&f.User, "user", "", "only this user")
	fl.StringVar(&f.Device, "device", "", "only this device")
	fl.StringVar(&f.Order, "order", "", "only this order reference")
	fl.StringSliceVar(&types, "type", nil, "only these event types (repeatable)")
	fl.StringVar(&from, "from", "", "from this time (RFC 3339 or YYYY-MM-DD), inclusive")
	fl.StringVar(&to, "to", "", "up to this time, exclusive")
	fl.Uint64Var(&f.AfterSeq, "after", 0, "only events after this seq")
	fl.IntVar(&f.Limit, "limit", 0, "at most this many events")
	fl.BoolVar(&asJSON, "json", false, "print one JSON event per line")
	return cmd
}

func printLog(w io.Writer, l *ledger.Ledger, f ledger.LogFilter, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		return l.Log(f, func(e *ledger.Event) error { return enc.Encode(e) })
	}
	tw := table(w, "SEQ\tTIME\tTYPE\tSKU\tQTY\tBALANCES AFTER\tUSER\tDEVICE\tREF")
	err := l.Log(f, func(e *ledger.Event) error {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", e.Seq, e.Time.Format(time.RFC3339),
			e.Type, e.SKU, e.Qty, postingsText(e), e.User, e.Device, refText(e))
		return nil
	})
	if err != nil {
		return err
	}
	return tw.Flush()
}

func postingsText(e *ledger.Event) string {
	var parts []string
	for _, p := range e.Postings {
		s := fmt.Sprintf("%s=%d", p.Location, p.After)
		if p.State == ledger.Damaged {
			s = fmt.Sprintf("%s(damaged)=%d", p.Location, p.After)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func refText(e *ledger.Event) string {
	var parts []string
	for _, kv := range [][2]string{{"order", e.Order}, {"count", e.CountID}, {"epc", e.EPC}, {"reason", e.Reason}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	return strings.Join(parts, " ")
}

// parseRange reads --from/--to as RFC 3339 or a date (midnight UTC).
func parseRange(from, to string) (time.Time, time.Time, error) {
	f, err := parseWhen("--from", from)
	if err != nil {
		return f, f, err
	}
	t, err := parseWhen("--to", to)
	if err == nil && !f.IsZero() && !t.IsZero() && !t.After(f) {
		err = fmt.Errorf("--to %s is not after --from %s", to, from)
	}
	return f, t, err
}

func parseWhen(flag, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%s %q: give RFC 3339 (2026-11-26T09:00:00Z) or a date (2026-11-26)", flag, s)
}
