package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/edged/edged/countplan"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/report"
)

// countPlanFlags are the options of `edged ledger count plan`.
type countPlanFlags struct {
	date, items, format, user string
	showBook, start           bool
}

// newCountPlanCmd is `edged ledger count plan`: the day's cycle count list.
func newCountPlanCmd(v *viper.Viper) *cobra.Command {
	var f countPlanFlags
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Print the day's cycle count list (ABC by sales velocity; A weekly, B monthly, C quarterly); --start opens its sessions",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			date := time.Now()
			if f.date != "" {
				d, err := time.Parse(time.DateOnly, f.date)
				if err != nil {
					return fmt.Errorf("--date %q: give a date such as 2026-11-26", f.date)
				}
				date = d
			}
			items, err := readCSV(f.items, report.ParseItems)
			if err != nil {
				return err
			}
			return withOpen(cmd, v, !f.start, func(l *ledger.Ledger) error {
				return runCountPlan(cmd, l, f, date, items)
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.date, "date", "", "day to plan (default today)")
	fl.StringVar(&f.items, "items", "", "items CSV (serialized items count exact)")
	fl.StringVar(&f.format, "format", "table", "table or json")
	fl.BoolVar(&f.showBook, "show-book", false, "print the book quantity (not blind)")
	fl.BoolVar(&f.start, "start", false, "open one live count session per location of the plan")
	fl.StringVar(&f.user, "user", "planner", "who opens the sessions (with --start)")
	return cmd
}

func runCountPlan(cmd *cobra.Command, l *ledger.Ledger, f countPlanFlags, date time.Time, items []report.Item) error {
	s, err := countplan.NewScheduler(l, nil, countplan.Config{ShowBook: f.showBook}, report.Config{Items: items},
		time.Now, nil)
	if err != nil {
		return err
	}
	plan, _, err := s.Plan(date)
	if err != nil {
		return err
	}
	w := cmd.OutOrStdout()
	if f.format == "json" {
		if err := orJSON(w, plan, nil); err != nil {
			return err
		}
	} else if err := printPlan(w, plan); err != nil {
		return err
	}
	if !f.start {
		return nil
	}
	opened, err := countplan.Start(cmd.Context(), l, plan, f.user)
	for _, s := range opened {
		fmt.Fprintf(cmd.ErrOrStderr(), "count %s open (live) at %v\n", s.ID, s.Locations)
	}
	return err
}

func printPlan(w io.Writer, plan countplan.Plan) error {
	if !plan.Working {
		_, err := fmt.Fprintf(w, "%s is not a working day: nothing to count\n", plan.Date)
		return err
	}
	fmt.Fprintf(w, "cycle count %s: %d SKU-locations (blind: %v)\n", plan.Date, len(plan.Lines), plan.Blind)
	tw := table(w, "LOCATION\tSKU\tCLASS\tTOLERANCE\tBOOK\tSESSION")
	for _, t := range plan.Lines {
		book := "-"
		if t.Book != nil {
			book = fmt.Sprint(*t.Book)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t±%g %%\t%s\t%s\n", t.Location, t.SKU, t.Class, t.TolerancePct, book, t.Session)
	}
	return tw.Flush()
}

// newCountApproveCmd is `edged ledger count approve`: a supervisor
// accepts a line whose variance is beyond its tolerance.
func newCountApproveCmd(v *viper.Viper) *cobra.Command {
	var id, sku, loc, user string
	cmd := &cobra.Command{
		Use:   "approve",
		Short: "Approve a counted line whose variance is beyond tolerance, so that finish posts it",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withWritable(cmd, v, func(l *ledger.Ledger) error {
				line, err := l.ApproveCount(cmd.Context(), id, sku, loc, user)
				if err == nil {
					fmt.Fprintf(cmd.OutOrStdout(), "count %s: %s at %s variance %+d approved by %s\n", id, sku, loc, line.Variance(), user)
				}
				return err
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&id, "id", "", "count id")
	fl.StringVar(&sku, "sku", "", "sku of the line")
	fl.StringVar(&loc, "location", "", "location of the line")
	fl.StringVar(&user, "user", "", "the approving supervisor (not the counter)")
	for _, f := range []string{"id", "sku", "location", "user"} {
		_ = cmd.MarkFlagRequired(f)
	}
	return cmd
}
