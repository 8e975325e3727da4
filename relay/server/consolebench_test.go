package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopee/shopeesim"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/auditfixture"
	"github.com/edged/edged/relay/stock/pgstore"
	"github.com/edged/edged/relay/tiktok"
	"github.com/edged/edged/relay/tiktok/tiktoksim"
)

const benchToken = "bench-console-token-0123456789abcdef"

// BenchmarkConsoleEndToEnd is issue 15's figure: the console of a real
// relay (its engine, its store holding 1,000,000 audit rows, 10,000 SKUs
// stocked and listed on the four simulated channels) answering over
// HTTP. TestMain runs it once per store, naming the sub-benchmarks
// bbolt/... then postgres/....
func BenchmarkConsoleEndToEnd(b *testing.B) {
	b.Run(storeKind, func(b *testing.B) {
		r := startBenchRelay(b)
		stockPage := func(int) string { return "/console/" }
		b.Run("stock-page", func(b *testing.B) { r.measure(b, stockPage, `id="row-SKU-`, nil) })
		// A SKU with a full trail shows the link to its older rows.
		skuPage := func(i int) string { return "/console/sku/" + auditfixture.SKU(i*7919%auditfixture.SKUs) }
		b.Run("sku-page", func(b *testing.B) { r.measure(b, skuPage, "?before=", nil) })
		// The worst case: every request finds the stock changed, so the
		// console rebuilds its view of all 10,000 SKUs.
		b.Run("stock-page-after-commit", func(b *testing.B) { r.measure(b, stockPage, `id="row-SKU-`, r.commit) })
	})
}

// benchRelay is a running relay with its stock applied.
type benchRelay struct {
	srv  *server.Server
	base string
	// calls counts the simulators' requests: the relay has settled when
	// they stop (the first pushes, Shopify's level reads, Shopee's lock
	// sweep and the reconciliation all follow the first stock).
	calls *atomic.Int64
	seq   atomic.Uint64 // the bench gateway's last seq
}

func startBenchRelay(b *testing.B) *benchRelay {
	ctx, cancel := context.WithCancel(context.Background())
	hookLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	base := "http://" + hookLn.Addr().String()
	m, err := stock.ParseMapping(strings.NewReader(benchMapping()), "bench.csv")
	if err != nil {
		b.Fatal(err)
	}
	// The fixture's dates are fixed: no prune may eat it as the calendar
	// moves on.
	keep := time.Duration(0)
	// The simulators list no catalogue (AddItem, not AddVariants), so
	// the drift check would only walk them to report every listing gone.
	noDrift := time.Duration(0)
	cfg := server.Config{Store: benchStore(b), Mapping: "bench.csv", Console: server.ConsoleConfig{Token: benchToken}, DiscoverEvery: &noDrift,
		Audit: server.AuditConfig{Retention: &keep}}
	var calls atomic.Int64
	cfg.Channels = startBenchSims(b, base+"/webhooks", &calls)
	broker := mosquittotest.Start(b, mosquittotest.Options{})
	s, err := server.New(ctx, cfg, server.Parts{Mapping: m, BrokerURL: broker.URL(), Listener: hookLn,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	b.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			b.Error(err)
		}
	})
	r := &benchRelay{srv: s, base: base, calls: &calls}
	r.applyStock(b)
	return r
}

// applyStock receives stock for every SKU in one batch, as a gateway's
// first uplink would, and waits until every listing is pushed: a console
// measured during the pushes would rebuild its view at each confirmation.
func (r *benchRelay) applyStock(b *testing.B) {
	batch := make([]stock.Sequenced, auditfixture.SKUs)
	for i := range batch {
		batch[i] = stock.Sequenced{Seq: r.seq.Add(1), Delta: stock.Delta{SKU: auditfixture.SKU(i), Site: "wh1", Kind: stock.Receive, Qty: int64(5 + i%20)}}
	}
	if _, err := r.srv.Engine().ApplyBatch(context.Background(), "gw-bench", batch); err != nil {
		b.Fatal(err)
	}
	r.settle(b)
}

func (r *benchRelay) settle(b *testing.B) {
	last, quiet := int64(-1), 0
	for deadline := time.Now().Add(5 * time.Minute); ; time.Sleep(50 * time.Millisecond) {
		if n := r.calls.Load(); n == last {
			quiet++
		} else {
			last, quiet = n, 0
		}
		idle := quiet >= 20 // a second without a call
		for ch, d := range r.srv.Dispatchers() {
			st := d.Status()
			// A timeout under the first load is retried; a refusal is not.
			if len(st.Permanent) > 0 {
				b.Fatalf("%s refused %d listings: %v", ch, len(st.Permanent), st.Permanent)
			}
			idle = idle && st.Pending == 0 && st.Pushed >= auditfixture.SKUs
		}
		if idle && len(r.srv.Dispatchers()) == 4 {
			return
		}
		if time.Now().After(deadline) {
			b.Fatal("the channels never caught up with the stock")
		}
	}
}

// commit is one small commit: one delta, one SKU.
func (r *benchRelay) commit(b *testing.B, i int) {
	d := stock.Delta{SKU: auditfixture.SKU(i % auditfixture.SKUs), Site: "wh1", Kind: stock.Receive, Qty: 1}
	if err := r.srv.Engine().ApplyDelta(context.Background(), "gw-bench", r.seq.Add(1), d); err != nil {
		b.Fatal(err)
	}
}

// measure fetches path(i) b.N times with the bearer token, each after
// before(i) when it is set (untimed in the percentiles, though ns/op
// includes it), checks each page is whole, and reports the median and
// the 99th percentile of the requests' latency.
func (r *benchRelay) measure(b *testing.B, path func(int) string, want string, before func(*testing.B, int)) {
	lat := make([]time.Duration, 0, b.N)
	for i := 0; b.Loop(); i++ {
		if before != nil {
			before(b, i)
		}
		start := time.Now()
		body := r.get(b, path(i))
		lat = append(lat, time.Since(start))
		if !strings.Contains(body, want) {
			b.Fatalf("%s lacks %q:\n%.2000s", path(i), want, body)
		}
	}
	slices.Sort(lat)
	ms := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
}

func (r *benchRelay) get(b *testing.B, path string) string {
	req, err := http.NewRequest(http.MethodGet, r.base+path, nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+benchToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d %v", path, resp.StatusCode, err)
	}
	return string(body)
}

// benchMapping lists each fixture SKU at wh1 on the four channels, with
// the ids startBenchSims lists.
func benchMapping() string {
	var csv strings.Builder
	csv.WriteString("channel,sku,site,item,variant,location,seller_sku\n")
	for i := range auditfixture.SKUs {
		sku := auditfixture.SKU(i)
		fmt.Fprintf(&csv, "shopify,%s,wh1,gid://shopify/InventoryItem/%d,%d,gid://shopify/Location/301,\n", sku, 100000+i, 200000+i)
		fmt.Fprintf(&csv, "lazada,%s,wh1,%d,%d,,%s\n", sku, 300000+i, 400000+i, sku)
		fmt.Fprintf(&csv, "shopee,%s,wh1,%d,0,,\n", sku, 500000+i)
		fmt.Fprintf(&csv, "tiktok,%s,wh1,%d,%d,9001,\n", sku, 700000+i, 800000+i)
	}
	return csv.String()
}

var (
	boltFixtureOnce  sync.Once
	pgFixtureOnce    sync.Once
	benchFixturePath string
	benchTemplate    string // the PostgreSQL database holding the rows
	benchFixtureErr  error
	benchDBs         atomic.Int64
)

// benchStore is a new relay store holding the fixture's 1,000,000 audit
// rows. On bbolt, a copy of the file cached under os.TempDir() (the relay
// writes to its store, and the next run must find the cache as built);
// on PostgreSQL, a database made from a template loaded once per process
// (CREATE DATABASE ... TEMPLATE copies files, not rows).
func benchStore(b *testing.B) string {
	if storeKind != "postgres" {
		boltFixtureOnce.Do(func() {
			benchFixturePath, benchFixtureErr = auditfixture.Cached("edged-auditbench-"+auditfixture.YearVersion+".db", auditfixture.Rows, auditfixture.Year)
		})
		path := filepath.Join(b.TempDir(), "relay.db")
		if benchFixtureErr == nil {
			benchFixtureErr = auditfixture.Copy(benchFixturePath, path)
		}
		if benchFixtureErr != nil {
			b.Fatal(benchFixtureErr)
		}
		return path
	}
	pgFixtureOnce.Do(func() { benchTemplate, benchFixtureErr = loadTemplate(b) })
	if benchFixtureErr != nil {
		b.Fatal(benchFixtureErr)
	}
	name := fmt.Sprintf("consolebench_%d", benchDBs.Add(1))
	pgAdmin(b, "CREATE DATABASE "+name+" TEMPLATE "+benchTemplate)
	b.Cleanup(func() { pgAdmin(b, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	return pgServer.DSN(name)
}

// loadTemplate copies the rows into a database that lives as long as the
// PostgreSQL server; it is closed after, as a template must be.
func loadTemplate(b *testing.B) (string, error) {
	const name = "consolebench_template"
	pgAdmin(b, "CREATE DATABASE "+name)
	s, err := pgstore.Open(context.Background(), pgServer.DSN(name))
	if err != nil {
		return "", err
	}
	defer s.Close()
	return name, auditfixture.CopyPG(context.Background(), s, auditfixture.Rows, auditfixture.Year)
}

func pgAdmin(b *testing.B, sql string) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgServer.DSN("postgres"))
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		b.Fatalf("%s: %v", sql, err)
	}
}

// startBenchSims starts the four simulators listing every fixture SKU at
// zero (benchMapping's ids, the flash sale's credentials), and returns
// the channels' configuration against them. Their rate limits are raised
// well above the adapters' pace: the first 40,000 pushes must settle
// without throttling, whose failures would move the console's version.
func startBenchSims(b *testing.B, hookURL string, calls *atomic.Int64) server.Channels {
	const benchRate = 100_000
	shop := shopifysim.New(shopifysim.Config{AccessToken: "shpat_bench", ClientSecret: "hush", WebhookURL: hookURL + "/shopify",
		BucketSize: benchRate, RestoreRate: benchRate})
	laz := lazadasim.New(lazadasim.Config{AppKey: "123456", AppSecret: "helloworld", AccessToken: "laz-token", SellerID: "1234567", PushURL: hookURL + "/lazada", RatePerSecond: benchRate})
	shp := shopeesim.New(shopeesim.Config{PartnerID: 2001887, PartnerKey: "testpartnerkey", ShopID: 14701711,
		AccessToken: "shopee-access", RefreshToken: "shopee-refresh", PushURL: hookURL + "/shopee"})
	tt := tiktoksim.New(tiktoksim.Config{AppKey: "123abc", AppSecret: "e59af819cc", AccessToken: "tts-token",
		ShopCipher: "ROW_RHkDDABBAAB8tKAVoAqsMTjsQZFLyNfY", ShopID: "7494726673780148744", WebhookURL: hookURL + "/tiktok", RatePerSecond: benchRate})
	for i := range auditfixture.SKUs {
		shop.AddItem(fmt.Sprint("gid://shopify/InventoryItem/", 100000+i), "gid://shopify/Location/301", fmt.Sprint(200000+i), 0, false)
		laz.AddSKU(fmt.Sprint(300000+i), fmt.Sprint(400000+i), auditfixture.SKU(i), "", 0, 0)
		shp.AddModel(int64(500000+i), 0, "", 0, 0)
		tt.AddSKU(fmt.Sprint(700000+i), fmt.Sprint(800000+i), []string{"9001"}, 0, 0)
	}
	serve := func(h http.Handler) string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			calls.Add(1)
			h.ServeHTTP(w, req)
		}))
		b.Cleanup(srv.Close)
		return srv.URL
	}
	return server.Channels{
		Shopify: shopify.Config{BaseURL: serve(shop.Handler()), AccessToken: "shpat_bench", ClientSecret: "hush", RatePerSecond: benchRate},
		Lazada:  lazada.Config{BaseURL: serve(laz.Handler()) + "/rest", AppKey: "123456", AppSecret: "helloworld", AccessToken: "laz-token"},
		Shopee: shopee.Config{BaseURL: serve(shp.Handler()), PartnerID: 2001887, PartnerKey: "testpartnerkey", ShopID: 14701711,
			AccessToken: "shopee-access", RefreshToken: "shopee-refresh", CallbackURL: hookURL + "/shopee", RatePerSecond: benchRate},
		TikTok: tiktok.Config{BaseURL: serve(tt.Handler()), AppKey: "123abc", AppSecret: "e59af819cc", AccessToken: "tts-token",
			ShopCipher: "ROW_RHkDDABBAAB8tKAVoAqsMTjsQZFLyNfY"},
	}
}
