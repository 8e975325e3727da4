package simkit

import (
	"bytes"
	"io"
	"net/http"
	"sync"
	"time"
)

// Request is one recorded request, raw as received.
type Request struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
}

// Recorder keeps every request a simulator served.
type Recorder struct {
	mu   sync.Mutex
	reqs []Request
}

// Requests returns a copy of the recorded requests.
func (r *Recorder) Requests() []Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Request(nil), r.reqs...)
}

// Wrap records each request (restoring its body) and then applies faults.
func (r *Recorder) Wrap(f *Faults, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(req.Body, 8<<20))
		req.Body = io.NopCloser(bytes.NewReader(body))
		r.mu.Lock()
		r.reqs = append(r.reqs, Request{req.Method, req.URL.Path, req.URL.RawQuery, req.Header.Clone(), body})
		r.mu.Unlock()
		if f.serve(w, req.URL.Path) {
			return
		}
		next.ServeHTTP(w, req)
	})
}

// Fault is an injected answer.
type Fault struct {
	// Status is the HTTP status to answer with.
	Status int
	// Body is written as is; RetryAfter, when set, becomes the header.
	Body       string
	RetryAfter string
	// Delay holds the answer back (a slow server).
	Delay time.Duration
}

// Faults holds injected answers per path ("" matches every path).
type Faults struct {
	mu    sync.Mutex
	queue map[string][]Fault
}

// Inject makes the next n requests to path get f.
func (f *Faults) Inject(path string, n int, ft Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.queue == nil {
		f.queue = map[string][]Fault{}
	}
	for range n {
		f.queue[path] = append(f.queue[path], ft)
	}
}

func (f *Faults) next(path string) (Fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range []string{path, ""} {
		if q := f.queue[p]; len(q) > 0 {
			f.queue[p] = q[1:]
			return q[0], true
		}
	}
	return Fault{}, false
}

func (f *Faults) serve(w http.ResponseWriter, path string) bool {
	ft, ok := f.next(path)
	if !ok {
		return false
	}
	time.Sleep(ft.Delay)
	if ft.RetryAfter != "" {
		w.Header().Set("Retry-After", ft.RetryAfter)
	}
	w.WriteHeader(ft.Status)
	io.WriteString(w, ft.Body)
	return true
}
