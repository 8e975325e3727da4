package simkit

import (
	"sync"
	"time"
)

// Listing is a simulator's stock of one listing, in the platform's buckets.
type Listing struct {
	// Available is what buyers can buy (Shopify available, Lazada sellable,
	// Shopee seller stock, TikTok available).
	Available int64
	// Committed is held by the platform's own orders (Lazada withhold and
	// occupy, Shopify and TikTok committed).
	Committed int64
	// Lock is campaign or promotion stock the platform fenced off.
	Lock int64
}

// Change is one change of a listing's available quantity.
type Change struct {
	Key   string
	Qty   int64
	At    time.Time
	ByAPI bool // set through the API (our push) rather than a local sale
}

// Stock is the listings of one simulated shop.
type Stock struct {
	mu       sync.Mutex
	listings map[string]*Listing
	history  []Change
	// OnChange, when set before use, is called (outside the lock) after
	// every change.
	OnChange func(Change)
}

// Put creates or replaces a listing.
func (s *Stock) Put(key string, l Listing) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listings == nil {
		s.listings = map[string]*Listing{}
	}
	s.listings[key] = &l
}

// Get returns a listing and whether it exists.
func (s *Stock) Get(key string) (Listing, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.listings[key]
	if !ok {
		return Listing{}, false
	}
	return *l, true
}

// SetAvailable sets a listing's available quantity through the API.
func (s *Stock) SetAvailable(key string, qty int64) bool {
	return s.change(key, true, func(l *Listing) bool { l.Available = qty; return true })
}

// Zero sets a listing's available to 0 on the platform's own initiative
// (Lazada's out-of-stock cancellation), not through the API.
func (s *Stock) Zero(key string) bool {
	return s.change(key, false, func(l *Listing) bool { l.Available = 0; return true })
}

// Sell moves n units from available to committed if there are enough: a
// sale the platform takes on its own, before the relay hears of it.
func (s *Stock) Sell(key string, n int64) bool {
	return s.change(key, false, func(l *Listing) bool {
		if l.Available < n {
			return false
		}
		l.Available -= n
		l.Committed += n
		return true
	})
}

// Release moves n committed units back to available (a cancellation).
func (s *Stock) Release(key string, n int64) bool {
	return s.change(key, false, func(l *Listing) bool {
		n = min(n, l.Committed)
		l.Committed -= n
		l.Available += n
		return true
	})
}

func (s *Stock) change(key string, api bool, fn func(*Listing) bool) bool {
	s.mu.Lock()
	l, ok := s.listings[key]
	if !ok || !fn(l) {
		s.mu.Unlock()
		return false
	}
	c := Change{Key: key, Qty: l.Available, At: time.Now(), ByAPI: api}
	s.history = append(s.history, c)
	hook := s.OnChange
	s.mu.Unlock()
	if hook != nil {
		hook(c)
	}
	return true
}

// History returns every change so far.
func (s *Stock) History() []Change {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Change(nil), s.history...)
}

// Window counts requests per second to enforce a platform rate limit.
type Window struct {
	mu    sync.Mutex
	sec   int64
	count int
}

// Allow counts a request at now and reports whether it is within limit per
// second; limit ≤ 0 allows everything.
func (w *Window) Allow(now time.Time, limit int) bool {
	if limit <= 0 {
		return true
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if s := now.Unix(); s != w.sec {
		w.sec, w.count = s, 0
	}
	w.count++
	return w.count <= limit
}
