package shopifysim

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/edged/edged/relay/simkit"
)

// Config sets the fake shop up. Zero fields take defaults.
type Config struct {
	AccessToken  string
	ClientSecret string
	// ClientID is the app's client id for OAuth; empty accepts any.
	ClientID string
	// Shop is the myshopify.com domain in redirects; default
	// edged-sim.myshopify.com.
	Shop string
	// TokenTTL makes tokens from OAuth expiring offline tokens with a
	// refresh token (Shopify uses 1 h); 0 issues non-expiring ones.
	// RefreshTTL is the refresh token's life; default 90 days.
	TokenTTL, RefreshTTL time.Duration
	// Versions are the API versions served; default 2025-10, 2026-01, 2026-04.
	Versions []string
	// BucketSize and RestoreRate set the cost bucket; default 1000 and 100/s.
	BucketSize, RestoreRate float64
	// WebhookURL receives webhooks; empty sends none.
	WebhookURL string
	// PaidBeforeCreate sends orders/paid before orders/create.
	PaidBeforeCreate bool
	// Now is the simulator's clock; default time.Now.
	Now func() time.Time
}

type level struct {
	item, location, variant string
	bundle                  bool
}

// Sim is a fake Shopify shop.
type Sim struct {
	cfg      Config
	Stock    simkit.Stock // keyed item gid + "|" + location gid
	Faults   simkit.Faults
	Recorder simkit.Recorder
	Emitter  simkit.Emitter
	auth     simkit.Tokens
	catalog  catalog // AddVariants; served by listingQuery

	mu      sync.Mutex
	levels  map[string]level
	bucket  float64
	filled  time.Time
	idem    map[string]idemEntry
	orders  map[string]*simOrder
	nextID  int64
	forge   bool
	hookSeq int
}

// New returns a simulator.
func New(cfg Config) *Sim {
	if len(cfg.Versions) == 0 {
		cfg.Versions = []string{"2025-10", "2026-01", "2026-04"}
	}
	if cfg.BucketSize == 0 {
		cfg.BucketSize = 1000
	}
	if cfg.RestoreRate == 0 {
		cfg.RestoreRate = 100
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Sim{cfg: cfg, levels: map[string]level{}, bucket: cfg.BucketSize, filled: cfg.Now(),
		idem: map[string]idemEntry{}, orders: map[string]*simOrder{}, nextID: 450789469}
	s.setupAuth()
	return s
}

// Start serves the simulator on 127.0.0.1.
func (s *Sim) Start() *httptest.Server { return httptest.NewServer(s.Handler()) }

// Handler serves /admin/api/{version}/graphql.json.
func (s *Sim) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /admin/api/{version}/graphql.json", s.graphql)
	mux.HandleFunc("GET /admin/oauth/authorize", s.authorizePage)
	mux.HandleFunc("POST /admin/oauth/access_token", s.accessToken)
	return s.Recorder.Wrap(&s.Faults, mux)
}

// AddItem stocks an inventory item (of variant) at a location; a bundle
// refuses stock writes.
func (s *Sim) AddItem(item, location, variant string, available int64, bundle bool) {
	s.mu.Lock()
	s.levels[item+"|"+location] = level{item, location, variant, bundle}
	s.mu.Unlock()
	s.Stock.Put(item+"|"+location, simkit.Listing{Available: available})
}

// ForgeNextWebhook signs the next webhook with a wrong secret.
func (s *Sim) ForgeNextWebhook() {
	s.mu.Lock()
	s.forge = true
	s.mu.Unlock()
}

func (s *Sim) levelOfVariant(variant string) (level, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.levels {
		if l.variant == variant {
			return l, true
		}
	}
	return level{}, false
}

func (s *Sim) webhook(ctx context.Context, topic string, body []byte) {
	if s.cfg.WebhookURL == "" {
		return
	}
	s.mu.Lock()
	s.hookSeq++
	secret, seq := s.cfg.ClientSecret, s.hookSeq
	if s.forge {
		secret, s.forge = "not-the-secret", false
	}
	s.mu.Unlock()
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	now := s.cfg.Now().UTC().Format(time.RFC3339Nano)
	h := http.Header{"Content-Type": {"application/json"}, "X-Shopify-Topic": {topic},
		"X-Shopify-Shop-Domain": {"edged-sim.myshopify.com"}, "X-Shopify-Api-Version": {s.cfg.Versions[len(s.cfg.Versions)-1]},
		"X-Shopify-Webhook-Id": {fmt.Sprintf("b54557e4-bdd9-4b37-8a5f-%012d", seq)}, "X-Shopify-Triggered-At": {now},
		"X-Shopify-Event-Id": {fmt.Sprint(seq)}, "X-Shopify-Hmac-Sha256": {base64.StdEncoding.EncodeToString(m.Sum(nil))}}
	s.Emitter.Emit(ctx, simkit.Delivery{URL: s.cfg.WebhookURL, Header: h, Body: body})
}
