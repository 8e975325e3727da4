package server_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/wire"
)

// postWebhook sends a signed Shopify orders/create for one unit of TEE.
func postWebhook(t *testing.T, url, id string) int {
	t.Helper()
	body := []byte(`{"id":5001,"cancelled_at":null,"updated_at":"2026-12-03T10:00:00Z","line_items":[{"variant_id":2001,"quantity":1}]}`)
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("X-Shopify-Topic", "orders/create")
	req.Header.Set("X-Shopify-Webhook-Id", id)
	req.Header.Set("X-Shopify-Hmac-Sha256", shopify.WebhookSignature("sec", body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// watch follows gw-1's traffic: the highest seq it sent and the highest
// the relay acknowledged.
func watch(t *testing.T, url string) (sent, acked func() uint64) {
	var s, a atomic.Uint64
	c := paho.NewClient(paho.NewClientOptions().AddBroker(url).SetClientID("watch"))
	if tok := c.Connect(); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	c.Subscribe(wire.Topic("wh1", "gw-1", wire.KindAck), 1, func(_ paho.Client, m paho.Message) {
		if ack, err := wire.DecodeAck(m.Payload()); err == nil {
			raise(&a, ack.Upto)
		}
	}).Wait()
	c.Subscribe(wire.Topic("wh1", "gw-1", wire.KindDeltas), 1, func(_ paho.Client, m paho.Message) {
		if b, err := wire.DecodeBatch(m.Payload()); err == nil {
			raise(&s, b.Last)
		}
	}).Wait()
	t.Cleanup(func() { c.Disconnect(100) })
	return s.Load, a.Load
}

func raise(n *atomic.Uint64, v uint64) {
	for old := n.Load(); v > old && !n.CompareAndSwap(old, v); old = n.Load() {
	}
}

// While PostgreSQL is down the relay answers webhooks 503 and leaves
// deltas unacknowledged; when it is back, the relay carries on without a
// restart and the retried webhook and the resent deltas apply once.
func TestRelayRidesOutADatabaseOutage(t *testing.T) {
	if storeKind != "postgres" {
		t.Skip("the outage of a shared database; bbolt has none")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hookLn, _ := net.Listen("tcp", "127.0.0.1:0")
	hooks := "http://" + hookLn.Addr().String() + "/webhooks/shopify"
	shop := shopifysim.New(shopifysim.Config{AccessToken: "tok", ClientSecret: "sec", WebhookURL: hooks})
	shop.AddItem("gid://shopify/InventoryItem/1001", "gid://shopify/Location/301", "2001", 0, false)
	shopSrv := httptest.NewServer(shop.Handler())
	defer shopSrv.Close()
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	m, _ := stock.ParseMapping(strings.NewReader(mapping), "mapping.csv")
	cfg := server.Config{Store: newStore(t), Mapping: "mapping.csv",
		Channels: server.Channels{Shopify: shopify.Config{BaseURL: shopSrv.URL, AccessToken: "tok", ClientSecret: "sec"}}}
	s, err := server.New(ctx, cfg, server.Parts{Mapping: m, BrokerURL: broker.URL(), Listener: hookLn})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	sent, acked := watch(t, broker.URL())
	l := ledgertest.Open(t, nil)
	receipt := func(i int) {
		e := ledger.Event{ID: fmt.Sprint("r", i), Type: ledger.Receive, SKU: "TEE", Location: "A", Qty: 1, UnitCost: ledger.Cost(100)}
		if _, err := l.Append(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	receipt(0)
	// Only the relay's announcement that it is back can make the gateway
	// resend within the test's time: its own retransmission waits an hour.
	runGatewayWith(t, ctx, broker.URL(), l, uplink.Config{RetransmitAfter: time.Hour})
	eventually(t, "the first receipt acknowledged", func() bool { return acked() == 1 })

	pgServer.Stop(t)
	if code := postWebhook(t, hooks, "w-outage"); code != http.StatusServiceUnavailable {
		t.Errorf("webhook with the database down: %d, want 503 so that Shopify retries", code)
	}
	receipt(1)
	eventually(t, "the gateway sent seq 2", func() bool { return sent() == 2 })
	time.Sleep(200 * time.Millisecond) // an ack would follow the delivery within milliseconds
	if n := acked(); n != 1 {
		t.Errorf("acknowledged up to %d with the database down", n)
	}
	pgServer.StartAgain(t)

	eventually(t, "the retried webhook stored", func() bool { return postWebhook(t, hooks, "w-outage") == http.StatusOK })
	eventually(t, "the delta sent during the outage applied and acknowledged", func() bool { return acked() == 2 })
	if code := postWebhook(t, hooks, "w-outage"); code != http.StatusOK {
		t.Errorf("a repeat: %d", code)
	}
	if lv := s.Engine().Level("TEE", "wh1"); lv.OnHand != 2 || lv.Reserved != 1 {
		t.Errorf("after the outage %+v, want 2 on hand and 1 reserved, each once", lv)
	}
	eventually(t, "Shopify told 2 - 1", func() bool {
		a, _ := shop.Stock.Get("gid://shopify/InventoryItem/1001|gid://shopify/Location/301")
		return a.Available == 1
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
