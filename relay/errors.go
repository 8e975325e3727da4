package relay

import (
	"context"
	"errors"
	"fmt"
	"time"
)

var (
	// ErrPermanent marks a push failure that a retry cannot fix (a bad
	// identifier in the mapping file, a campaign lock, a combo SKU). The
	// dispatcher records it in the channel status and does not retry until
	// the quantity changes again.
	ErrPermanent = errors.New("permanent channel error")
	// ErrThrottled marks a push refused because of a rate limit; it is
	// retried after the server's delay.
	ErrThrottled = errors.New("channel throttled the request")
	// ErrUnavailable marks a transient server failure (5xx, timeout,
	// "system busy"); it is retried with backoff.
	ErrUnavailable = errors.New("channel temporarily unavailable")
	// ErrBadSignature means a webhook or push carried a signature that does
	// not match its body; the request is answered 401 and dropped.
	ErrBadSignature = errors.New("signature mismatch")
	// ErrNotOwner marks items not pushed because another relay instance
	// owns the channel now; the dispatcher drops them silently, since the
	// owner pushes from the shared outbox.
	ErrNotOwner = errors.New("another relay owns the channel")
)

// RetryAfterError is a retryable failure with the delay the server asked
// for (Retry-After, Shopify's cost deficit, Lazada's "next second").
type RetryAfterError struct {
	// After is the delay before the next attempt; zero means "use backoff".
	After time.Duration
	// Err is the cause, usually wrapping ErrThrottled or ErrUnavailable.
	Err error
}

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("%v (retry after %v)", e.Err, e.After)
}

func (e *RetryAfterError) Unwrap() error { return e.Err }

// Retryable reports whether err is worth retrying: anything not marked
// ErrPermanent and not a context cancellation.
func Retryable(err error) bool {
	if err == nil || errors.Is(err, ErrPermanent) {
		return false
	}
	return !errors.Is(err, context.Canceled)
}

// RetryDelay returns the server-requested delay carried by err, or zero.
func RetryDelay(err error) time.Duration {
	var ra *RetryAfterError
	if errors.As(err, &ra) {
		return ra.After
	}
	return 0
}
