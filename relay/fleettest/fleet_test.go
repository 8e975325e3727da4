package fleettest

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/internal/pgtest"
	"github.com/edged/edged/relay"
)

// fleetRig is the whole setup: PostgreSQL, mosquitto, the market behind
// the webhook front, the relay processes and the gateways.
type fleetRig struct {
	tb     testing.TB
	pg     *pgtest.Server
	dsn    string
	broker *mosquittotest.Broker
	market *market
	front  *front
	relays []*relayProc
	gws    []*gateway

	mu    sync.Mutex
	exits []string // relay exits the test did not cause
}

// newFleet starts everything with n relays and two gateways, and waits
// until every relay is ready. Everything stops when tb ends.
func newFleet(tb testing.TB, n int) *fleetRig {
	tb.Helper()
	bin := relayBinary(tb)
	dir := tb.TempDir()
	f := &fleetRig{tb: tb, pg: pgtest.Start(tb), broker: mosquittotest.Start(tb, mosquittotest.Options{})}
	f.dsn = f.pg.NewDatabase(tb)
	addrs := make([]string, n)
	for i := range addrs {
		addrs[i] = fmt.Sprintf("127.0.0.1:%d", mosquittotest.FreePort(tb))
	}
	f.front = newFront(tb, addrs)
	f.market = newMarket(f.front.URL())
	if err := os.WriteFile(filepath.Join(dir, "mapping.csv"), []byte(mappingCSV), 0o644); err != nil {
		tb.Fatal(err)
	}
	statusHTTP := &http.Client{Timeout: 3 * time.Second}
	for i, addr := range addrs {
		p := &relayProc{id: fmt.Sprintf("relay-%d", i+1), addr: addr, bin: bin, statusHTTP: statusHTTP, onExit: f.exited}
		p.conf, p.logPath = filepath.Join(dir, p.id+".yaml"), filepath.Join(dir, p.id+".log")
		if err := os.WriteFile(p.conf, []byte(f.relayConfig(p, f.market.serveFor(tb, p.id))), 0o644); err != nil {
			tb.Fatal(err)
		}
		f.relays = append(f.relays, p)
	}
	tb.Cleanup(f.stop)
	for _, p := range f.relays {
		if err := p.start(); err != nil {
			tb.Fatal(err)
		}
	}
	f.waitReady()
	for _, id := range []string{"gw-1", "gw-2"} {
		f.gws = append(f.gws, startGateway(tb, f.broker.URL(), id, filepath.Join(dir, id+".log")))
	}
	return f
}

// relayConfig is instance p's relay.yaml: the shared store and share
// group, its own port and instance id, the channels through its own API
// servers, and the front's URL for Shopee's push signatures.
func (f *fleetRig) relayConfig(p *relayProc, api map[relay.Channel]string) string {
	return fmt.Sprintf(`store: %s
mapping: mapping.csv
stock:
  safety_buffer: 2
mqtt:
  broker: %s
  share_group: relays
fleet:
  instance: %s
http:
  listen: %s
channels:
  shopify: {base_url: %q, access_token: %q, client_secret: %q}
  lazada: {base_url: %q, app_key: %q, app_secret: %q, access_token: %q}
  shopee: {base_url: %q, partner_id: %d, partner_key: %q, shop_id: %d, access_token: shopee-access, refresh_token: shopee-refresh, callback_url: %q}
  tiktok: {base_url: %q, app_key: %q, app_secret: %q, access_token: tts-token, shop_cipher: %q}
`, f.dsn, f.broker.URL(), p.id, p.addr,
		api[relay.Shopify], shopifyToken, shopifySecret,
		api[relay.Lazada]+"/rest", lazadaKey, lazadaSecret, lazadaToken,
		api[relay.Shopee], shopeePartner, shopeeKey, shopeeShop, f.front.URL()+"/shopee",
		api[relay.TikTok], tiktokKey, tiktokSecret, tiktokCipher)
}

// exited records a relay exit nobody asked for (a crash, or a refusal to
// start); the test fails on it.
func (f *fleetRig) exited(id string, err error) {
	f.mu.Lock()
	f.exits = append(f.exits, fmt.Sprintf("%s exited on its own: %v", id, err))
	f.mu.Unlock()
}

// unexpectedExits are the exits recorded so far.
func (f *fleetRig) unexpectedExits() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.exits...)
}

// waitReady waits until every running relay is ready.
func (f *fleetRig) waitReady() {
	f.tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, p := range f.relays {
		if !p.running() {
			continue
		}
		if err := p.waitReady(ctx); err != nil {
			f.tb.Fatalf("%v\n%s", err, logTail(p.logPath, 30))
		}
	}
}

// restart starts p again and waits until it is ready.
func (f *fleetRig) restart(p *relayProc) {
	f.tb.Helper()
	if err := p.start(); err != nil {
		f.tb.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := p.waitReady(ctx); err != nil {
		f.tb.Fatalf("%v\n%s", err, logTail(p.logPath, 30))
	}
}

// stop stops the relays gracefully, in parallel.
func (f *fleetRig) stop() {
	var wg sync.WaitGroup
	for _, p := range f.relays {
		wg.Go(p.stop)
	}
	wg.Wait()
	if f.tb.Failed() {
		for _, p := range f.relays {
			f.tb.Logf("--- log of %s (end)\n%s", p.id, logTail(p.logPath, 40))
		}
		for _, g := range f.gws {
			f.tb.Logf("--- log of %s (end)\n%s", g.id, logTail(g.logPath, 20))
		}
	}
}

// relayByID is the relay of instance id.
func (f *fleetRig) relayByID(id string) *relayProc {
	for _, p := range f.relays {
		if p.id == id {
			return p
		}
	}
	return nil
}
