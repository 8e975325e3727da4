package fleetbench_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/internal/pgtest"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
)

// The webhook workload: buyers' orders of one unit of a random SKU,
// posted by hookClients concurrent senders (Shopify delivers a shop's
// webhooks concurrently), hookOrders per op.
const (
	hookClients = 32
	hookOrders  = 5000
)

// BenchmarkRelayWebhooks measures webhook orders accepted per second by
// the full relay (relay/server, as `relay run` assembles it): 1 relay on
// bbolt, and 3 instances on one PostgreSQL database behind a round-robin
// load balancer. Shopify, Lazada and TikTok are configured against their
// simulators (Shopee aside, see startMarketplaces); the gateways' broker
// is a real mosquitto. Each order is a distinct Shopify orders/create
// delivery signed with the shop's HMAC, posted to /webhooks/shopify; it
// is accepted when the relay answers 200, which it does once the
// reservation is committed (durable in the store). Each reservation moves
// the quantities of three listings, which the instance owning each channel
// pushes meanwhile. Any other answer fails the benchmark.
//
// Metrics: orders/s; orders/commit (store versions, which include the
// pushers' confirmations); p50-ms and p99-ms of the webhook's answer.
func BenchmarkRelayWebhooks(b *testing.B) {
	for _, c := range []struct {
		kind      string
		instances int
	}{{"bbolt", 1}, {"postgres", 3}} {
		b.Run(fmt.Sprintf("%s/instances=%d", c.kind, c.instances), func(b *testing.B) {
			urls, e := startRelays(b, c.kind, c.instances)
			cl := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: hookClients}, Timeout: 30 * time.Second}
			var next atomic.Int64
			var elapsed time.Duration
			var lat []time.Duration
			v0 := e.Version()
			for range b.N {
				d, l := postOrders(b, cl, urls, &next)
				elapsed, lat = elapsed+d, append(lat, l...)
			}
			commits := e.Version() - v0
			cl.CloseIdleConnections()
			slices.Sort(lat)
			b.ReportMetric(float64(b.N*hookOrders)/elapsed.Seconds(), "orders/s")
			b.ReportMetric(float64(b.N*hookOrders)/float64(commits), "orders/commit")
			b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
			b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
			b.ReportMetric(0, "ns/op")
		})
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// startRelays runs n relays on one store with every SKU stocked, and
// returns their webhook URLs and the first one's engine.
func startRelays(b *testing.B, kind string, n int) ([]string, *stock.Engine) {
	b.Helper()
	m := benchMapping(b)
	channels := startMarketplaces(b)
	broker := mosquittotest.Start(b, mosquittotest.Options{})
	store := filepath.Join(b.TempDir(), "relay.db")
	if kind == "postgres" {
		store = pgtest.Shared(b).NewDatabase(b)
	}
	stockUp(b, store, m)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	b.Cleanup(func() { cancel(); wg.Wait() })
	var urls []string
	var relays []*server.Server
	for i := range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		cfg := server.Config{Store: store, Mapping: "bench mapping", Channels: channels,
			HTTP: server.HTTPConfig{Listen: ln.Addr().String()}, Fleet: server.FleetConfig{Instance: fmt.Sprint("relay-", i)}}
		if pgstore.IsDSN(store) {
			cfg.MQTT.ShareGroup = "relays"
		} else {
			cfg.MQTT.ClientID = "relay-0"
		}
		s, err := server.New(ctx, cfg, server.Parts{Mapping: m, BrokerURL: broker.URL(), Listener: ln})
		if err != nil {
			b.Fatal(err)
		}
		wg.Go(func() {
			if err := s.Run(ctx); err != nil {
				b.Errorf("relay %d: %v", i, err)
			}
		})
		relays, urls = append(relays, s), append(urls, "http://"+ln.Addr().String()+"/webhooks/shopify")
	}
	settle(b, relays[0].Engine())
	return urls, relays[0].Engine()
}

// settle waits for the start-up to end before the clock starts: the
// channels' leases taken (each instance's first round), nothing waiting
// to be pushed and nothing committed for a second.
func settle(b *testing.B, e *stock.Engine) {
	deadline := time.Now().Add(time.Minute)
	ver, since := e.Version(), time.Now()
	for time.Since(since) < time.Second || pending(e) > 0 {
		if time.Now().After(deadline) {
			b.Fatalf("the relays did not settle: %d pushes pending", pending(e))
		}
		time.Sleep(50 * time.Millisecond)
		if v := e.Version(); v != ver {
			ver, since = v, time.Now()
		}
	}
}

func pending(e *stock.Engine) int {
	n := 0
	for _, t := range e.Outbox() {
		if t.Pending {
			n++
		}
	}
	return n
}

// stockUp receives plenty of every SKU before the relays start, as in
// a relay that has run for a while: the listings are in step, nothing
// is waiting to be pushed.
func stockUp(b *testing.B, store string, m *stock.Mapping) {
	s, _ := openStore(b, store)
	defer s.Close()
	e, err := stock.New(context.Background(), stock.Options{Store: s, Mapping: m})
	if err != nil {
		b.Fatal(err)
	}
	receive(b, e)
}

// receive receives plenty of every SKU, so that no order runs short.
func receive(b *testing.B, e *stock.Engine) {
	batch := make([]stock.Sequenced, benchSKUs)
	for i := range batch {
		batch[i] = stock.Sequenced{Seq: uint64(i + 1), Delta: stock.Delta{SKU: skuName(i), Site: benchSite, Kind: stock.Receive, Qty: 10_000}}
	}
	if _, err := e.ApplyBatch(context.Background(), "gw-stock@1", batch); err != nil {
		b.Fatal(err)
	}
}

// postOrders posts hookOrders distinct orders, each to the next relay in
// turn, and returns the time they took and each answer's latency.
func postOrders(b *testing.B, cl *http.Client, urls []string, next *atomic.Int64) (time.Duration, []time.Duration) {
	b.StopTimer()
	defer b.StartTimer()
	reqs := make(chan delivery, hookOrders)
	for range hookOrders {
		n := next.Add(1)
		reqs <- newDelivery(urls[n%int64(len(urls))], n)
	}
	close(reqs)
	lat := make([][]time.Duration, hookClients)
	var failed atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	b.StartTimer()
	start := time.Now()
	for c := range hookClients {
		wg.Go(func() {
			for d := range reqs {
				t := time.Now()
				if err := d.post(cl); err != nil {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err)
					continue
				}
				lat[c] = append(lat[c], time.Since(t))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d webhooks not accepted; first: %v", n, hookOrders, firstErr.Load())
	}
	return elapsed, slices.Concat(lat...)
}

// delivery is one webhook request, made before the clock starts.
type delivery struct {
	url    string
	header http.Header
	body   []byte
}

// newDelivery is order n as Shopify delivers it: orders/create, a
// webhook id of its own, the body's HMAC-SHA256 under the app's secret.
func newDelivery(url string, n int64) delivery {
	now := time.Now().UTC()
	body := fmt.Appendf(nil, `{"id":%d,"admin_graphql_api_id":"gid://shopify/Order/%d","cancelled_at":null,"updated_at":%q,`+
		`"line_items":[{"id":%d,"variant_id":%s,"quantity":1,"current_quantity":1}]}`,
		9_000_000_000+n, 9_000_000_000+n, now.Format(time.RFC3339), 1_000_000+n, shopifyVariant(int(n%benchSKUs)))
	h := http.Header{"Content-Type": {"application/json"}, "X-Shopify-Topic": {"orders/create"},
		"X-Shopify-Webhook-Id": {fmt.Sprintf("bench-%012d", n)}, "X-Shopify-Triggered-At": {now.Format(time.RFC3339Nano)},
		"X-Shopify-Hmac-Sha256": {shopify.WebhookSignature(shopifySecret, body)}}
	return delivery{url: url, header: h, body: body}
}

func (d delivery) post(cl *http.Client) error {
	req, err := http.NewRequest(http.MethodPost, d.url, bytes.NewReader(d.body))
	if err != nil {
		return err
	}
	req.Header = d.header
	resp, err := cl.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", d.header.Get("X-Shopify-Webhook-Id"), resp.Status)
	}
	return nil
}
