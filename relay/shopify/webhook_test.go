package shopify_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
)

type sink struct {
	mu   sync.Mutex
	seen map[string]bool
	evs  []relay.OrderEvent
}

func (s *sink) AcceptOrder(_ context.Context, ev relay.OrderEvent) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	if !s.seen[ev.EventID] {
		s.seen[ev.EventID] = true
		s.evs = append(s.evs, ev)
	}
	return nil
}

func TestWebhooksVerifiedDuplicatedReorderedAndForged(t *testing.T) {
	_, c := newRig(t, shopifysim.Config{}, "")
	s := &sink{}
	hook := httptest.NewServer(c.Handler(s))
	defer hook.Close()
	sim := shopifysim.New(shopifysim.Config{AccessToken: token, ClientSecret: secret, WebhookURL: hook.URL, PaidBeforeCreate: true})
	sim.Emitter.Duplicate = true
	sim.AddItem(gid("InventoryItem", 1), gid("Location", 1), "1", 10, false)
	ctx := context.Background()
	id, _ := sim.Sell(ctx, "1", 3)
	if len(s.evs) != 2 || s.evs[0].OrderID != id || s.evs[0].Lines[0].Qty != 3 || s.evs[0].Lines[0].Variant != "1" {
		t.Fatalf("events %+v", s.evs)
	}
	if d, f := sim.Emitter.Stats(); d != 4 || f != 0 {
		t.Errorf("delivered %d failed %d, want 4 and 0", d, f)
	}
	sim.ForgeNextWebhook()
	sim.Emitter.Retries = 0
	sim.Cancel(ctx, id, "1", 3)
	if d, f := sim.Emitter.Stats(); f != 2 || len(s.evs) != 2 {
		t.Errorf("forged webhook accepted: delivered %d failed %d events %d", d, f, len(s.evs))
	}
	sim.Cancel(ctx, id, "1", 0)
	if last := s.evs[len(s.evs)-1]; last.Status != relay.OrderCancelled {
		t.Errorf("cancel mapped to %v", last.Status)
	}
}

func FuzzParseWebhook(f *testing.F) {
	f.Add("orders/create", "w1", []byte(`{"id":1,"line_items":[{"variant_id":2,"quantity":1}]}`))
	f.Add("orders/cancelled", "w2", []byte(`{"id":1,"cancelled_at":"2026-01-01T00:00:00Z"}`))
	f.Add("refunds/create", "w3", []byte(`{}`))
	f.Add("orders/updated", "w4", []byte(`{"id":1,"updated_at":"2026-01-01T00:00:00-05:00","line_items":[{"variant_id":2,"quantity":3,"current_quantity":1}]}`))
	f.Fuzz(func(t *testing.T, topic, id string, body []byte) {
		ev, ok, err := shopify.ParseWebhook(shopify.Webhook{Topic: topic, ID: id, Body: body})
		if err != nil || !ok {
			return
		}
		if ev.EventID == "" || ev.OrderID == "" || (ev.Status == relay.OrderOpen && len(ev.Lines) == 0) {
			t.Fatalf("accepted incomplete event %+v", ev)
		}
	})
}

// An edited order counts its lines' current quantities and carries a
// revision: X-Shopify-Triggered-At, else updated_at.
func TestWebhookOfAnEditedOrder(t *testing.T) {
	body := []byte(`{"id":7,"updated_at":"2026-11-26T10:00:05-05:00","line_items":[
		{"variant_id":2001,"quantity":3,"current_quantity":1},{"variant_id":2002,"quantity":2}]}`)
	ev, ok, err := shopify.ParseWebhook(shopify.Webhook{Topic: "orders/updated", ID: "w9", Body: body})
	if err != nil || !ok || ev.Lines[0].Qty != 1 || ev.Lines[1].Qty != 2 {
		t.Fatalf("%+v %v %v", ev, ok, err)
	}
	if want := time.Date(2026, 11, 26, 15, 0, 5, 0, time.UTC).UnixNano(); ev.Revision != want {
		t.Errorf("revision from updated_at %d, want %d", ev.Revision, want)
	}
	ev, _, _ = shopify.ParseWebhook(shopify.Webhook{Topic: "orders/updated", ID: "w9", TriggeredAt: "2026-11-26T15:00:05.123456789Z", Body: body})
	if want := time.Date(2026, 11, 26, 15, 0, 5, 123456789, time.UTC).UnixNano(); ev.Revision != want {
		t.Errorf("revision from X-Shopify-Triggered-At %d, want %d", ev.Revision, want)
	}
	bad := []byte(`{"id":7,"updated_at":"yesterday","line_items":[{"variant_id":2001,"quantity":1}]}`)
	if _, _, err := shopify.ParseWebhook(shopify.Webhook{Topic: "orders/updated", ID: "w10", Body: bad}); err == nil || !strings.Contains(err.Error(), `updated_at "yesterday"`) {
		t.Errorf("bad updated_at: %v", err)
	}
	edit := []byte(`{"order_edit":{"order_id":7,"line_items":{"additions":[],"removals":[]}}}`)
	if _, ok, err := shopify.ParseWebhook(shopify.Webhook{Topic: "orders/edited", ID: "w11", Body: edit}); ok || err != nil {
		t.Errorf("orders/edited: ok %v err %v, want ignored (orders/updated carries the edit)", ok, err)
	}
}
