package relay

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"sync"
)

// WebhookOutcome is what became of one webhook delivery.
type WebhookOutcome string

// The outcomes [WebhookStats] counts.
const (
	WebhookAccepted     WebhookOutcome = "accepted"      // stored; answered 200
	WebhookDuplicate    WebhookOutcome = "duplicate"     // its event was stored before; answered 200
	WebhookIgnored      WebhookOutcome = "ignored"       // concerns no order; answered 200 and dropped
	WebhookBadSignature WebhookOutcome = "bad_signature" // forged or wrongly keyed; answered 401
	WebhookBadRequest   WebhookOutcome = "bad_request"   // malformed or unreadable (400), or too large (413)
	WebhookNotStored    WebhookOutcome = "not_stored"    // the sink failed; answered 503, the platform retries
)

// WebhookOutcomes lists every outcome.
func WebhookOutcomes() []WebhookOutcome {
	return []WebhookOutcome{WebhookAccepted, WebhookDuplicate, WebhookIgnored, WebhookBadSignature, WebhookBadRequest, WebhookNotStored}
}

// WebhookCount is how many deliveries of one channel had one outcome.
type WebhookCount struct {
	Channel Channel
	Outcome WebhookOutcome
	N       uint64
}

// WebhookStats counts webhook deliveries per channel and outcome. The
// zero value is ready; it is safe for concurrent use.
type WebhookStats struct {
	mu sync.Mutex
	n  map[WebhookCount]uint64 // keyed with N zero
}

// Count wraps ch's webhook handler ([WebhookHandler]) to count each
// delivery. The outcome follows the answer's status (200 accepted, 401
// bad_signature, 400 bad_request, anything else not_stored) unless a 200
// was noted otherwise with [NoteWebhook]. Every outcome of ch counts
// from zero.
func (s *WebhookStats) Count(ch Channel, h http.Handler) http.Handler {
	s.mu.Lock()
	for _, o := range WebhookOutcomes() {
		s.addLocked(ch, o, 0)
	}
	s.mu.Unlock()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := &webhookNote{}
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), webhookNoteKey{}, n)))
		s.mu.Lock()
		s.addLocked(ch, n.outcome(sw.code), 1)
		s.mu.Unlock()
	})
}

func (s *WebhookStats) addLocked(ch Channel, o WebhookOutcome, d uint64) {
	if s.n == nil {
		s.n = map[WebhookCount]uint64{}
	}
	s.n[WebhookCount{Channel: ch, Outcome: o}] += d
}

// Counts returns the counts by channel, then outcome.
func (s *WebhookStats) Counts() []WebhookCount {
	s.mu.Lock()
	out := make([]WebhookCount, 0, len(s.n))
	for k, n := range s.n {
		k.N = n
		out = append(out, k)
	}
	s.mu.Unlock()
	rank := func(o WebhookOutcome) int { return slices.Index(WebhookOutcomes(), o) }
	slices.SortFunc(out, func(a, b WebhookCount) int {
		if a.Channel != b.Channel {
			return cmp.Compare(a.Channel, b.Channel)
		}
		return rank(a.Outcome) - rank(b.Outcome)
	})
	return out
}

// NoteWebhook tells the WebhookStats counting the delivery that ctx
// belongs to, if any, that a 200 answer to it means o (WebhookDuplicate,
// WebhookIgnored) rather than WebhookAccepted. stock.Engine notes
// duplicates, WebhookHandler notifications that concern no order. Safe
// from any goroutine.
func NoteWebhook(ctx context.Context, o WebhookOutcome) {
	if n, ok := ctx.Value(webhookNoteKey{}).(*webhookNote); ok {
		n.mu.Lock()
		n.o = o
		n.mu.Unlock()
	}
}

type webhookNoteKey struct{}

// webhookNote is what NoteWebhook said of one delivery.
type webhookNote struct {
	mu sync.Mutex
	o  WebhookOutcome
}

func (n *webhookNote) outcome(code int) WebhookOutcome {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch {
	case code == http.StatusOK && n.o != "":
		return n.o
	case code >= 200 && code < 300:
		return WebhookAccepted
	case code == http.StatusUnauthorized:
		return WebhookBadSignature
	case code == http.StatusBadRequest, code == http.StatusRequestEntityTooLarge:
		return WebhookBadRequest
	}
	return WebhookNotStored
}

// statusWriter remembers the status a handler answered with.
type statusWriter struct {
	http.ResponseWriter
	code  int
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.code, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap is for http.ResponseController.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
