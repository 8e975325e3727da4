package relay

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// ParseRetryAfter reads a Retry-After value: seconds (Shopify sends "2.0")
// or an HTTP date. It returns 0 when absent or unreadable.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 {
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// HTTPError classifies a non-2xx response: 429 is throttling with the
// server's Retry-After, 5xx and 408 are transient, the rest permanent
// (bad credentials or request: a retry would fail the same way). It
// returns nil for 2xx.
func HTTPError(resp *http.Response, body []byte) error {
	code := resp.StatusCode
	if code/100 != 2 {
		body = quoted(resp, body)
	}
	switch {
	case code/100 == 2:
		return nil
	case code == http.StatusTooManyRequests:
		after := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
		return &RetryAfterError{After: after, Err: fmt.Errorf("%w: HTTP 429: %.200s", ErrThrottled, body)}
	case code/100 == 5 || code == http.StatusRequestTimeout:
		after := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
		return &RetryAfterError{After: after, Err: fmt.Errorf("%w: HTTP %d: %.200s", ErrUnavailable, code, body)}
	}
	return fmt.Errorf("%w: HTTP %d: %.200s", ErrPermanent, code, body)
}

// quoted is the start of body fit to quote in an error: redacted of
// the request's secrets (see [Do]) and of sensitive fields.
func quoted(resp *http.Response, body []byte) []byte {
	const most = 64 << 10 // enough to cover the 200 bytes quoted after redaction
	return []byte(Redact(string(body[:min(len(body), most)]), requestSecrets(resp.Request)...))
}

// Transient wraps a network failure as retryable.
func Transient(err error) error {
	return &RetryAfterError{Err: fmt.Errorf("%w: %w", ErrUnavailable, err)}
}

// Fail returns one failed Result per item.
func Fail(items []Item, err error) []Result {
	out := make([]Result, len(items))
	for i, it := range items {
		out[i] = Result{Item: it, Err: err}
	}
	return out
}
