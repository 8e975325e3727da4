package fleettest

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/edged/edged/relay"
)

// push is one stock write a relay instance made to a channel's API.
type push struct {
	instance string
	ch       relay.Channel
	at       time.Time // when the simulator answered
	status   int
}

// pushLog keeps every push the simulators answered, by instance.
type pushLog struct {
	mu  sync.Mutex
	all []push
}

// recording serves h for instance's calls to ch and logs its pushes.
func (l *pushLog) recording(instance string, ch relay.Channel, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		isPush := isStockWrite(ch, r.URL.Path, body)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		if isPush {
			l.mu.Lock()
			l.all = append(l.all, push{instance: instance, ch: ch, at: time.Now(), status: sw.status})
			l.mu.Unlock()
		}
	})
}

// isStockWrite reports whether a call to ch's API sets stock (rather than
// reading an order or a token).
func isStockWrite(ch relay.Channel, path string, body []byte) bool {
	switch ch {
	case relay.Shopify:
		return bytes.Contains(body, []byte("inventorySetQuantities"))
	case relay.Lazada:
		return strings.HasSuffix(path, "/product/stock/sellable/update")
	case relay.Shopee:
		return path == "/api/v2/product/update_stock"
	}
	return strings.HasSuffix(path, "/inventory/update")
}

// firstAfter is the first successful push to ch answered after t by an
// instance other than not.
func (l *pushLog) firstAfter(ch relay.Channel, t time.Time, not string) (push, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range l.all {
		if p.ch == ch && p.instance != not && p.status == http.StatusOK && p.at.After(t) {
			return p, true
		}
	}
	return push{}, false
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}
