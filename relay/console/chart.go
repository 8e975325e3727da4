package console

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/edged/edged/relay/audit"
)

// Chart geometry, in SVG user units.
const (
	chartW, chartH = 720, 220
	padL, padR     = 48, 12
	padT, padB     = 12, 28
)

// palette has a contrast of at least 4.5:1 on white, one colour per site.
var palette = [...]string{"#1f4e99", "#a6331b", "#1d6b34", "#6a2c91", "#7a5a00", "#005f6b"}

// chart is on hand over time per site, drawn as step lines.
type chart struct {
	Series         []series
	MaxQty         int64
	From, To       time.Time
	W, H           int
	YTicks, XTicks []tick
}

type series struct {
	Site, Colour, Points string
	Last                 int64
}

type tick struct {
	Pos   int
	Label string
	// Anchor is the SVG text-anchor: the end labels stay inside.
	Anchor string
}

// newChart plots the rows that carry OnHand (rows come newest first).
func newChart(rows []audit.Row) chart {
	c := chart{W: chartW, H: chartH}
	bySite := map[string][]audit.Row{}
	for i := len(rows) - 1; i >= 0; i-- {
		r := rows[i]
		if r.OnHand == nil {
			continue
		}
		bySite[r.Site] = append(bySite[r.Site], r)
		c.MaxQty = max(c.MaxQty, *r.OnHand)
		if c.From.IsZero() || r.Recorded.Before(c.From) {
			c.From = r.Recorded
		}
		c.To = later(c.To, r.Recorded)
	}
	if len(bySite) == 0 {
		return c
	}
	sites := make([]string, 0, len(bySite))
	for s := range bySite {
		sites = append(sites, s)
	}
	slices.Sort(sites)
	for i, s := range sites {
		c.Series = append(c.Series, c.line(s, palette[i%len(palette)], bySite[s]))
	}
	c.ticks()
	return c
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// line is a step path: on hand holds until the next row changes it.
func (c chart) line(site, colour string, rows []audit.Row) series {
	var b strings.Builder
	y := 0
	for i, r := range rows {
		x := c.x(r.Recorded)
		if i > 0 {
			fmt.Fprintf(&b, " %d,%d", x, y)
		}
		y = c.y(*r.OnHand)
		fmt.Fprintf(&b, " %d,%d", x, y)
	}
	fmt.Fprintf(&b, " %d,%d", c.x(c.To), y)
	return series{Site: site, Colour: colour, Points: strings.TrimSpace(b.String()), Last: *rows[len(rows)-1].OnHand}
}

func (c chart) x(t time.Time) int {
	span := c.To.Sub(c.From)
	if span <= 0 {
		return padL
	}
	return padL + int(float64(chartW-padL-padR)*float64(t.Sub(c.From))/float64(span))
}

func (c chart) y(q int64) int {
	top := max(c.MaxQty, 1)
	return chartH - padB - int(float64(chartH-padT-padB)*float64(max(q, 0))/float64(top))
}

// ticks labels the axes: 0, half and the top of on hand; the first and
// last time.
func (c *chart) ticks() {
	for _, q := range []int64{0, c.MaxQty / 2, c.MaxQty} {
		if len(c.YTicks) == 0 || c.YTicks[len(c.YTicks)-1].Label != fmt.Sprint(q) {
			c.YTicks = append(c.YTicks, tick{Pos: c.y(q), Label: fmt.Sprint(q), Anchor: "end"})
		}
	}
	c.XTicks = []tick{{Pos: c.x(c.From), Label: stamp(c.From), Anchor: "start"}, {Pos: c.x(c.To), Label: stamp(c.To), Anchor: "end"}}
}
