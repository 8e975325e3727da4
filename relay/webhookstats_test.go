package relay_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
)

// decodeTest is a channel's decoder in miniature: X-Sig must be "good";
// body "none" concerns no order; "{" is malformed; any other body is the
// id of an open order for one unit of variant 2.
func decodeTest(r *http.Request, body []byte) (relay.OrderEvent, bool, error) {
	switch {
	case r.Header.Get("X-Sig") != "good":
		return relay.OrderEvent{}, false, relay.ErrBadSignature
	case string(body) == "none":
		return relay.OrderEvent{}, false, nil
	case string(body) == "{":
		return relay.OrderEvent{}, false, errors.New("unexpected end of JSON")
	}
	return relay.OrderEvent{Channel: relay.Shopify, EventID: r.Header.Get("X-Event"), OrderID: string(body),
		Status: relay.OrderOpen, Lines: []relay.OrderLine{{Item: "gid://shopify/InventoryItem/1", Variant: "2", Qty: 1}}}, true, nil
}

func newEngine(t *testing.T) *stock.Engine {
	t.Helper()
	m, err := stock.ParseMapping(strings.NewReader("channel,sku,site,item,variant,location,seller_sku\n"+
		"shopify,TEE,wh1,gid://shopify/InventoryItem/1,2,gid://shopify/Location/3,\n"), "mapping.csv")
	if err != nil {
		t.Fatal(err)
	}
	st, err := stock.OpenBolt(filepath.Join(t.TempDir(), "relay.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e, err := stock.New(context.Background(), stock.Options{Store: st, Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Each delivery counts once, under the outcome its answer and the
// engine say; the engine tells a repeated event apart from a new one.
func TestWebhookStatsCountOutcomes(t *testing.T) {
	var stats relay.WebhookStats
	srv := httptest.NewServer(stats.Count(relay.Shopify, relay.WebhookHandler(relay.Shopify, decodeTest, newEngine(t), nil)))
	defer srv.Close()
	post := func(sig, event, body string, want int) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
		req.Header.Set("X-Sig", sig)
		req.Header.Set("X-Event", event)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Fatalf("%s %s %q: status %d, want %d", sig, event, body, resp.StatusCode, want)
		}
	}
	post("good", "e1", "o1", http.StatusOK)
	post("good", "e2", "o2", http.StatusOK)
	post("good", "e1", "o1", http.StatusOK) // the platform's retry
	post("good", "e3", "none", http.StatusOK)
	post("forged", "e4", "o4", http.StatusUnauthorized)
	post("good", "e5", "{", http.StatusBadRequest)
	post("good", "e7", strings.Repeat("x", 1<<20+1), http.StatusRequestEntityTooLarge)
	post("good", "", "o6", http.StatusServiceUnavailable) // the engine refuses an event without id
	want := []relay.WebhookCount{{relay.Shopify, relay.WebhookAccepted, 2}, {relay.Shopify, relay.WebhookDuplicate, 1},
		{relay.Shopify, relay.WebhookIgnored, 1}, {relay.Shopify, relay.WebhookBadSignature, 1},
		{relay.Shopify, relay.WebhookBadRequest, 2}, {relay.Shopify, relay.WebhookNotStored, 1}}
	if got := stats.Counts(); !slices.Equal(got, want) {
		t.Errorf("counts\n got %v\nwant %v", got, want)
	}
}

// A wrapped channel counts every outcome from zero; NoteWebhook without
// a counted delivery does nothing.
func TestWebhookStatsZero(t *testing.T) {
	var stats relay.WebhookStats
	stats.Count(relay.TikTok, http.NotFoundHandler())
	got := stats.Counts()
	if len(got) != len(relay.WebhookOutcomes()) || got[0] != (relay.WebhookCount{Channel: relay.TikTok, Outcome: relay.WebhookAccepted}) {
		t.Errorf("counts of a new channel: %v", got)
	}
	relay.NoteWebhook(context.Background(), relay.WebhookDuplicate)
}
