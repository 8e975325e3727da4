package console

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// pageSize is the stock page's rows per page.
const pageSize = 100

// filter is the stock page's query: ?q=&site=&channel=&sort=disagreeing&page=.
type filter struct {
	Q, Site, Channel string
	Disagreeing      bool
	Page             int // from 1
}

func parseFilter(v url.Values) filter {
	f := filter{Q: strings.TrimSpace(v.Get("q")), Site: v.Get("site"), Channel: v.Get("channel"),
		Disagreeing: v.Get("sort") == "disagreeing", Page: 1}
	if n, err := strconv.Atoi(v.Get("page")); err == nil && n > 1 {
		f.Page = n
	}
	return f
}

// query is f as a query string, for links and the event stream.
func (f filter) query(page int) string {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", f.Q)
	set("site", f.Site)
	set("channel", f.Channel)
	if f.Disagreeing {
		v.Set("sort", "disagreeing")
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return v.Encode()
}

func (f filter) showsChannel(ch string) bool { return f.Channel == "" || f.Channel == ch }

func (f filter) showsListing(l Listing) bool {
	return f.showsChannel(l.Channel) && (f.Site == "" || f.Site == l.Site)
}

// matches reports whether s is selected by the search and the filters.
func (f filter) matches(s SKU) bool {
	if f.Q != "" && !strings.Contains(strings.ToLower(s.SKU), strings.ToLower(f.Q)) {
		return false
	}
	if f.Site != "" && !slices.ContainsFunc(s.Sites, func(x Site) bool { return x.Site == f.Site }) &&
		!slices.ContainsFunc(s.Listings, func(l Listing) bool { return l.Site == f.Site }) {
		return false
	}
	return f.Channel == "" || listedOn(s, f.Channel)
}
