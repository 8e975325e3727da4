package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/edged/edged/ledger"
)

// newDemoCmd is `edged demo`: the gateway live on embedded defaults, and
// `edged demo walkthrough`, a narrated day on the ledger alone.
func newDemoCmd(v *viper.Viper) *cobra.Command {
	cmd := newLiveDemoCmd()
	cmd.AddCommand(newWalkthroughCmd(v))
	return cmd
}

func newWalkthroughCmd(*viper.Viper) *cobra.Command {
	var keep string
	cmd := &cobra.Command{
		Use:   "walkthrough",
		Short: "Walk through a day of warehouse movements on a temporary ledger",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, cleanup, err := demoDir(keep)
			if err != nil {
				return fmt.Errorf("--keep %s: %w", keep, err)
			}
			defer cleanup()
			return runLedgerDemo(cmd.Context(), cmd.OutOrStdout(), filepath.Join(dir, "ledger.db"))
		},
	}
	cmd.Flags().StringVar(&keep, "keep", "", "keep the demo ledger in this directory instead of a temporary one")
	return cmd
}

const demoBaseline = `sku,location,qty,unit_cost
TEE-BLK-M,A-01,40,4.20
TEE-BLK-L,A-01,25,4.20
MUG-WHT,B-03,60,2.75
`

// demoSteps is a day on the floor, as the scanners would post it.
var demoSteps = []string{
	`{"id":"po-7781-1","type":"receive","sku":"MUG-WHT","location":"DOCK","qty":24,"unit_cost":"3.10","user":"ana","device":"dock-scanner","order":"PO-7781"}`,
	`{"id":"mv-1","type":"transfer","sku":"MUG-WHT","location":"DOCK","to_location":"B-03","qty":24,"user":"ana","device":"dock-scanner"}`,
	`{"id":"so-1001","type":"sale","sku":"TEE-BLK-M","location":"A-01","qty":3,"user":"raj","device":"pick-1","order":"SHOPIFY-1001"}`,
	`{"id":"so-1002","type":"sale","sku":"MUG-WHT","location":"B-03","qty":70,"user":"raj","device":"pick-1","order":"LAZADA-88"}`,
	`{"id":"so-1003","type":"sale","sku":"MUG-WHT","location":"B-03","qty":65,"user":"raj","device":"pick-1","order":"SHOPEE-5"}`,
	`{"id":"so-1001","type":"sale","sku":"TEE-BLK-M","location":"A-01","qty":3,"user":"raj","device":"pick-1","order":"SHOPIFY-1001"}`,
	`{"id":"rt-1","type":"return","sku":"TEE-BLK-M","location":"A-01","qty":1,"user":"lee","device":"returns-1","order":"SHOPIFY-1001"}`,
	`{"id":"rt-2","type":"return","sku":"MUG-WHT","location":"B-03","qty":2,"damaged":true,"user":"lee","device":"returns-1","reason":"chipped"}`,
	`{"id":"adj-1","type":"adjust","sku":"TEE-BLK-L","location":"A-01","qty":-1,"reason":"stained","user":"lee","device":"returns-1"}`,
}

func runLedgerDemo(ctx context.Context, w io.Writer, path string) error {
	l, err := ledger.Open(path, nil)
	if err != nil {
		return err
	}
	defer l.Close()
	fmt.Fprintf(w, "edged demo: a ledger at %s\n\n1. Day-One stocktake (baseline import, all lines or none)\n", path)
	events, err := ledger.ParseBaselineCSV(strings.NewReader(demoBaseline), "ana")
	if err == nil {
		_, err = l.ImportBaseline(ctx, events)
	}
	if err != nil {
		return err
	}
	printBalances(w, l)
	fmt.Fprintln(w, "\n2. Scans become events; each answer comes after the commit is durable")
	for _, line := range demoSteps {
		demoPost(ctx, w, l, line)
	}
	if err := demoCount(ctx, w, l); err != nil {
		return err
	}
	return demoReport(ctx, w, l)
}

func demoPost(ctx context.Context, w io.Writer, l *ledger.Ledger, line string) {
	e, err := ledger.DecodeEvent([]byte(line))
	if err == nil {
		var res ledger.Result
		res, err = l.Append(ctx, e)
		if err == nil {
			status := "recorded"
			if res.Duplicate {
				status = "duplicate of"
			}
			fmt.Fprintf(w, "   %-9s %-9s %3d x %-9s -> %s seq %d\n", e.ID, e.Type, e.Qty, e.SKU, status, res.Seq)
			return
		}
	}
	fmt.Fprintf(w, "   %-9s %-9s %3d x %-9s -> REJECTED: %v\n", e.ID, e.Type, e.Qty, e.SKU, err)
}

func demoCount(ctx context.Context, w io.Writer, l *ledger.Ledger) error {
	fmt.Fprintln(w, "\n3. Cycle count of A-01: the location is frozen, a worker counts blind")
	if _, err := l.StartCount(ctx, ledger.CountSession{ID: "CC-1", Locations: []string{"A-01"}, User: "sup"}); err != nil {
		return err
	}
	demoPost(ctx, w, l, `{"id":"so-1004","type":"sale","sku":"TEE-BLK-L","location":"A-01","qty":1,"user":"raj"}`)
	for sku, qty := range map[string]int64{"TEE-BLK-M": 37, "TEE-BLK-L": 22} {
		if _, err := l.RecordCount(ctx, "CC-1", sku, "A-01", qty, "kim"); err != nil {
			return err
		}
	}
	r, err := l.FinishCount(ctx, "CC-1")
	if err != nil {
		return err
	}
	for _, e := range r.Posted {
		fmt.Fprintf(w, "   variance posted: seq %d %s %+d by %s (%s)\n", e.Seq, e.SKU, e.Qty, e.User, e.Reason)
	}
	return nil
}

func demoReport(ctx context.Context, w io.Writer, l *ledger.Ledger) error {
	fmt.Fprintln(w, "\n4. Balances now")
	printBalances(w, l)
	vals, err := l.Valuation("")
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\n5. FIFO valuation")
	for _, v := range vals {
		fmt.Fprintf(w, "   %-10s %4d on hand, %d damaged, value %s\n", v.SKU, v.OnHand, v.Damaged, ledger.FormatMinor(v.Value))
	}
	st, _ := l.Status()
	fmt.Fprintf(w, "\n6. Outbox: %d events waiting for the relay; the relay acknowledges them all\n", st.Pending)
	if err := l.Ack(ctx, st.Head); err != nil {
		return err
	}
	rep, err := l.Verify()
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	fmt.Fprintf(w, "\n7. Verify: OK, %d events replayed, balances, cost layers and hash chain agree\n", rep.Events)
	return nil
}

func printBalances(w io.Writer, l *ledger.Ledger) {
	bs, _ := l.Balances("", "")
	for _, b := range bs {
		fmt.Fprintf(w, "   %-10s at %-5s %4d on hand, %d damaged\n", b.SKU, b.Location, b.OnHand, b.Damaged)
	}
}
