package discover

import (
	"cmp"
	"slices"

	"github.com/edged/edged/relay"
)

// Diff is how a discovered mapping differs from the loaded one.
type Diff struct {
	// Added are discovered rows for listings the loaded mapping lacks;
	// Removed are loaded rows whose listing was not discovered (delisted,
	// its seller SKU changed, or now a duplicate).
	Added   []relay.Target `json:"added"`
	Removed []relay.Target `json:"removed"`
	// Changed are listings mapped in both, to another SKU, site or seller
	// SKU.
	Changed []Change `json:"changed"`
}

// Change is one listing mapped differently.
type Change struct {
	Loaded     relay.Target `json:"loaded"`
	Discovered relay.Target `json:"discovered"`
}

// Empty reports whether nothing drifted.
func (d Diff) Empty() bool { return len(d.Added)+len(d.Removed)+len(d.Changed) == 0 }

// Compare diffs the loaded rows with the discovered ones, listing by
// listing (Target.Key). Only the channels in read are compared: a
// channel not read (off, or failing) has not drifted. A discovered row
// without a site matches a loaded row at any site, and a loaded row
// without a seller SKU one with any seller SKU.
func Compare(loaded, discovered []relay.Target, read []relay.Channel) Diff {
	in := func(t relay.Target) bool { return slices.Contains(read, t.Channel) }
	old := map[string]relay.Target{}
	for _, t := range loaded {
		if in(t) {
			old[t.Key()] = t
		}
	}
	var d Diff
	seen := map[string]bool{}
	for _, t := range discovered {
		if !in(t) {
			continue
		}
		seen[t.Key()] = true
		o, ok := old[t.Key()]
		switch {
		case !ok:
			d.Added = append(d.Added, t)
		case differs(o, t):
			d.Changed = append(d.Changed, Change{Loaded: o, Discovered: t})
		}
	}
	for _, t := range loaded {
		if in(t) && !seen[t.Key()] {
			d.Removed = append(d.Removed, t)
		}
	}
	sortRows(d.Added)
	sortRows(d.Removed)
	slices.SortFunc(d.Changed, func(a, b Change) int { return cmp.Compare(a.Loaded.Key(), b.Loaded.Key()) })
	return d
}

func differs(loaded, found relay.Target) bool {
	if loaded.SKU != found.SKU || found.Site != "" && loaded.Site != found.Site {
		return true
	}
	return loaded.SellerSKU != "" && loaded.SellerSKU != found.SellerSKU
}
