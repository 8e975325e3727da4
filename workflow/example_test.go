package workflow_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/edged/edged/catalog"
	"github.com/edged/edged/device"
	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/workflow"
)

// A station receiving goods: a mode command, a location, a quantity and
// an item post one receive event; an unknown item is rejected.
func ExampleStation() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	led, _ := ledger.Open(filepath.Join(dir, "ledger.db"), nil)
	defer led.Close()
	cat, _ := catalog.New(catalog.Config{Items: []catalog.Item{{SKU: "MUG-RED", GTINs: []string{"5901234123457"}}}})
	rules, _ := workflow.NewRules(workflow.Config{UnitCosts: map[string]string{"MUG-RED": "4.20"}})
	st := workflow.NewStation(workflow.StationConfig{Name: "dock-1", Rules: rules, Catalog: cat, Recorder: led})

	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for _, data := range []string{"CMD:RECEIVE", "LOC:A-01-01", "QTY:12", "]E05901234123457", "]E04006381333931"} {
		at = at.Add(time.Second)
		o := st.Handle(context.Background(), scanner.Frame{Scan: device.Scan{Data: []byte(data), Raw: []byte(data), At: at}})
		line := fmt.Sprintf("%-18s %-8s %-9s", data, o.Token.Kind, o.Status)
		if o.Event != nil && o.Err == nil {
			line += fmt.Sprintf(" %s %d %s at %s", o.Event.Type, o.Event.Qty, o.Event.SKU, o.Event.Location)
		}
		if o.Err != nil {
			line += fmt.Sprintf(" %v", o.Err)
		}
		fmt.Println(strings.TrimRight(line, " "))
	}
	// Output:
	// CMD:RECEIVE        command  changed
	// LOC:A-01-01        location changed
	// QTY:12             quantity changed
	// ]E05901234123457   item     posted    receive 12 MUG-RED at A-01-01
	// ]E04006381333931   item     rejected  workflow: unknown item: "04006381333931" is not in the catalog
}
