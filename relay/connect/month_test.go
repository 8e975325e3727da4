package connect_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/connect"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopee/shopeesim"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/tiktok"
	"github.com/edged/edged/relay/tiktok/tiktoksim"
)

// The app secrets of the month; none may reach a log or the status.
const (
	monthShopifySecret = "shpss-month-client-secret-1"
	monthLazadaSecret  = "lazada-month-app-secret-2"
	monthShopeeKey     = "shopee-month-partner-key-3"
	monthTikTokSecret  = "tiktok-month-app-secret-4"
	monthCallback      = "http://127.0.0.1:9/callback"
)

// inProcess serves each simulator host by calling its http.Handler
// directly. synctest's fake clock only advances while every goroutine of
// the bubble is durably blocked, and a goroutine waiting on a real socket
// is not; so the real simulators' handlers are called in process instead
// of through httptest servers.
type inProcess struct {
	hosts map[string]http.Handler
	mu    sync.Mutex
	drop  map[string]int // path → requests still to fail as a network error
}

func (p *inProcess) RoundTrip(req *http.Request) (*http.Response, error) {
	h, ok := p.hosts[req.URL.Host]
	if !ok {
		return nil, fmt.Errorf("no simulator at %s", req.URL.Host)
	}
	p.mu.Lock()
	drop := p.drop[req.URL.Path] > 0
	p.drop[req.URL.Path]--
	p.mu.Unlock()
	if drop {
		return nil, errors.New("connection reset by peer")
	}
	in := req.Clone(req.Context())
	in.RequestURI, in.RemoteAddr = req.URL.RequestURI(), "192.0.2.1:4321"
	if in.Body == nil {
		in.Body = http.NoBody
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, in)
	in.Body.Close()
	resp := w.Result()
	resp.Request = req
	return resp, nil
}

// pusher is a channel's real client.
type pusher interface {
	relay.Pusher
	relay.TokenUser
}

// monthChannel is one channel of the month: its simulator, how to build
// its real flow and client, and its one listing.
type monthChannel struct {
	ch        relay.Channel
	life      time.Duration // access token life; 0: never expires
	newAuth   func(hc *http.Client) (relay.Authorizer, error)
	newClient func(hc *http.Client, log *slog.Logger) (pusher, error)
	item      func(q int64) relay.Item
	stock     func() int64 // the listing's quantity in the simulator
	revoke    func()
}

func monthChannels() ([]*monthChannel, *inProcess) {
	shopifySim := shopifysim.New(shopifysim.Config{ClientID: "edged-month", ClientSecret: monthShopifySecret, TokenTTL: time.Hour,
		BucketSize: 10000, RestoreRate: 10000})
	shopifySim.AddItem("gid://shopify/InventoryItem/1", "gid://shopify/Location/1", "1", 5, false)
	lazadaSim := lazadasim.New(lazadasim.Config{AppKey: "123456", AppSecret: monthLazadaSecret, SellerID: "1234567"})
	lazadaSim.AddSKU("900", "1", "S1", "", 5, 0)
	shopeeSim := shopeesim.New(shopeesim.Config{PartnerID: 2001887, PartnerKey: monthShopeeKey, ShopID: 14701711})
	shopeeSim.AddModel(100, 1, "", 5, 0)
	tiktokSim := tiktoksim.New(tiktoksim.Config{AppKey: "123abc", AppSecret: monthTikTokSecret, ShopCipher: "ROW_month",
		ShopID: "7494049642642441621", ServiceID: "7310", RedirectURL: monthCallback})
	tiktokSim.AddSKU("1729382561353664372", "1729592969712207013", []string{"7068517275539719942"}, 5, 0)
	hosts := &inProcess{hosts: map[string]http.Handler{"shopify.sim": shopifySim.Handler(), "lazada.sim": lazadaSim.Handler(),
		"shopee.sim": shopeeSim.Handler(), "tiktok.sim": tiktokSim.Handler()}, drop: map[string]int{}}

	// Shopify with expiring offline tokens (1 h access, 90 days refresh),
	// which the simulator supports; a refresh ends the previous access token.
	shopifyCfg := shopify.Config{BaseURL: "http://shopify.sim", ClientID: "edged-month", ClientSecret: monthShopifySecret,
		Shop: "edged-sim.myshopify.com", ExpiringTokens: true, RatePerSecond: 1000}
	lazadaCfg := lazada.Config{BaseURL: "http://lazada.sim/rest", AuthURL: "http://lazada.sim/rest", AppKey: "123456",
		AppSecret: monthLazadaSecret, RatePerSecond: 50}
	shopeeCfg := shopee.Config{BaseURL: "http://shopee.sim", PartnerID: 2001887, PartnerKey: monthShopeeKey, ShopID: 14701711}
	tiktokCfg := tiktok.Config{BaseURL: "http://tiktok.sim", AuthURL: "http://tiktok.sim", AuthorizeURL: "http://tiktok.sim",
		ServiceID: "7310", AppKey: "123abc", AppSecret: monthTikTokSecret, RatePerSecond: 50}
	const day = 24 * time.Hour
	return []*monthChannel{
		{
			ch: relay.Shopify, life: time.Hour,
			newAuth: func(hc *http.Client) (relay.Authorizer, error) { return shopify.NewAuth(shopifyCfg, hc, nil) },
			newClient: func(hc *http.Client, log *slog.Logger) (pusher, error) {
				return shopify.New(shopifyCfg, hc, log)
			},
			item: func(q int64) relay.Item {
				return relay.Item{Target: relay.Target{Channel: relay.Shopify, Item: "gid://shopify/InventoryItem/1",
					Location: "gid://shopify/Location/1", Variant: "1"}, Qty: q}
			},
			stock: func() int64 {
				l, _ := shopifySim.Stock.Get("gid://shopify/InventoryItem/1|gid://shopify/Location/1")
				return l.Available
			},
			revoke: shopifySim.Revoke,
		},
		{
			ch: relay.Lazada, life: 7 * day,
			newAuth: func(hc *http.Client) (relay.Authorizer, error) { return lazada.NewAuth(lazadaCfg, hc, nil) },
			newClient: func(hc *http.Client, log *slog.Logger) (pusher, error) {
				return lazada.New(lazadaCfg, hc, log)
			},
			item: func(q int64) relay.Item {
				return relay.Item{Target: relay.Target{Channel: relay.Lazada, Item: "900", Variant: "1", SellerSKU: "S1"}, Qty: q}
			},
			stock:  func() int64 { l, _ := lazadaSim.Stock.Get("1"); return l.Available },
			revoke: lazadaSim.Revoke,
		},
		{
			ch: relay.Shopee, life: 4 * time.Hour,
			newAuth: func(hc *http.Client) (relay.Authorizer, error) { return shopee.NewAuth(shopeeCfg, hc, nil) },
			newClient: func(hc *http.Client, log *slog.Logger) (pusher, error) {
				return shopee.New(shopeeCfg, hc, log)
			},
			item: func(q int64) relay.Item {
				return relay.Item{Target: relay.Target{Channel: relay.Shopee, Item: "100", Variant: "1"}, Qty: q}
			},
			stock:  func() int64 { l, _ := shopeeSim.Stock.Get("100/1"); return l.Available },
			revoke: shopeeSim.Revoke,
		},
		{
			ch: relay.TikTok, life: 7 * day,
			newAuth: func(hc *http.Client) (relay.Authorizer, error) { return tiktok.NewAuth(tiktokCfg, hc, nil) },
			newClient: func(hc *http.Client, log *slog.Logger) (pusher, error) {
				return tiktok.New(tiktokCfg, hc, log)
			},
			item: func(q int64) relay.Item {
				return relay.Item{Target: relay.Target{Channel: relay.TikTok, Item: "1729382561353664372",
					Variant: "1729592969712207013", Location: "7068517275539719942"}, Qty: q}
			},
			stock: func() int64 {
				l, _ := tiktokSim.Stock.Get("1729592969712207013/7068517275539719942")
				return l.Available
			},
			revoke: tiktokSim.Revoke,
		},
	}, hosts
}

// issued remembers every token value the platforms handed out and counts
// the successful refreshes per channel.
type issued struct {
	mu        sync.Mutex
	values    []string
	refreshes map[relay.Channel]int
	refused   map[relay.Channel]int
}

func (s *issued) add(t relay.Token, refresh bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case err != nil && relay.Retryable(err):
		return
	case err != nil:
		s.refused[t.Channel]++
		return
	case refresh:
		s.refreshes[t.Channel]++
	}
	s.values = append(s.values, t.Access)
	if t.Refresh != "" {
		s.values = append(s.values, t.Refresh)
	}
}

func (s *issued) count(ch relay.Channel) (ok, failed int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refreshes[ch], s.refused[ch]
}

// recording is a channel's real flow that tells issued what it got.
type recording struct {
	relay.Authorizer
	seen *issued
}

func (a recording) Exchange(ctx context.Context, q url.Values) (relay.Token, error) {
	t, err := a.Authorizer.Exchange(ctx, q)
	a.seen.add(t, false, err)
	return t, err
}

func (a recording) Refresh(ctx context.Context, old relay.Token) (relay.Token, error) {
	t, err := a.Authorizer.Refresh(ctx, old)
	if err != nil {
		t.Channel = old.Channel
	}
	a.seen.add(t, true, err)
	return t, err
}

// relayProcess is one run of the relay: its store, clients and refresher.
type relayProcess struct {
	store   *stock.BoltStore
	clients map[relay.Channel]pusher
	r       *connect.Refresher
	ctx     context.Context
	stop    context.CancelFunc
	done    chan error
	ended   bool
}

// startRelay opens the store, builds every client without a token and a
// refresher over the store, and loads the stored tokens into the clients,
// as the relay does at start; run starts the refresher. It is shut down
// when the test ends.
func startRelay(t *testing.T, path string, v *connect.Vault, chans []*monthChannel, hc *http.Client, log *slog.Logger, seen *issued) *relayProcess {
	t.Helper()
	store, err := stock.OpenBolt(path)
	if err != nil {
		t.Fatal(err)
	}
	p := &relayProcess{store: store, clients: map[relay.Channel]pusher{}, done: make(chan error, 1)}
	links := map[relay.Channel]connect.Link{}
	for _, c := range chans {
		auth, err := c.newAuth(hc)
		if err != nil {
			t.Fatal(err)
		}
		client, err := c.newClient(hc, log.With("client", c.ch))
		if err != nil {
			t.Fatal(err)
		}
		p.clients[c.ch] = client
		links[c.ch] = connect.Link{Auth: recording{auth, seen}, User: client}
	}
	// One relay owns every channel. It reads the store every 30 minutes
	// (the default 5 s would be 2 million reads in a month, and only
	// another instance's refresh needs it).
	p.r = connect.NewRefresher(connect.Options{Store: store, Vault: v, Channels: links,
		Owned: func(relay.Channel) bool { return true }, Poll: 30 * time.Minute, Logger: log})
	p.ctx, p.stop = context.WithCancel(context.Background())
	p.r.Load(p.ctx)
	t.Cleanup(func() { p.shutdown(t) })
	return p
}

func (p *relayProcess) run() { go func() { p.done <- p.r.Run(p.ctx) }() }

// shutdown stops the refresher and closes the store, once.
func (p *relayProcess) shutdown(t *testing.T) {
	t.Helper()
	if p.ended {
		return
	}
	p.ended = true
	p.stop()
	if err := <-p.done; err != nil {
		t.Error(err)
	}
	if err := p.store.Close(); err != nil {
		t.Error(err)
	}
}

// connectChannel runs `relay connect` for c: its grant page, the redirect
// with code and state, the code exchange; the token is sealed and stored.
func connectChannel(t *testing.T, c *monthChannel, hc *http.Client, store connect.Store, v *connect.Vault, seen *issued) {
	t.Helper()
	auth, err := c.newAuth(hc)
	if err != nil {
		t.Fatal(err)
	}
	browser := &http.Client{Transport: hc.Transport, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := browser.Get(auth.AuthURL("st4te-"+string(c.ch), monthCallback))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc.String(), monthCallback) ||
		loc.Query().Get("state") != "st4te-"+string(c.ch) || loc.Query().Get("code") == "" {
		t.Fatalf("%s: grant page: %s, Location %q", c.ch, resp.Status, resp.Header.Get("Location"))
	}
	tok, err := recording{auth, seen}.Exchange(context.Background(), loc.Query())
	if err != nil {
		t.Fatalf("%s: exchange: %v", c.ch, err)
	}
	if tok.Channel != c.ch || (c.life > 0 && !tok.AccessExpires.Equal(time.Now().Add(c.life))) {
		t.Fatalf("%s: connected token for %s expires %v, want in %v", c.ch, tok.Channel, tok.AccessExpires, c.life)
	}
	if _, err := connect.Save(context.Background(), store, v, tok); err != nil {
		t.Fatal(err)
	}
}

// Thirty days on four channels, in fake time: every hour a changed
// quantity goes to one listing of each channel while the refresher renews
// the tokens (Shopify 1 h, Shopee 4 h with single-use refresh tokens,
// Lazada and TikTok Shop 7 days); the relay restarts on day 15 from its
// store alone; on day 27 the seller revokes Lazada.
func TestThirtyDaysOnFourChannels(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const (
			day     = 24 * time.Hour
			hours   = 30 * 24
			restart = 15 * 24
			revoke  = 27 * 24
		)
		// The bubble's clock starts in 2000, whose 9-digit Unix seconds
		// TikTok Shop's timestamp check refuses; the month starts in 2026.
		time.Sleep(time.Until(time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)))
		chans, hosts := monthChannels()
		hc := &http.Client{Transport: hosts}
		logs := &syncBuffer{}
		log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		v := vault(t, 9)
		seen := &issued{refreshes: map[relay.Channel]int{}, refused: map[relay.Channel]int{}}
		path := filepath.Join(t.TempDir(), "relay.db")
		t0 := time.Now()

		store, err := stock.OpenBolt(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range chans {
			connectChannel(t, c, hc, store, v, seen)
		}
		if err := store.Close(); err != nil {
			t.Fatal(err)
		}
		// Each channel's first refresh meets a network failure and is
		// retried; the errors are logged, and must not show secrets either.
		for _, path := range []string{"/admin/oauth/access_token", "/rest/auth/token/refresh", "/api/v2/auth/access_token/get", "/api/v2/token/refresh"} {
			hosts.drop[path] = 1
		}

		p := startRelay(t, path, v, chans, hc, log, seen)
		p.run()
		var statuses [][]connect.Status
		revoked := false
		// pushAll sends q to every channel's listing: every push must
		// land, except Lazada's once revoked, which must be refused.
		pushAll := func(when string, q int64) {
			t.Helper()
			for _, c := range chans {
				res := p.clients[c.ch].Push(context.Background(), []relay.Item{c.item(q)})
				if len(res) != 1 {
					t.Fatalf("%s: %s: %d results", when, c.ch, len(res))
				}
				err := res[0].Err
				switch {
				case c.ch == relay.Lazada && revoked:
					if !errors.Is(err, relay.ErrAuth) {
						t.Errorf("%s: push to revoked lazada: %v, want ErrAuth", when, err)
					}
				case err != nil:
					t.Fatalf("%s: %s push failed: %v\nstatus %+v", when, c.ch, err, status(p.r, c.ch))
				case c.stock() != q:
					t.Fatalf("%s: %s has %d, pushed %d", when, c.ch, c.stock(), q)
				}
			}
		}
		for h := 1; h <= hours; h++ {
			// Pushes fall 30 s past the hour; refreshes fall on whole
			// minutes (and retries a second or so) from the connection, so
			// none is in flight during a push (a Shopify refresh ends the
			// previous access token).
			time.Sleep(time.Until(t0.Add(time.Duration(h)*time.Hour + 30*time.Second)))
			synctest.Wait()
			if h == revoke {
				chans[1].revoke()
				revoked = true
			}
			pushAll(fmt.Sprintf("hour %d (day %d)", h, h/24), int64(h%97+1))
			if h == restart {
				// Restart from the store alone: the new clients have only
				// what Load read from the reopened store, before Run.
				statuses = append(statuses, p.r.Status())
				p.shutdown(t)
				p = startRelay(t, path, v, chans, hc, log, seen)
				pushAll("right after the restart", 99)
				p.run()
			}
		}
		statuses = append(statuses, p.r.Status())

		// Refreshes: 80% of each token's life over 30 days (Lazada's
		// fifth, on day 28, is refused after the revocation).
		for _, c := range chans {
			got, failed := seen.count(c.ch)
			want, wantFailed := int(30*day/(c.life*8/10)), 0
			if c.ch == relay.Lazada {
				want, wantFailed = want-1, 1
			}
			t.Logf("%s: %d refreshes in 30 days (access token %v), %d refused", c.ch, got, c.life, failed)
			if d := got - want; d < -max(1, want/50) || d > 1 || failed != wantFailed {
				t.Errorf("%s: %d refreshes (%d refused), want about %d (%d)", c.ch, got, failed, want, wantFailed)
			}
			s := status(p.r, c.ch)
			if s.Version != uint64(1+got) || s.LastRefresh.IsZero() {
				t.Errorf("%s: stored version %d, last refresh %v after %d refreshes", c.ch, s.Version, s.LastRefresh, got)
			}
			if c.ch == relay.Lazada {
				if !s.Permanent || !strings.Contains(s.LastError, "run `relay connect lazada`") {
					t.Errorf("revoked lazada: status %+v", s)
				}
			} else if s.LastError != "" || s.Permanent || !s.Connected {
				t.Errorf("%s: status %+v", c.ch, s)
			}
		}

		js, err := json.Marshal(statuses)
		if err != nil {
			t.Fatal(err)
		}
		text := logs.String() + string(js)
		if !strings.Contains(text, "token refreshed") || !strings.Contains(text, "run `relay connect lazada`") {
			t.Errorf("the logs miss the refreshes or the revocation:\n%.2000s", text)
		}
		seen.mu.Lock()
		defer seen.mu.Unlock()
		t.Logf("%d token values issued; %d bytes of logs and status", len(seen.values), len(text))
		for _, secret := range append([]string{monthShopifySecret, monthLazadaSecret, monthShopeeKey, monthTikTokSecret}, seen.values...) {
			if i := strings.Index(text, secret); i >= 0 {
				t.Errorf("the logs or status show a secret: …%s…", text[max(0, i-200):min(len(text), i+len(secret)+50)])
			}
		}
	})
}
