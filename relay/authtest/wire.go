package authtest

import (
	"fmt"
	"io"
	"net/http"
	"sync"
)

// wire is a client's transport that keeps what each request it sent
// carried, and runs a hook once before the next request goes on, so
// that a test can change the client's token while a call is in flight.
type wire struct {
	base http.RoundTripper

	mu   sync.Mutex
	sent []string // query, headers and body of each request
	hook func()
}

func (w *wire) RoundTrip(req *http.Request) (*http.Response, error) {
	w.mu.Lock()
	w.sent = append(w.sent, carried(req))
	hook := w.hook
	w.hook = nil
	w.mu.Unlock()
	if hook != nil {
		hook()
	}
	return w.base.RoundTrip(req)
}

// before makes f run when the next request is on its way, after the
// client built and signed it.
func (w *wire) before(f func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.hook = f
}

// since returns what the requests after the first n carried.
func (w *wire) since(n int) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.sent[n:]...)
}

func (w *wire) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.sent)
}

// carried is where a request can carry its token: the query, the headers
// and the body, read through GetBody so that req stays unread.
func carried(req *http.Request) string {
	s := req.URL.RawQuery + fmt.Sprint(req.Header)
	if req.GetBody == nil {
		return s
	}
	body, err := req.GetBody()
	if err != nil {
		return s
	}
	defer body.Close()
	raw, _ := io.ReadAll(body) // an in-memory copy: cannot fail
	return s + string(raw)
}
