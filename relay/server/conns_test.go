package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/connect"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/status"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
)

// connectShopify runs the seller's side of `relay connect shopify`
// against the simulator (grant page, redirect, code exchange) and stores
// the sealed token in store.
func connectShopify(t *testing.T, cfg shopify.Config, store string, v *connect.Vault) relay.Token {
	t.Helper()
	auth, err := shopify.NewAuth(cfg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	browser := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := browser.Get(auth.AuthURL("st4te", "http://127.0.0.1:1/connect/shopify/callback"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := auth.Exchange(context.Background(), loc.Query())
	if err != nil {
		t.Fatal(err)
	}
	var s connect.Store
	if pgstore.IsDSN(store) {
		p, err := pgstore.Open(context.Background(), store)
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		s = p
	} else {
		b, err := stock.OpenBolt(store)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		s = b
	}
	if _, err := connect.Save(context.Background(), s, v, tok); err != nil {
		t.Fatal(err)
	}
	return tok
}

// A relay with no token in its configuration pushes with the stored
// connection, shows it and the mapping's drift on its status page, and
// shows the token nowhere, not even once the shop refuses it.
func TestStoredConnectionAndDriftOnTheStatusPage(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	shop := shopifysim.New(shopifysim.Config{ClientID: "cid", ClientSecret: "client-secret-0123456789"})
	shop.AddVariants(shopifysim.Variant{Product: "1", Variant: "2001", Item: "gid://shopify/InventoryItem/1001", SKU: "TEE",
		Locations: []string{"gid://shopify/Location/301"}},
		shopifysim.Variant{Product: "2", Variant: "2002", Item: "gid://shopify/InventoryItem/1002", SKU: "MUG",
			Locations: []string{"gid://shopify/Location/301"}})
	srv := shop.Start()
	defer srv.Close()
	key := bytes.Repeat([]byte{9}, connect.KeySize)
	vault, _ := connect.NewVault(key)
	chCfg := shopify.Config{BaseURL: srv.URL, ClientID: "cid", ClientSecret: "client-secret-0123456789", Shop: "edged-sim.myshopify.com"}
	store := newStore(t)
	tok := connectShopify(t, chCfg, store, vault)

	m, err := stock.ParseMapping(strings.NewReader("channel,sku,site,item,variant,location\n"+
		"shopify,TEE,wh1,gid://shopify/InventoryItem/1001,2001,gid://shopify/Location/301\n"+
		"shopify,MUG,wh1,gid://shopify/InventoryItem/1009,2009,gid://shopify/Location/301\n"), "mapping.csv")
	if err != nil {
		t.Fatal(err)
	}
	every := time.Hour // the first check runs at start
	cfg := server.Config{Store: store, Mapping: "mapping.csv", DiscoverEvery: &every,
		Secrets: server.SecretsConfig{KeyEnv: "UNUSED_HERE"}, Channels: server.Channels{Shopify: chCfg}}
	var logs lockedLog
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	s, err := server.New(ctx, cfg, server.Parts{Mapping: m, BrokerURL: broker.URL(), Listener: ln, Key: key,
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	l := ledgertest.Open(t, nil)
	receive(t, l, "r1", 4)
	runGateway(t, ctx, broker.URL(), l)
	eventually(t, "Shopify at 4 with the stored token", func() bool {
		a, _ := shop.Stock.Get("gid://shopify/InventoryItem/1001|gid://shopify/Location/301")
		return a.Available == 4
	})
	var snap status.Snapshot
	eventually(t, "the drift check on the status page", func() bool { snap = statusJSON(t, ln); return snap.Drift != nil })
	if len(snap.Connections) != 1 || snap.Connections[0].Shop != tok.Shop || !snap.Connections[0].Connected {
		t.Errorf("connections on the status page: %+v", snap.Connections)
	}
	// MUG moved from variant 2009 to 2002 on the shop.
	if d := snap.Drift; d.Added != 1 || d.Removed != 1 || d.Diff.Added[0].Variant != "2002" || d.Diff.Removed[0].Variant != "2009" {
		t.Errorf("drift: %+v", d)
	}
	if page := statusText(t, ln, "/"); !strings.Contains(page, "<h2>mapping drift</h2>") || !strings.Contains(page, "1 added, 1 removed") ||
		!strings.Contains(page, "<td>shopify<td>"+tok.Shop) {
		t.Errorf("the status page shows no drift:\n%s", page)
	}

	shop.Revoke()
	receive(t, l, "r2", 1)
	eventually(t, "the refused token on the status page", func() bool {
		snap = statusJSON(t, ln)
		return len(snap.Channels) == 1 && snap.Channels[0].LastError != ""
	})
	page := statusText(t, ln, "/?format=json") + statusText(t, ln, "/") + logs.String()
	for _, secret := range []string{tok.Access, tok.Refresh, "client-secret-0123456789"} {
		if secret != "" && strings.Contains(page, secret) {
			t.Errorf("a secret shows in the status or the log")
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// lockedLog is a log sink safe for the server's goroutines.
type lockedLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func receive(t *testing.T, l *ledger.Ledger, id string, qty int64) {
	t.Helper()
	e := ledger.Event{ID: id, Type: ledger.Receive, SKU: "TEE", Location: "A", Qty: qty, UnitCost: ledger.Cost(100)}
	if _, err := l.Append(context.Background(), e); err != nil {
		t.Fatal(err)
	}
}

func statusJSON(t *testing.T, ln net.Listener) status.Snapshot {
	t.Helper()
	var snap status.Snapshot
	if err := json.Unmarshal([]byte(statusText(t, ln, "/?format=json")), &snap); err != nil {
		t.Fatal(err)
	}
	return snap
}

func statusText(t *testing.T, ln net.Listener, path string) string {
	t.Helper()
	resp, err := http.Get(fmt.Sprintf("http://%s%s", ln.Addr(), path))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
