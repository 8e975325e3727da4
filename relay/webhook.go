package relay

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"
)

// OrderSink takes order events durably; stock.Engine is one.
type OrderSink interface {
	AcceptOrder(ctx context.Context, ev OrderEvent) error
}

// WebhookDecoder verifies and decodes one channel's notification. It
// returns ErrBadSignature for a forged request, ok=false for a notification
// that concerns no order (answered 2xx and dropped), or another error for a
// malformed body.
type WebhookDecoder func(r *http.Request, body []byte) (ev OrderEvent, ok bool, err error)

// maxWebhookBody bounds what a handler reads.
const maxWebhookBody = 1 << 20

// webhookDeadline bounds storing one event: an answer after the platform's
// deadline (TikTok 3 s, Shopify 5 s) counts as a failure anyway, and a 503
// makes it retry.
const webhookDeadline = 2 * time.Second

// WebhookHandler answers a channel's webhooks: 401 for a bad signature,
// 413 for a body over 1 MiB, 400 for a malformed one, 503 when the event could not be stored (so the
// platform retries), and 200 with an empty body once sink has the event
// durably. Events are processed before answering; the sink's commit takes
// milliseconds, well inside every platform's deadline (Lazada 500 ms).
func WebhookHandler(ch Channel, dec WebhookDecoder, sink OrderSink, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("channel", ch)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			log.Warn("webhook rejected: body too large", "limit_bytes", maxWebhookBody)
			http.Error(w, fmt.Sprintf("body over %d bytes", maxWebhookBody), http.StatusRequestEntityTooLarge)
			return
		case err != nil:
			http.Error(w, "body unreadable", http.StatusBadRequest)
			return
		}
		ev, ok, err := dec(r, body)
		switch {
		case errors.Is(err, ErrBadSignature):
			log.Warn("webhook rejected: bad signature", "remote", r.RemoteAddr)
			w.WriteHeader(http.StatusUnauthorized)
			return
		case err != nil:
			log.Warn("webhook rejected: malformed", "err", err)
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		case !ok:
			NoteWebhook(r.Context(), WebhookIgnored)
			w.WriteHeader(http.StatusOK)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), webhookDeadline)
		defer cancel()
		if err := sink.AcceptOrder(ctx, ev); err != nil {
			log.Error("webhook not stored; the platform will retry", "order", ev.OrderID, "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
