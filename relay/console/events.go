package console

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// stateRefresh is how often the state pages are re-rendered for the
// stream even without a commit: their ages and lags move with time.
const stateRefresh = 2 * time.Second

// patch is one element to replace: its id and its new HTML.
type patch struct {
	ID   string `json:"id"`
	HTML string `json:"html"`
}

// feed renders the live parts of one page, by element id.
type feed func() (map[string]string, error)

// events streams a page's changed parts as server-sent events ("update",
// data {"patches":[...]}) until the client goes. It polls the source's
// version once per coalescing period, so a burst of commits costs one
// update; comments keep an idle stream alive through proxies.
func (c *console) events(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	fd, timed := c.feedOf(q)
	if fd == nil {
		http.Error(w, "unknown view; one of stock, sku, gateways, channels, instances", http.StatusBadRequest)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no") // nginx would hold the stream back
	rc := http.NewResponseController(w)
	// Registered before the first byte: a shutdown from then on ends it.
	st := stream{c: c, w: w, rc: rc, feed: fd, timed: timed, last: map[string]string{}, down: c.down.of(r)}
	since, err := strconv.ParseUint(q.Get("since"), 10, 64)
	if err == nil && since == c.opt.Source.Version() {
		// The page shows this version already: send only what changes.
		st.ver, st.sent = since, true
		if st.last, err = fd(); err != nil {
			st.last = map[string]string{}
		}
	}
	if st.send("retry: 2000\n: connected\n\n") != nil {
		return
	}
	st.run(r)
}

// stream is one client's event stream.
type stream struct {
	c        *console
	w        http.ResponseWriter
	rc       *http.ResponseController
	feed     feed
	down     <-chan struct{} // closed when the server shuts down
	timed    bool            // re-render on stateRefresh too
	ver      uint64
	sent     bool // an update (or the page) showed ver
	last     map[string]string
	rendered time.Time
}

func (s *stream) run(r *http.Request) {
	tick := time.NewTicker(s.c.opt.Coalesce)
	defer tick.Stop()
	beat := time.NewTicker(s.c.opt.Heartbeat)
	defer beat.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-s.down:
			return // the browser reconnects to whichever relay answers
		case <-beat.C:
			err = s.send(": heartbeat\n\n")
		case <-tick.C:
			err = s.update()
		}
		if err != nil {
			return // the client went away
		}
	}
}

// update sends what changed since the last update, if anything did.
func (s *stream) update() error {
	v := s.c.opt.Source.Version()
	if s.sent && v == s.ver && !(s.timed && time.Since(s.rendered) >= stateRefresh) {
		return nil
	}
	s.ver, s.rendered, s.sent = v, time.Now(), true
	frags, err := s.feed()
	if err != nil {
		s.c.log.Error("console: live update", "err", err)
		return nil
	}
	var ps []patch
	for id, html := range frags {
		if s.last[id] != html {
			ps = append(ps, patch{ID: id, HTML: html})
		}
	}
	s.last = frags
	if len(ps) == 0 {
		return nil
	}
	data, err := json.Marshal(map[string]any{"version": v, "patches": ps})
	if err != nil {
		return err
	}
	return s.send("event: update\ndata: " + string(data) + "\n\n")
}

func (s *stream) send(msg string) error {
	if _, err := fmt.Fprint(s.w, msg); err != nil {
		return err
	}
	return s.rc.Flush()
}

// feedOf is the feed of the page named by ?view=, and whether it moves
// with time.
func (c *console) feedOf(q url.Values) (feed, bool) {
	switch q.Get("view") {
	case "stock":
		return c.stockFeed(parseFilter(q)), false
	case "sku":
		return c.skuFeed(q.Get("sku")), false
	case "gateways":
		return c.one("gateways", "gateways-body", func() any { return c.gatewaysData() }), true
	case "channels":
		return c.one("channels", "channels-body", func() any { return c.channelsData() }), true
	case "instances":
		return c.one("instances", "instances-body", func() any { return c.instancesData() }), true
	}
	return nil, false
}

// stockFeed renders each row of the page and the summary.
func (c *console) stockFeed(f filter) feed {
	return func() (map[string]string, error) {
		d := c.stockData(f)
		out := make(map[string]string, len(d.Rows)+1)
		for _, row := range d.Rows {
			html, err := c.pages.fragment("stock", "stockrow", row)
			if err != nil {
				return nil, err
			}
			out["row-"+row.SKU] = html
		}
		html, err := c.pages.fragment("stock", "summary", d)
		out["stock-summary"] = html
		return out, err
	}
}

func (c *console) skuFeed(sku string) feed {
	return func() (map[string]string, error) {
		html, err := c.pages.fragment("sku", "skustock", skuData{SKU: sku, Stock: c.skuRow(sku)})
		return map[string]string{"sku-stock": html}, err
	}
}

// one renders a page's one live template under one id.
func (c *console) one(page, id string, data func() any) feed {
	return func() (map[string]string, error) {
		html, err := c.pages.fragment(page, id, data())
		return map[string]string{id: html}, err
	}
}
