package report

import (
	"cmp"
	"slices"
	"strings"
)

// Class is an ABC class.
type Class string

// ABC classes.
const (
	ClassA Class = "A"
	ClassB Class = "B"
	ClassC Class = "C"
)

// Classification maps each SKU to its class.
type Classification map[string]Class

// Of returns the class of sku; unknown SKUs are C.
func (c Classification) Of(sku string) Class {
	if k, ok := c[sku]; ok {
		return k
	}
	return ClassC
}

// Ranked returns the SKUs by net units sold, highest first, ties by SKU.
func Ranked(d *Dataset) []*SKUStats {
	r := slices.Clone(d.SKUs)
	slices.SortStableFunc(r, func(a, b *SKUStats) int {
		if c := cmp.Compare(b.NetSold(), a.NetSold()); c != 0 {
			return c
		}
		return strings.Compare(a.SKU, b.SKU)
	})
	return r
}

// Classify ranks SKUs by net units sold: A while the units before a SKU
// are under aShare of the total, B under aShare+bShare, C after that and
// for every SKU that sold nothing.
func Classify(d *Dataset, aShare, bShare float64) Classification {
	ranked := Ranked(d)
	var total int64
	for _, s := range ranked {
		total += s.NetSold()
	}
	out := make(Classification, len(ranked))
	var before int64
	for _, s := range ranked {
		share := 0.0
		if total > 0 {
			share = float64(before) / float64(total)
		}
		switch {
		case s.NetSold() > 0 && share < aShare:
			out[s.SKU] = ClassA
		case s.NetSold() > 0 && share < aShare+bShare:
			out[s.SKU] = ClassB
		default:
			out[s.SKU] = ClassC
		}
		before += s.NetSold()
	}
	return out
}
