package stock

import (
	"sync"
	"time"
)

// warnings holds back repeated warnings. Its zero value is ready.
type warnings struct {
	unmapped  warnLimiter // by SKU
	wrongSite onceSet     // gateway and site pairs already logged
}

const (
	// defaultWarnEvery is how often one key's warning may repeat.
	defaultWarnEvery = 10 * time.Minute
	// maxWarnKeys bounds the keys remembered: the SKUs and sites come
	// from gateways, and a faulty one could send endless new ones.
	maxWarnKeys = 4096
)

// onceSet says yes to each key the first time only, for up to
// maxWarnKeys keys; beyond, it says no (the counters still count).
type onceSet struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (o *onceSet) first(key string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.seen[key] || len(o.seen) >= maxWarnKeys {
		return false
	}
	if o.seen == nil {
		o.seen = map[string]bool{}
	}
	o.seen[key] = true
	return true
}

// warnLimiter lets the warning about a key through the first time, then at
// most once per interval with how many it held back meanwhile: an unmapped
// SKU on a busy line would otherwise log every delta. Its zero value
// repeats every 10 minutes on time.Now.
type warnLimiter struct {
	now   func() time.Time
	every time.Duration
	mu    sync.Mutex
	keys  map[string]*warnState
}

type warnState struct {
	last time.Time
	held int
}

// allow says whether the warning about key is due, and how many were held
// back since the last one let through.
func (l *warnLimiter) allow(key string) (due bool, held int) {
	now, every := time.Now, l.interval()
	if l.now != nil {
		now = l.now
	}
	t := now()
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.keys[key]
	switch {
	case s == nil:
		if l.keys == nil || len(l.keys) >= maxWarnKeys {
			l.keys = map[string]*warnState{} // forget all rather than grow without bound
		}
		l.keys[key] = &warnState{last: t}
		return true, 0
	case t.Sub(s.last) < every:
		s.held++
		return false, 0
	}
	held, s.held, s.last = s.held, 0, t
	return true, held
}

// warnUnmapped logs a delta for an SKU the mapping does not list, rate
// limited per SKU; UnknownSKUs still counts every one.
func (e *Engine) warnUnmapped(gateway, sku string) {
	due, held := e.warns.unmapped.allow(sku)
	if !due {
		return
	}
	e.log.Warn("delta for an unmapped sku: applied, pushed nowhere", "gateway", gateway, "sku", sku,
		"held_back", held, "repeats_every", e.warns.unmapped.interval())
}

func (l *warnLimiter) interval() time.Duration {
	if l.every <= 0 {
		return defaultWarnEvery
	}
	return l.every
}
