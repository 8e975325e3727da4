package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/edged/edged/ledger"
)

func newVerifyCmd(v *viper.Viper) *cobra.Command {
	return &cobra.Command{
		Use:   "verify",
		Short: "Replay the whole log and check every invariant; exit 1 naming the first violation",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withLedger(cmd, v, func(l *ledger.Ledger) error {
				r, err := l.Verify()
				if err != nil {
					fmt.Fprintf(cmd.OutOrStdout(), "FAIL %s: %v\n", l.Path(), err)
					return &exitError{1, err}
				}
				fmt.Fprintf(cmd.OutOrStdout(), "OK %s: %d events replayed (head %d, acked %d, archived %d), %d balances, %d skus, %d cost layers, %d open counts\n",
					l.Path(), r.Events, r.Head, r.Acked, r.Archived, r.Balances, r.SKUs, r.Layers, r.OpenCount)
				return nil
			})
		},
	}
}

func newValuationCmd(v *viper.Viper) *cobra.Command {
	var sku, from, to string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "valuation",
		Short: "Show inventory value at FIFO cost, and COGS for a period with --from/--to",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, t, err := parseRange(from, to)
			if err != nil {
				return err
			}
			return withLedger(cmd, v, func(l *ledger.Ledger) error {
				return printValuation(cmd, l, sku, f, t, asJSON)
			})
		},
	}
	cmd.Flags().StringVar(&sku, "sku", "", "only this sku")
	cmd.Flags().StringVar(&from, "from", "", "COGS period start (RFC 3339 or YYYY-MM-DD)")
	cmd.Flags().StringVar(&to, "to", "", "COGS period end, exclusive")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

type valuationReport struct {
	SKUs  []ledger.SKUValue  `json:"skus"`
	Total int64              `json:"total_value"`
	COGS  *ledger.PeriodCOGS `json:"period,omitempty"`
}

func printValuation(cmd *cobra.Command, l *ledger.Ledger, sku string, from, to time.Time, asJSON bool) error {
	var r valuationReport
	var err error
	if r.SKUs, err = l.Valuation(sku); err != nil {
		return err
	}
	for _, s := range r.SKUs {
		r.Total += s.Value
	}
	if !from.IsZero() || !to.IsZero() {
		p, err := l.COGS(from, to)
		if err != nil {
			return err
		}
		r.COGS = &p
	}
	if asJSON {
		return orJSON(cmd.OutOrStdout(), r, nil)
	}
	return printValuationTable(cmd, r)
}

func printValuationTable(cmd *cobra.Command, r valuationReport) error {
	w := cmd.OutOrStdout()
	tw := table(w, "SKU\tON HAND\tDAMAGED\tLAYERS\tVALUE")
	for _, s := range r.SKUs {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\n", s.SKU, s.OnHand, s.Damaged, len(s.Layers), ledger.FormatMinor(s.Value))
	}
	fmt.Fprintf(tw, "TOTAL\t\t\t\t%s\n", ledger.FormatMinor(r.Total))
	if err := tw.Flush(); err != nil {
		return err
	}
	if p := r.COGS; p != nil {
		fmt.Fprintf(w, "period %s .. %s: COGS %s for %d units in %d sales, shrink %s, %d units returned\n",
			when(p.From), when(p.To), ledger.FormatMinor(p.COGS), p.UnitsSold, p.Sales, ledger.FormatMinor(p.Shrink), p.Returns)
	}
	return nil
}

func when(t time.Time) string {
	if t.IsZero() {
		return "(open)"
	}
	return t.Format("2006-01-02T15:04:05Z07:00")
}

func newImportBaselineCmd(v *viper.Viper) *cobra.Command {
	var user string
	cmd := &cobra.Command{
		Use:   "import-baseline FILE.csv",
		Short: "Import a Day-One stocktake (sku,location,qty,unit_cost): all lines or none",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			events, err := ledger.ParseBaselineCSV(f, user)
			if err != nil {
				return fmt.Errorf("%s: nothing imported:\n%w", args[0], err)
			}
			return importBaseline(cmd, v, args[0], events)
		},
	}
	cmd.Flags().StringVar(&user, "user", "", "who took the stocktake")
	return cmd
}

func importBaseline(cmd *cobra.Command, v *viper.Viper, name string, events []ledger.Event) error {
	return withWritable(cmd, v, func(l *ledger.Ledger) error { return importInto(cmd, l, name, events) })
}

func importInto(cmd *cobra.Command, l *ledger.Ledger, name string, events []ledger.Event) error {
	res, err := l.ImportBaseline(cmd.Context(), events)
	if err != nil {
		return fmt.Errorf("%s: nothing imported: %w", name, err)
	}
	dups := 0
	for _, r := range res {
		if r.Duplicate {
			dups++
		}
	}
	fmt.Fprintf(cmd.OutOrStdout(), "imported %d lines from %s (%d already recorded)\n", len(res), name, dups)
	return nil
}

func newCompactCmd(v *viper.Viper) *cobra.Command {
	return &cobra.Command{
		Use:   "compact",
		Short: "Prune acknowledged events past retention and shrink the file (stop edged first)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			log, err := newLogger(cmd, v)
			if err != nil {
				return err
			}
			r, err := ledger.Compact(cmd.Context(), v.GetString("ledger.db"), &ledger.Options{Logger: log})
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "pruned %d events; %d bytes -> %d bytes\n", r.Pruned, r.Before, r.After)
			return nil
		},
	}
}
