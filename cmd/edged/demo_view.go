package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/sys/unix"

	"github.com/edged/edged/gateway"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/relay"
)

// demoView redraws the live view: on a terminal in place, elsewhere
// (pipes, CI logs) every few seconds as plain text.
type demoView struct {
	w        io.Writer
	on, tty  bool
	lastDraw time.Time
}

func newDemoView(w io.Writer, on bool) *demoView {
	f, ok := w.(*os.File)
	tty := false
	if ok {
		_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
		tty = err == nil
	}
	return &demoView{w: w, on: on, tty: tty}
}

func (v *demoView) draw(p demoParts) {
	l, g := p.l, p.g
	if !v.on || (!v.tty && time.Since(v.lastDraw) < 5*time.Second) {
		return
	}
	v.lastDraw = time.Now()
	var b strings.Builder
	if v.tty {
		b.WriteString("\x1b[H\x1b[2J")
	}
	h := g.Health()
	fmt.Fprintf(&b, "edged demo — site %s, gateway %s, up %s\n%s\n\n", h.Site, h.Gateway,
		time.Duration(h.Uptime*float64(time.Second)).Round(time.Second), p.cloud.console.line())
	writeStock(&b, l, p.cloud.levels())
	writeChannels(&b, p.cloud)
	writeLatest(&b, l)
	writeDevices(&b, h)
	io.WriteString(v.w, b.String())
}

// writeStock is the SKU × location on-hand grid, with the relay's master
// quantity beside it.
func writeStock(b *strings.Builder, l *ledger.Ledger, relay map[string]int64) {
	bs, _ := l.Balances("", "")
	locs := map[string]bool{}
	grid := map[string]map[string]int64{}
	for _, x := range bs {
		locs[x.Location] = true
		if grid[x.SKU] == nil {
			grid[x.SKU] = map[string]int64{}
		}
		grid[x.SKU][x.Location] = x.OnHand
	}
	cols := sortedSet(locs)
	tw := tabwriter.NewWriter(b, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "ON HAND\t%s\tRELAY\t\n", strings.Join(cols, "\t"))
	for _, sku := range sortedKeysOf(grid) {
		row := []string{sku}
		for _, c := range cols {
			row = append(row, fmt.Sprint(grid[sku][c]))
		}
		row = append(row, fmt.Sprint(relay[sku]))
		fmt.Fprintf(tw, "%s\t\n", strings.Join(row, "\t"))
	}
	tw.Flush()
}

// writeLatest lists the last movements.
func writeLatest(b *strings.Builder, l *ledger.Ledger) {
	st, _ := l.Status()
	after := uint64(0)
	if st.Head > 8 {
		after = st.Head - 8
	}
	fmt.Fprintf(b, "\nlatest movements (%d recorded)\n", st.Head)
	_ = l.Log(ledger.LogFilter{AfterSeq: after}, func(e *ledger.Event) error {
		fmt.Fprintf(b, "  %4d %s %-8s %-9s %s %s\n", e.Seq, e.Time.Format("15:04:05"), e.Type, e.SKU, postingsText(e), refText(e))
		return nil
	})
}

func writeDevices(b *strings.Builder, h gateway.Health) {
	fmt.Fprintln(b, "\ndevices")
	for _, r := range h.Readers {
		fmt.Fprintf(b, "  reader %-10s %-10s %6d reads %5.0f/s  %d drops\n", r.Name, r.State, r.Reads, r.ReadsPerSecond, r.Drops)
	}
	for _, s := range h.Scanners {
		state := "online"
		if !s.Online {
			state = "OFFLINE"
		}
		fmt.Fprintf(b, "  scanner %-9s %-10s %6d scans, %d rejected %s\n", s.Name, state, s.Scans, s.Rejected, s.LastErr)
	}
	m := h.Movements
	fmt.Fprintf(b, "  rfid: %d tags present; received %d, moved %d, shipped %d, already held %d\n",
		h.Inventory.Tracked, m.Received, m.Transferred, m.Shipped, m.AlreadyHeld)
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedKeysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// writeChannels shows what each marketplace offers of each SKU.
func writeChannels(b *strings.Builder, c *demoCloud) {
	tw := tabwriter.NewWriter(b, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\nON SALE\tshopify\tlazada\tshopee\ttiktok\t\n")
	for i, it := range demoItems {
		fmt.Fprintf(tw, "%s", it.sku)
		for _, ch := range relay.Channels() {
			fmt.Fprintf(tw, "\t%d", c.market.shown(ch, i))
		}
		fmt.Fprintf(tw, "\t\n")
	}
	tw.Flush()
	fmt.Fprintf(b, "  %d marketplace orders; pushes: %s (safety buffer 2)\n", c.sales, pushesLine(c.pushes()))
}
