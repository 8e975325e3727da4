package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/report"
)

// reportFlags are the options of `edged report`.
type reportFlags struct {
	from, to, format, items, orders string
	days, deadDays                  int
}

// newReportCmd is `edged report NAME`: inventory KPIs from the ledger.
func newReportCmd(v *viper.Viper) *cobra.Command {
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "report NAME",
		Short: "Inventory reports from the ledger: abc, velocity, accuracy, sell-through, turnover, dead-stock, slow-movers, stockout, fulfilment, profit, low-stock, dashboard",
		Long: `Computes a report over whole UTC days [--from, --to) from the ledger.
Without --from/--to: the last --days days up to and including today.
--format html writes one self-contained page with inline SVG charts.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("give one report name: %s (e.g. `edged report abc --days 30`)", strings.Join(report.Names(), ", "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			_ = v.BindPFlag("ledger.db", cmd.Flags().Lookup("db"))
			return runReport(cmd, v, args[0], f)
		},
	}
	fl := cmd.Flags()
	fl.String("db", defaultLedgerPath, "ledger file (env EDGED_LEDGER_DB)")
	fl.StringVar(&f.from, "from", "", "first day (2026-01-01 or RFC 3339)")
	fl.StringVar(&f.to, "to", "", "end, exclusive (default: tomorrow)")
	fl.IntVar(&f.days, "days", 90, "period length when --from is not given")
	fl.StringVar(&f.format, "format", "table", "table, json, csv or html")
	fl.StringVar(&f.items, "items", "", "items CSV: sku,price,reorder_point,safety_stock,lead_time_days,serialized")
	fl.StringVar(&f.orders, "orders", "", "orders CSV for the fulfilment report: order,sku,qty")
	fl.IntVar(&f.deadDays, "dead-days", 0, "days without a sale that make stock dead (default 180)")
	return cmd
}

func runReport(cmd *cobra.Command, v *viper.Viper, name string, f reportFlags) error {
	p, err := reportPeriod(f, time.Now())
	if err != nil {
		return err
	}
	cfg := report.Config{DeadStockDays: f.deadDays}
	if cfg.Items, err = readCSV(f.items, report.ParseItems); err != nil {
		return err
	}
	orders, err := readCSV(f.orders, report.ParseOrders)
	if err != nil {
		return err
	}
	return withLedger(cmd, v, func(l *ledger.Ledger) error {
		e, err := report.New(l, cfg, orders, nil)
		if err != nil {
			return err
		}
		rs, err := e.Run(name, p)
		if err != nil {
			return err
		}
		return report.Write(cmd.OutOrStdout(), rs, f.format)
	})
}

// reportPeriod turns the flags into whole days; now is the wall clock.
func reportPeriod(f reportFlags, now time.Time) (report.Period, error) {
	from, to, err := parseRange(f.from, f.to)
	if err != nil {
		return report.Period{}, err
	}
	if f.days < 1 {
		return report.Period{}, fmt.Errorf("--days %d: give at least 1", f.days)
	}
	if to.IsZero() {
		to = now.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
	}
	if from.IsZero() {
		from = to.AddDate(0, 0, -f.days)
	}
	return report.NewPeriod(from, to)
}

// readCSV parses the file at path with parse; an empty path gives zero.
func readCSV[T any](path string, parse func(r io.Reader) (T, error)) (T, error) {
	var zero T
	if path == "" {
		return zero, nil
	}
	fh, err := os.Open(path)
	if err != nil {
		return zero, err
	}
	defer fh.Close()
	v, err := parse(fh)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}
