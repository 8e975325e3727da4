package barcode

import (
	"regexp"
	"strings"
	"testing"
)

// benchScan is a typical GS1 DataMatrix on a pharma or food carton.
var benchScan = []byte("]d20109521234543213172512311021A\x1d3103000250\x1d21SER-000123456\x1d400PO-7781")

// BenchmarkGS1Parse compares the table-driven parser with a naive one
// written the obvious way (strings.Split on GS, a regexp for the AI, a
// map for lengths, strings for values) so the ratio can be quoted.
func BenchmarkGS1Parse(b *testing.B) {
	b.Run("decoder", func(b *testing.B) {
		var d Decoder
		b.ReportAllocs()
		b.SetBytes(int64(len(benchScan)))
		for b.Loop() {
			if _, err := d.Decode(benchScan); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("naive", func(b *testing.B) {
		p := newNaiveParser()
		b.ReportAllocs()
		b.SetBytes(int64(len(benchScan)))
		for b.Loop() {
			if _, err := p.parse(string(benchScan)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// naiveParser is the baseline: correct for the benchmark input, with
// the allocations and regexp matching a first version typically has.
type naiveParser struct {
	ai      *regexp.Regexp
	numeric *regexp.Regexp
	lengths map[string]int // fixed length, or -max for variable AIs
}

func newNaiveParser() *naiveParser {
	p := &naiveParser{ai: regexp.MustCompile(`^(\d{2,4})`), numeric: regexp.MustCompile(`^\d+$`),
		lengths: map[string]int{}}
	for _, s := range aiTable {
		if s.lo == s.hi { // ranges are expanded by the measure rule below
			n := s.maxLen()
			if !s.fixed {
				n = -n
			}
			p.lengths[s.lo] = n
		}
	}
	return p
}

func (p *naiveParser) parse(scan string) (map[string]string, error) {
	out := map[string]string{}
	for _, field := range strings.Split(strings.TrimPrefix(scan, "]d2"), "\x1d") {
		for field != "" {
			ai, n, err := p.lookup(field)
			if err != nil {
				return nil, err
			}
			if n < 0 {
				out[ai], field = field[len(ai):], ""
				continue
			}
			out[ai], field = field[len(ai):len(ai)+n], field[len(ai)+n:]
			if ai == "01" && !p.numeric.MatchString(out[ai]) {
				return nil, errAt(ErrCharset, ai, 0, "not numeric")
			}
		}
	}
	return out, nil
}

func (p *naiveParser) lookup(field string) (string, int, error) {
	m := p.ai.FindString(field)
	for k := 2; k <= len(m); k++ {
		if n, ok := p.lengths[m[:k]]; ok {
			return m[:k], n, nil
		}
		if k == 4 && strings.HasPrefix(m, "31") {
			return m[:4], 6, nil
		}
	}
	return "", 0, errAt(ErrUnknownAI, "", 0, "unknown AI in %q", field)
}

func TestNaiveBaselineAgrees(t *testing.T) {
	got, err := newNaiveParser().parse(string(benchScan))
	var d Decoder
	r, derr := d.Decode(benchScan)
	if err != nil || derr != nil || len(got) != len(r.Elements) {
		t.Fatalf("naive %v %v, decoder %s %v", got, err, render(r.Elements), derr)
	}
	for _, e := range r.Elements {
		if v, ok := got[e.AI.String()]; !ok || v != string(e.Value) {
			t.Errorf("naive %s = %q, decoder %q", e.AI, v, e.Value)
		}
	}
}
