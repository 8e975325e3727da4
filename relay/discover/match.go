package discover

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/edged/edged/relay"
)

// Options tune Match.
type Options struct {
	// Site is the site column of every row; empty means the SKU's stock at
	// every site, as in a hand-written mapping without a site.
	Site string
}

// Result is a discovered mapping and what could not be mapped.
type Result struct {
	// Rows are the mapping rows in file order (see WriteCSV).
	Rows   []relay.Target
	Report Report
}

// Match maps the catalog's SKUs to the listings read from each channel
// (a channel present with no listings was read and found empty). It
// never fails: whatever cannot be mapped is in the report.
func Match(catalog []string, listings map[relay.Channel][]relay.Listing, opt Options) Result {
	known := catalogSet(catalog)
	res := Result{Report: Report{Catalog: len(known)}}
	for _, ch := range relay.Channels() {
		ls, ok := listings[ch]
		if !ok {
			continue
		}
		rows, rep := matchChannel(ch, known, ls, opt)
		res.Rows = append(res.Rows, rows...)
		res.Report.Channels = append(res.Report.Channels, rep)
	}
	sortRows(res.Rows)
	return res
}

func catalogSet(catalog []string) map[string]bool {
	known := make(map[string]bool, len(catalog))
	for _, s := range catalog {
		if s = strings.TrimSpace(s); s != "" {
			known[s] = true
		}
	}
	return known
}

func matchChannel(ch relay.Channel, known map[string]bool, ls []relay.Listing, opt Options) ([]relay.Target, ChannelReport) {
	rep := ChannelReport{Channel: ch, Listings: len(ls)}
	bySKU := map[string][]relay.Listing{}
	for _, l := range dedupe(ls) {
		l.Channel, l.SellerSKU = ch, strings.TrimSpace(l.SellerSKU)
		switch {
		case l.SellerSKU == "":
			rep.Blank = append(rep.Blank, l)
		case ch == relay.Shopify && l.Location == "":
			rep.Unstocked = append(rep.Unstocked, l)
		default:
			bySKU[l.SellerSKU] = append(bySKU[l.SellerSKU], l)
		}
	}
	var rows []relay.Target
	for _, sku := range slices.Sorted(maps.Keys(bySKU)) {
		group := bySKU[sku]
		switch {
		case distinctListings(group) > 1:
			rep.Duplicates = append(rep.Duplicates, Duplicate{SellerSKU: sku, Known: known[sku], Listings: group})
		case !known[sku]:
			rep.Unknown = append(rep.Unknown, group...)
		default:
			rep.Matched++
			for _, l := range group {
				rows = append(rows, l.Target(sku, opt.Site))
			}
		}
	}
	rep.Rows = len(rows)
	rep.Missing = missing(known, bySKU)
	return rows, rep
}

// dedupe drops a listing repeated at the same location (a channel that
// answered one twice across pages).
func dedupe(ls []relay.Listing) []relay.Listing {
	seen := make(map[string]bool, len(ls))
	out := make([]relay.Listing, 0, len(ls))
	for _, l := range ls {
		k := l.Item + "|" + l.Variant + "|" + l.Location
		if !seen[k] {
			seen[k] = true
			out = append(out, l)
		}
	}
	return out
}

// distinctListings counts the (item, variant) pairs: locations of one
// variant are one listing.
func distinctListings(group []relay.Listing) int {
	seen := map[string]bool{}
	for _, l := range group {
		seen[l.Item+"|"+l.Variant] = true
	}
	return len(seen)
}

// missing are the catalog SKUs listed nowhere on the channel; a
// duplicated SKU is listed, and reported as a duplicate instead.
func missing(known map[string]bool, listed map[string][]relay.Listing) []string {
	var out []string
	for sku := range known {
		if _, ok := listed[sku]; !ok {
			out = append(out, sku)
		}
	}
	slices.Sort(out)
	return out
}

// sortRows orders rows by channel (relay.Channels order), SKU, site and
// listing.
func sortRows(rows []relay.Target) {
	order := map[relay.Channel]int{}
	for i, ch := range relay.Channels() {
		order[ch] = i
	}
	slices.SortFunc(rows, func(a, b relay.Target) int {
		return cmp.Or(cmp.Compare(order[a.Channel], order[b.Channel]), cmp.Compare(a.SKU, b.SKU),
			cmp.Compare(a.Site, b.Site), cmp.Compare(a.Key(), b.Key()))
	})
}
