package relay_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/edged/edged/relay"
)

// failureLog is a FailureRecorder that keeps what it is given.
type failureLog struct {
	mu  sync.Mutex
	got []relay.PushFailure
}

func (f *failureLog) PushFailed(_ context.Context, ch relay.Channel, failed []relay.PushFailure) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.got = append(f.got, failed...)
	return nil
}

// A failed attempt gives one record per item, with the secrets
// redacted, unless the item failed the same way last time; successes and
// lost ownership give none.
func TestDispatcherRecordsEachFailedAttemptRedacted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		secret := relay.NewSecrets("tok-0123456789abcdef")
		fail := fmt.Errorf("HTTP 503 for token tok-0123456789abcdef: %w", relay.ErrUnavailable)
		other := fmt.Errorf("HTTP 502: %w", relay.ErrUnavailable)
		p := &scriptPusher{errs: []error{fail, fail, other, relay.ErrNotOwner}}
		log := &failureLog{}
		d := relay.NewDispatcher(relay.Lazada, p, relay.DispatcherConfig{MinBackoff: time.Second, Secrets: secret, Failures: log}, nil)
		stop := runDispatcher(t, d)
		d.Enqueue(relay.Item{Target: target(1), Qty: 5})
		d.Enqueue(relay.Item{Target: target(2), Qty: 7})
		time.Sleep(time.Minute)
		stop()
		log.mu.Lock()
		defer log.mu.Unlock()
		if len(p.calls) != 4 || len(log.got) != 4 { // 2 items × (503, 502): the second 503 is no news
			t.Fatalf("%d attempts, %d failures recorded, want 4 and 4: %+v", len(p.calls), len(log.got), log.got)
		}
		for i, f := range log.got {
			want := []string{"HTTP 503", "HTTP 503", "HTTP 502", "HTTP 502"}[i]
			if strings.Contains(f.Error, "tok-0123456789abcdef") || !strings.Contains(f.Error, want) {
				t.Errorf("failure %d recorded %q, want %s redacted", i, f.Error, want)
			}
		}
	})
}
