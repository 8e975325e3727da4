package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/edged/edged/ledger"
)

func newCountCmd(v *viper.Viper) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "count",
		Short: "Run a count session: start freezes locations, record counts lines, finish posts variances",
	}
	cmd.AddCommand(newCountStartCmd(v), newCountRecordCmd(v), newCountFinishCmd(v), newCountCancelCmd(v), newCountPlanCmd(v), newCountApproveCmd(v))
	return cmd
}

// withWritable runs fn on the ledger opened for writing.
func withWritable(cmd *cobra.Command, v *viper.Viper, fn func(*ledger.Ledger) error) error {
	return withOpen(cmd, v, false, fn)
}

func newCountStartCmd(v *viper.Viper) *cobra.Command {
	var s ledger.CountSession
	var mode string
	cmd := &cobra.Command{
		Use:   "start",
		Short: "Open a count and freeze its locations",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s.Mode = ledger.CountMode(mode)
			return withWritable(cmd, v, func(l *ledger.Ledger) error {
				got, err := l.StartCount(cmd.Context(), s)
				if err == nil {
					fmt.Fprintf(cmd.OutOrStdout(), "count %s open (%s mode) at seq %d; frozen: %v\n", got.ID, got.Mode, got.StartSeq, got.Locations)
				}
				return err
			})
		},
	}
	cmd.Flags().StringVar(&s.ID, "id", "", "count id (required)")
	cmd.Flags().StringSliceVar(&s.Locations, "location", nil, "location to count (repeatable)")
	cmd.Flags().StringVar(&mode, "mode", "block", "block: reject movements at frozen locations; live: allow them and flag back-dated ones")
	cmd.Flags().StringVar(&s.User, "user", "", "who opened the count")
	_ = cmd.MarkFlagRequired("id")
	return cmd
}

func newCountRecordCmd(v *viper.Viper) *cobra.Command {
	var id, sku, loc, user string
	var qty int64
	var showBook bool
	cmd := &cobra.Command{
		Use:   "record",
		Short: "Record a counted quantity (blind: the book is not shown unless --show-book)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withWritable(cmd, v, func(l *ledger.Ledger) error {
				line, err := l.RecordCount(cmd.Context(), id, sku, loc, qty, user)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "count %s: %s at %s counted %d (count #%d)", id, sku, loc, qty, line.Counts)
				if showBook {
					fmt.Fprintf(cmd.OutOrStdout(), ", book %d, variance %+d", line.Book, line.Variance())
				}
				fmt.Fprintln(cmd.OutOrStdout())
				return nil
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&id, "id", "", "count id")
	fl.StringVar(&sku, "sku", "", "sku counted")
	fl.StringVar(&loc, "location", "", "location counted")
	fl.Int64Var(&qty, "qty", 0, "quantity found")
	fl.StringVar(&user, "user", "", "who counted")
	fl.BoolVar(&showBook, "show-book", false, "show the book quantity and variance (not blind)")
	for _, f := range []string{"id", "sku", "location", "qty"} {
		_ = cmd.MarkFlagRequired(f)
	}
	return cmd
}

func newCountFinishCmd(v *viper.Viper) *cobra.Command {
	var id string
	cmd := &cobra.Command{
		Use:   "finish",
		Short: "Post every line's variance as an adjustment and unfreeze the locations",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withWritable(cmd, v, func(l *ledger.Ledger) error {
				r, err := l.FinishCount(cmd.Context(), id)
				if err != nil {
					return err
				}
				w := cmd.OutOrStdout()
				fmt.Fprintf(w, "count %s finished: %d lines, %d adjustments posted\n", id, len(r.Lines), len(r.Posted))
				for _, e := range r.Posted {
					fmt.Fprintf(w, "  seq %d: %s at %s %+d (%s)\n", e.Seq, e.SKU, e.Location, e.Qty, e.Reason)
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&id, "id", "", "count id")
	_ = cmd.MarkFlagRequired("id")
	return cmd
}

func newCountCancelCmd(v *viper.Viper) *cobra.Command {
	var id string
	cmd := &cobra.Command{
		Use:   "cancel",
		Short: "Unfreeze the locations without posting anything",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withWritable(cmd, v, func(l *ledger.Ledger) error {
				return l.CancelCount(cmd.Context(), id)
			})
		},
	}
	cmd.Flags().StringVar(&id, "id", "", "count id")
	_ = cmd.MarkFlagRequired("id")
	return cmd
}
