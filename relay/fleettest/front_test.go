package fleettest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
	"testing"
	"time"
)

// front is the load balancer in front of the relays' webhooks: it hands
// each delivery to the next relay in turn and, like a balancer whose
// health check has not noticed yet, answers 502 when that one is down.
type front struct {
	addrs   []string
	next    atomic.Uint64
	refused atomic.Int64
	srv     *httptest.Server
}

func newFront(tb testing.TB, addrs []string) *front {
	f := &front{addrs: addrs}
	p := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			addr := f.addrs[int(f.next.Add(1)%uint64(len(f.addrs)))]
			r.SetURL(&url.URL{Scheme: "http", Host: addr})
		},
		ErrorHandler: func(w http.ResponseWriter, _ *http.Request, _ error) {
			f.refused.Add(1)
			w.WriteHeader(http.StatusBadGateway)
		},
	}
	f.srv = httptest.NewServer(p)
	tb.Cleanup(f.srv.Close)
	return f
}

// URL is where the platforms send webhooks: URL/webhooks/<channel>.
func (f *front) URL() string { return f.srv.URL + "/webhooks" }

// redeliverer is the simulators' HTTP transport for notifications. The
// simulators' emitters retry at once and only Retries times (none by
// default), which would lose a webhook that hit a dead relay or the
// database's restart; the platforms instead retry for hours (Shopify 8
// times over 4 h, TikTok at +2 min, +30 min, ...). This retries a refused
// delivery (no answer, or 5xx) with a time-compressed backoff until it is
// taken or the caller's context ends.
type redeliverer struct {
	next        http.RoundTripper
	first, most time.Duration
	redelivered atomic.Int64
}

func newRedeliverer() *redeliverer {
	return &redeliverer{next: http.DefaultTransport, first: 20 * time.Millisecond, most: 500 * time.Millisecond}
}

// RoundTrip implements http.RoundTripper.
func (r *redeliverer) RoundTrip(req *http.Request) (*http.Response, error) {
	wait := r.first
	for {
		resp, err := r.once(req)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		r.redelivered.Add(1)
		if werr := sleep(req.Context(), wait); werr != nil {
			return nil, fmt.Errorf("redelivery to %s given up: %w (last: %v)", req.URL, werr, err)
		}
		wait = min(2*wait, r.most)
	}
}

func (r *redeliverer) once(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		out.Body = body
	}
	return r.next.RoundTrip(out)
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
