package redacttest

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/simkit"
)

// Timeout is the client timeout the adapters' tests use; the timeout
// failure holds the simulator's answer back three times as long.
const Timeout = 500 * time.Millisecond

// Failure is one way a channel fails.
type Failure struct {
	Name string
	// WrongToken means the client must be given a token the simulator
	// does not know.
	WrongToken bool
	// Cause, when set, makes the simulator fail, before the push; expire
	// is the simulator's ExpireTokens.
	Cause func(f *simkit.Faults, expire func(), srv *httptest.Server)
	// Check looks at the channel status and at the error of a direct
	// call: the classification must survive the redaction.
	Check func(t *testing.T, st relay.ChannelStatus, err error)
}

// Failures are the failures every adapter goes through: wrong and
// expired token, throttling and 5xx whose bodies quote echo, a timeout,
// and the server gone (connection refused).
func Failures(echo string) []Failure {
	return []Failure{
		{Name: "wrong token", WrongToken: true, Check: wantAuth},
		{Name: "expired token", Cause: func(_ *simkit.Faults, expire func(), _ *httptest.Server) { expire() }, Check: wantAuth},
		{Name: "throttled", Cause: inject(simkit.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1", Body: echo}),
			Check: func(t *testing.T, _ relay.ChannelStatus, err error) {
				if !errors.Is(err, relay.ErrThrottled) || relay.RetryDelay(err) != time.Second {
					t.Errorf("throttled: %v", err)
				}
			}},
		{Name: "5xx", Cause: inject(simkit.Fault{Status: http.StatusBadGateway, Body: echo}), Check: wantRetryable},
		{Name: "timeout", Cause: inject(simkit.Fault{Status: http.StatusOK, Delay: 3 * Timeout}),
			Check: func(t *testing.T, st relay.ChannelStatus, err error) {
				wantRetryable(t, st, err)
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("timeout: not a deadline: %v", err)
				}
			}},
		{Name: "connection refused", Cause: func(_ *simkit.Faults, _ func(), srv *httptest.Server) { srv.Close() },
			Check: func(t *testing.T, st relay.ChannelStatus, err error) {
				wantRetryable(t, st, err)
				var op *net.OpError
				if !errors.As(err, &op) {
					t.Errorf("connection refused: no *net.OpError in %v", err)
				}
			}},
	}
}

func inject(ft simkit.Fault) func(*simkit.Faults, func(), *httptest.Server) {
	return func(f *simkit.Faults, _ func(), _ *httptest.Server) { f.Inject("", 100, ft) }
}

func wantAuth(t *testing.T, st relay.ChannelStatus, err error) {
	t.Helper()
	if relay.Retryable(err) || !errors.Is(err, relay.ErrAuth) || len(st.Permanent) != 1 {
		t.Errorf("want a permanent auth failure: %v, %v", err, st.Permanent)
	}
}

func wantRetryable(t *testing.T, st relay.ChannelStatus, err error) {
	t.Helper()
	if !relay.Retryable(err) || !errors.Is(err, relay.ErrUnavailable) || st.LastError == "" {
		t.Errorf("want a retryable failure: %v, status %q", err, st.LastError)
	}
}
