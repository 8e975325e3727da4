package status

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/discover"
)

// writeDrift shows the last mapping drift check and a few of its rows.
func writeDrift(w io.Writer, c *discover.Check) {
	if c == nil {
		return
	}
	chans := make([]string, len(c.Channels))
	for i, ch := range c.Channels {
		chans[i] = string(ch)
	}
	fmt.Fprintf(w, "\nMAPPING DRIFT\tchecked %s (%v) on %s\n", c.At.Format("2006-01-02 15:04:05"),
		c.Took.Round(time.Millisecond), strings.Join(chans, ","))
	if c.Drifted() {
		fmt.Fprintf(w, "  %d added, %d removed, %d changed: run `relay mapping discover` and review the new file\n", c.Added, c.Removed, c.Changed)
	} else {
		fmt.Fprintln(w, "  the mapping file matches the channels' listings")
	}
	fmt.Fprintf(w, "  seller SKUs: %d unknown, %d missing, %d duplicate, %d blank\n", c.Unknown, c.Missing, c.Duplicates, c.Blank)
	for _, t := range firstFew(c.Diff.Added) {
		fmt.Fprintf(w, "  + %s\n", row(t))
	}
	for _, t := range firstFew(c.Diff.Removed) {
		fmt.Fprintf(w, "  - %s\n", row(t))
	}
	for _, ch := range firstFew(c.Diff.Changed) {
		fmt.Fprintf(w, "  ~ %s now sku %s\n", row(ch.Loaded), ch.Discovered.SKU)
	}
	for _, e := range c.Errors {
		fmt.Fprintf(w, "  error: %s\n", e)
	}
}

func firstFew[T any](s []T) []T { return s[:min(len(s), 5)] }

func row(t relay.Target) string {
	s := fmt.Sprintf("%s %s %s/%s", t.Channel, t.SKU, t.Item, t.Variant)
	if t.Location != "" {
		s += "@" + t.Location
	}
	return s
}
