package console

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
)

// stockRow is one SKU as the stock table shows it.
type stockRow struct {
	SKU, Link string
	Sites     []Site
	Reserved  int64
	Locks     []Lock
	Cells     []channelCell // one per shown channel
	// Flags are disagreements with their cause; Notes what else shapes
	// the offers (locks, channels the SKU is not listed on).
	Flags, Notes []string
}

// channelCell is what one channel offers of a SKU, per site.
type channelCell struct {
	Channel  string
	Listings []Listing
}

// stockData is the stock page.
type stockData struct {
	Filter             filter
	Channels, AllSites []string // shown columns; the site filter's options
	AllChannels        []string
	Rows               []stockRow
	Total, Page, Pages int
	Prev, Next, Events string
	Disagreeing        int // rows with a flag among the matching
}

// stockRows selects, sorts and pages the SKUs; total counts the matches.
// Only the page's rows are built; every match is checked for a flag, for
// the count and the sort.
func stockRows(all []SKU, f filter, channels []string) (rows []stockRow, total, disagreeing int) {
	type match struct {
		sku     *SKU
		flagged bool
	}
	var matched []match
	for i := range all {
		if f.matches(all[i]) {
			m := match{sku: &all[i], flagged: len(flagsOf(all[i], f)) > 0}
			if m.flagged {
				disagreeing++
			}
			matched = append(matched, m)
		}
	}
	if f.Disagreeing {
		slices.SortStableFunc(matched, func(a, b match) int { return boolOrder(b.flagged, a.flagged) })
	}
	start := min((f.Page-1)*pageSize, len(matched))
	for _, m := range matched[start:min(start+pageSize, len(matched))] {
		rows = append(rows, rowOf(*m.sku, f, channels))
	}
	return rows, len(matched), disagreeing
}

func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func rowOf(s SKU, f filter, channels []string) stockRow {
	r := stockRow{SKU: s.SKU, Link: Prefix + "sku/" + url.PathEscape(s.SKU), Flags: flagsOf(s, f),
		Notes: notesOf(s, f, channels)}
	for _, st := range s.Sites {
		if f.Site == "" || st.Site == f.Site {
			r.Sites = append(r.Sites, st)
			r.Reserved += st.Reserved
		}
	}
	for _, lk := range s.Locks {
		if lk.Qty > 0 {
			r.Locks = append(r.Locks, lk)
		}
	}
	for _, ch := range shownChannels(channels, f) {
		cell := channelCell{Channel: ch}
		for _, l := range s.Listings {
			if l.Channel == ch && f.showsListing(l) {
				cell.Listings = append(cell.Listings, l)
			}
		}
		r.Cells = append(r.Cells, cell)
	}
	return r
}

func shownChannels(channels []string, f filter) []string {
	if f.Channel == "" {
		return channels
	}
	return []string{f.Channel}
}

func (c *console) stockPage(w http.ResponseWriter, r *http.Request) {
	f := parseFilter(r.URL.Query())
	d := c.stockData(f)
	c.render(w, r, http.StatusOK, "stock", d)
}

func (c *console) stockData(f filter) stockData {
	ver := c.opt.Source.Version() // before the stock: an update in between is sent again, not lost
	all := c.opt.Source.Stock()
	channels := channelNames(c.opt.Source.Channels())
	d := stockData{Filter: f, Channels: shownChannels(channels, f), AllChannels: channels, AllSites: sitesOf(all)}
	d.Rows, d.Total, d.Disagreeing = stockRows(all, f, channels)
	d.Page, d.Pages = f.Page, max(1, (d.Total+pageSize-1)/pageSize)
	if f.Page > 1 {
		d.Prev = Prefix + "?" + f.query(f.Page-1)
	}
	if f.Page < d.Pages {
		d.Next = Prefix + "?" + f.query(f.Page+1)
	}
	d.Events = Prefix + "events?" + withView(f.query(f.Page), "stock") + "&since=" + strconv.FormatUint(ver, 10)
	return d
}

func withView(q, view string) string {
	if q == "" {
		return "view=" + view
	}
	return "view=" + view + "&" + q
}

func channelNames(chs []Channel) []string {
	out := make([]string, len(chs))
	for i, c := range chs {
		out[i] = c.Name
	}
	return out
}

// sitesOf is every site any SKU is stocked or listed at, sorted.
func sitesOf(all []SKU) []string {
	seen := map[string]bool{}
	for _, s := range all {
		for _, st := range s.Sites {
			seen[st.Site] = true
		}
		for _, l := range s.Listings {
			seen[l.Site] = true
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}
