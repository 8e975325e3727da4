package report

import (
	"cmp"
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
)

// Chart geometry: every chart is 900×360 user units, scaled by CSS.
const (
	chartW, chartH = 900, 360
	padL, padR     = 170, 30
	padT, padB     = 30, 50
)

// colour is the i-th colour of a colour-blind friendly palette
// (Okabe–Ito), repeating.
func colour(i int) string {
	const palette = "#0072B2#E69F00#009E73#D55E00#CC79A7#56B4E9#F0E442#000000"
	i %= len(palette) / 7
	return palette[i*7 : i*7+7]
}

type series struct {
	Name   string
	Values []float64
	Colour string // default: the palette in series order
}

// barChart draws horizontal bars, one per label, scaled to the largest.
func barChart(title string, labels []string, values []float64, texts []string, colour string) Chart {
	var b strings.Builder
	open(&b, title, chartH)
	top := maxOf(values)
	rowH := float64(chartH-padT-padB) / float64(max(len(labels), 1))
	for i, l := range labels {
		y := float64(padT) + float64(i)*rowH
		w := 0.0
		if top > 0 {
			w = values[i] / top * float64(chartW-padL-padR-80)
		}
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end" font-size="12">%s</text>`, padL-6, y+rowH*0.7, esc(l))
		fmt.Fprintf(&b, `<rect x="%d" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, padL, y+rowH*0.1, w, rowH*0.8, colour)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12">%s</text>`, float64(padL)+w+4, y+rowH*0.7, esc(texts[i]))
	}
	if len(labels) == 0 {
		empty(&b, chartH)
	}
	return closeChart(&b, title)
}

// lineChart draws one line per series over shared x labels, h units high.
func lineChart(title string, xs []string, ss []series, yMax float64, unit string, h int) Chart {
	var b strings.Builder
	open(&b, title, h)
	if yMax <= 0 {
		for _, s := range ss {
			yMax = max(yMax, maxOf(s.Values))
		}
	}
	yMax = niceCeil(max(yMax, 1)/4) * 4
	axes(&b, xs, yMax, unit, h)
	for i, s := range ss {
		c := cmp.Or(s.Colour, colour(i))
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2.5" points="%s"/>`, c, points(s.Values, len(xs), yMax, h))
		if len(s.Values) <= 60 {
			markers(&b, s.Values, len(xs), yMax, c, h)
		}
		if len(ss) > 1 {
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" font-size="12">%s</text>`,
				padL+i*140, h-18, c, padL+i*140+16, h-8, esc(s.Name))
		}
	}
	if len(xs) == 0 || len(ss) == 0 {
		empty(&b, h)
	}
	return closeChart(&b, title)
}

func axes(b *strings.Builder, xs []string, yMax float64, unit string, h int) {
	x0, y0, y1 := padL, h-padB, padT
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#444"/>`, x0, y0, chartW-padR, y0)
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#444"/>`, x0, y0, x0, y1)
	ticks := min(4, max(1, (y0-y1)/40))
	for i := 0; i <= ticks; i++ {
		y := float64(y0) - float64(i)/float64(ticks)*float64(y0-y1)
		fmt.Fprintf(b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>`, x0, y, chartW-padR, y)
		fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end" font-size="11">%s%s</text>`, x0-6, y+4, trimFloat(yMax*float64(i)/float64(ticks)), esc(unit))
	}
	if n := len(xs); n > 0 {
		for _, i := range []int{0, n / 2, n - 1} {
			fmt.Fprintf(b, `<text x="%.1f" y="%d" text-anchor="middle" font-size="11">%s</text>`, xPos(i, n), y0+16, esc(xs[i]))
		}
	}
}

func xPos(i, n int) float64 {
	if n <= 1 {
		return float64(padL)
	}
	return float64(padL) + float64(i)/float64(n-1)*float64(chartW-padL-padR)
}

func points(vs []float64, n int, yMax float64, h int) string {
	var b strings.Builder
	for i, v := range vs {
		y := float64(h-padB) - max(v, 0)/yMax*float64(h-padB-padT)
		fmt.Fprintf(&b, "%.1f,%.1f ", xPos(i, n), y)
	}
	return strings.TrimSpace(b.String())
}

func markers(b *strings.Builder, vs []float64, n int, yMax float64, colour string, h int) {
	for i, v := range vs {
		y := float64(h-padB) - max(v, 0)/yMax*float64(h-padB-padT)
		fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="4" fill="%s"/>`, xPos(i, n), y, colour)
	}
}

func open(b *strings.Builder, title string, h int) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s" font-family="sans-serif">`, chartW, h, esc(title))
	fmt.Fprintf(b, `<text x="%d" y="18" font-size="15" font-weight="bold">%s</text>`, 10, esc(title))
}

func empty(b *strings.Builder, h int) {
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle" font-size="14" fill="#888">no data in this period</text>`, chartW/2, h/2)
}

func closeChart(b *strings.Builder, title string) Chart {
	b.WriteString(`</svg>`)
	return Chart{Title: title, SVG: template.HTML(b.String())} // #nosec: every text is escaped above
}

func esc(s string) string { return html.EscapeString(s) }

func maxOf(vs []float64) float64 {
	m := 0.0
	for _, v := range vs {
		m = max(m, v)
	}
	return m
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	return strings.TrimSuffix(s, ".0")
}

// niceCeil rounds v up to 1, 2, 2.5 or 5 times a power of ten, so that
// the axis ticks read as round numbers.
func niceCeil(v float64) float64 {
	mag := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= v {
			return m * mag
		}
	}
	return 10 * mag
}
