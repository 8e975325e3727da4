package console

import (
	"fmt"
	"slices"
)

// flagsOf says, for every listing whose channel disagrees with the
// master stock, why: a push pending or failed, or the channel showing
// another quantity. Only the shown site and channels count.
func flagsOf(s SKU, f filter) []string {
	var out []string
	for _, l := range s.Listings {
		if f.showsListing(l) && disagrees(l) {
			out = append(out, listingFlag(l))
		}
	}
	return out
}

// notesOf says what shapes the SKU's offers without being a
// disagreement: an enabled channel it is not listed on (a seller may
// sell a SKU on some channels only) and campaign locks.
func notesOf(s SKU, f filter, channels []string) []string {
	var out []string
	if len(s.Listings) > 0 || len(s.Sites) > 0 {
		for _, ch := range channels {
			if f.showsChannel(ch) && !listedOn(s, ch) {
				out = append(out, fmt.Sprintf("%s: not listed (no mapping row for this SKU)", ch))
			}
		}
	}
	for _, lk := range s.Locks {
		if lk.Qty > 0 {
			out = append(out, fmt.Sprintf("%s holds %d for a campaign: the other channels do not offer them", lk.Channel, lk.Qty))
		}
	}
	return out
}

func listingFlag(l Listing) string {
	where := l.Channel + " " + l.Site
	told := fmt.Sprintf("offers %d, told %d", l.Offered, l.Told)
	if l.Told < 0 {
		told = fmt.Sprintf("offers %d, never told", l.Offered)
	}
	switch {
	case l.Error != "":
		return fmt.Sprintf("%s: last push failed: %s (%s)", where, l.Error, told)
	case l.Pending && !l.Changed.IsZero():
		return fmt.Sprintf("%s: push pending since %s (%s)", where, clock(l.Changed), told)
	case l.Pending:
		return fmt.Sprintf("%s: push pending (%s)", where, told)
	}
	return fmt.Sprintf("%s: the channel shows another quantity (%s)", where, told)
}

// disagrees reports whether the channel was told something else than it
// should offer, or is about to be. A listing never changed since the
// relay started has no outbox entry: the periodic reconciliation pushes
// it, unrecorded, so it does not count.
func disagrees(l Listing) bool {
	if l.Error != "" {
		return true
	}
	return l.Offered != l.Told && (l.Pending || l.Told >= 0)
}

func listedOn(s SKU, ch string) bool {
	return slices.ContainsFunc(s.Listings, func(l Listing) bool { return l.Channel == ch })
}
