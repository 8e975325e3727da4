package console

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// Failed-login limits per client address: after maxFailures within
// failureWindow, further attempts are refused until the window passes,
// so a password cannot be guessed at bcrypt's speed.
const (
	maxFailures   = 5
	failureWindow = time.Minute
	// maxClients bounds the table; past it, the oldest entries go.
	maxClients = 10000
)

// throttle counts failed logins per client address.
type throttle struct {
	now func() time.Time
	mu  sync.Mutex
	// failures per client: the count and when the first of them was.
	failures map[string]failures
}

type failures struct {
	n     int
	first time.Time
}

func newThrottle(now func() time.Time) *throttle {
	return &throttle{now: now, failures: map[string]failures{}}
}

// wait is how long client must wait before trying again; 0: it may try.
func (t *throttle) wait(client string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	f, ok := t.failures[client]
	if !ok || f.n < maxFailures {
		return 0
	}
	left := f.first.Add(failureWindow).Sub(t.now())
	if left <= 0 {
		delete(t.failures, client)
		return 0
	}
	return left
}

// fail counts a failed login of client.
func (t *throttle) fail(client string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	f := t.failures[client]
	if f.n == 0 || now.Sub(f.first) >= failureWindow {
		f = failures{first: now}
	}
	f.n++
	if len(t.failures) >= maxClients {
		t.pruneLocked(now)
	}
	t.failures[client] = f
}

func (t *throttle) pruneLocked(now time.Time) {
	for c, f := range t.failures {
		if now.Sub(f.first) >= failureWindow || len(t.failures) >= maxClients {
			delete(t.failures, c)
		}
	}
}

// clientOf is the request's peer address without its port. Behind a
// proxy every client shares the proxy's address, so the limit is then
// the proxy's: a guesser slows everyone's logins down, not their own only.
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
