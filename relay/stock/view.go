package stock

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/edged/edged/relay"
)

// View is the whole stock as the console shows it, at one store version:
// the same version means the same view, so a reader may cache it by
// Version (Engine.Version is cheap to poll).
type View struct {
	Version uint64
	SKUs    []SKUView // sorted by SKU
}

// SKUView is one SKU: its stock per site, the campaign locks channels
// hold on it and each of its listings.
type SKUView struct {
	SKU   string
	Sites []SiteLevel // sorted by site
	// Locks are the units each channel holds for a campaign.
	Locks    map[relay.Channel]int64
	Listings []ListingView // by channel, then site
}

// SiteLevel is a SKU's master stock at one site.
type SiteLevel struct {
	Site             string
	OnHand, Reserved int64
}

// ListingView is what one listing should offer and what its channel was
// last told.
type ListingView struct {
	Target relay.Target
	// Buffer is the safety buffer held back from this channel.
	Buffer int64
	// Offered is what the channel should show now; Told what it last
	// confirmed, -1 before any confirmation.
	Offered, Told int64
	// Pending says a newer quantity than Told is waiting to be pushed.
	Pending bool
	// Changed is when Offered last changed, ToldAt when Told was
	// confirmed; zero when unknown.
	Changed, ToldAt time.Time
}

// View computes the stock of every SKU that is mapped, stocked or locked:
// O(SKUs + listings). Only copying the state holds the engine's lock
// (a few milliseconds at 10,000 SKUs); commits do not wait for the rest.
func (e *Engine) View() View {
	st := e.viewStateNow()
	bySKU := st.skus(e.opt.Mapping.SKUs())
	out := View{Version: st.ver, SKUs: make([]SKUView, 0, len(bySKU))}
	for _, sku := range slices.Sorted(maps.Keys(bySKU)) {
		v := bySKU[sku]
		slices.SortFunc(v.Sites, func(a, b SiteLevel) int { return cmp.Compare(a.Site, b.Site) })
		v.Listings = e.listings(st, v)
		out.SKUs = append(out.SKUs, *v)
	}
	return out
}

// viewState is the part of the state a View reads, copied at one version.
type viewState struct {
	ver      uint64
	onHand   map[siteSKU]int64
	reserved map[siteSKU]int64
	locks    map[string]int64
	outbox   map[string]pushRow
}

func (e *Engine) viewStateNow() viewState {
	e.mu.Lock()
	defer e.mu.Unlock()
	return viewState{ver: e.ver, onHand: maps.Clone(e.st.onHand), reserved: maps.Clone(e.st.reserved),
		locks: maps.Clone(e.st.locks), outbox: maps.Clone(e.st.outbox)}
}

// skus gathers the sites and locks of every mapped or known SKU.
func (st viewState) skus(mapped []string) map[string]*SKUView {
	bySKU := map[string]*SKUView{}
	get := func(sku string) *SKUView {
		v, ok := bySKU[sku]
		if !ok {
			v = &SKUView{SKU: sku, Locks: map[relay.Channel]int64{}}
			bySKU[sku] = v
		}
		return v
	}
	for _, sku := range mapped {
		get(sku)
	}
	sites := map[siteSKU]bool{}
	for k := range st.onHand {
		sites[k] = true
	}
	for k := range st.reserved {
		sites[k] = true
	}
	for k := range sites {
		v := get(k.SKU)
		v.Sites = append(v.Sites, SiteLevel{Site: k.Site, OnHand: st.onHand[k], Reserved: st.reserved[k]})
	}
	for k, n := range st.locks {
		ch, sku, _ := strings.Cut(k, sep)
		get(sku).Locks[relay.Channel(ch)] = n
	}
	return bySKU
}

// listings is each mapped listing of v's SKU with its outbox entry. Its
// quantity is quantityLocked's, from v's locks: building lock keys for
// every listing would cost more than the rest of the view
// (the view tests hold the two together).
func (e *Engine) listings(st viewState, v *SKUView) []ListingView {
	targets := e.opt.Mapping.Targets(v.SKU)
	out := make([]ListingView, 0, len(targets))
	var locked int64
	for _, n := range v.Locks {
		locked += n
	}
	for _, t := range targets {
		l := ListingView{Target: t, Buffer: e.opt.Config.buffer(t.Channel), Told: -1}
		lvl := siteOf(v.Sites, t.Site) // the SKU's few sites: cheaper than the state's maps
		l.Offered = max(lvl.OnHand-lvl.Reserved-l.Buffer-(locked-v.Locks[t.Channel]), 0)
		if row, ok := st.outbox[t.Key()]; ok {
			l.Told, l.Pending = row.Told, row.pending()
			l.Changed = unixNano(row.Changed)
			l.ToldAt = unixNano(row.ToldAt)
		}
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b ListingView) int {
		return cmp.Or(cmp.Compare(a.Target.Channel, b.Target.Channel), cmp.Compare(a.Target.Site, b.Target.Site))
	})
	return out
}

func siteOf(sites []SiteLevel, site string) SiteLevel {
	for _, s := range sites {
		if s.Site == site {
			return s
		}
	}
	return SiteLevel{}
}

func unixNano(ns int64) time.Time {
	if ns <= 0 {
		return time.Time{}
	}
	return time.Unix(0, ns)
}
