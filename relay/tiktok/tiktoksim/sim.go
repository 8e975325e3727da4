package tiktoksim

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"time"

	"github.com/edged/edged/relay/simkit"
)

// Config sets the fake shop up. Zero fields take defaults.
type Config struct {
	AppKey, AppSecret, AccessToken, ShopCipher, ShopID string
	// ServiceID is checked on the grant page when set; RedirectURL is the
	// app's registered redirect, where the grant page sends the seller.
	ServiceID, RedirectURL string
	// TokenTTL and RefreshTTL are the lives of tokens from OAuth; default
	// 7 and 30 days.
	TokenTTL, RefreshTTL time.Duration
	// RatePerSecond is the QPS limit per API (429 above); default 50.
	RatePerSecond int
	// MinQuantity is the lowest quantity accepted: 0 (default) or 1, the
	// documented lower bound (see the reference's open question 1).
	MinQuantity int64
	// WebhookURL receives notifications; empty sends none.
	WebhookURL string
	// Now is the simulator's clock; default time.Now.
	Now func() time.Time
}

// Sim is a fake TikTok shop.
type Sim struct {
	cfg      Config
	Stock    simkit.Stock // keyed sku id + "/" + warehouse id
	Faults   simkit.Faults
	Recorder simkit.Recorder
	Emitter  simkit.Emitter
	win      simkit.Window
	auth     simkit.Tokens
	book     listingBook // AddListings; seller SKUs and titles

	mu       sync.Mutex
	products map[string][]string            // product → sku ids
	whs      map[string][]string            // sku → warehouses
	orders   map[string][]map[string]string // order → line items
	status   map[string]string
	next     int64 // beyond 32 bits: int would not build for armhf
}

// New returns a simulator.
func New(cfg Config) *Sim {
	if cfg.RatePerSecond == 0 {
		cfg.RatePerSecond = 50
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Sim{cfg: cfg, products: map[string][]string{}, whs: map[string][]string{},
		orders: map[string][]map[string]string{}, status: map[string]string{}, next: 576684019603311365}
	s.Emitter.Acked = func(code int, _ []byte) bool { return code == http.StatusOK || code == http.StatusUnauthorized }
	s.setupAuth()
	return s
}

// Start serves the simulator on 127.0.0.1.
func (s *Sim) Start() *httptest.Server { return httptest.NewServer(s.Handler()) }

// Handler serves the API.
func (s *Sim) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /product/202309/products/{pid}/inventory/update", s.update)
	mux.HandleFunc("POST /product/202309/products/search", s.searchProducts)
	mux.HandleFunc("GET /order/202507/orders", s.orderDetail)
	mux.HandleFunc("GET /open/authorize", s.authorizePage)
	mux.HandleFunc("GET /api/v2/token/get", s.tokenGet)
	mux.HandleFunc("GET /api/v2/token/refresh", s.tokenRefresh)
	mux.HandleFunc("GET /authorization/202309/shops", s.shops)
	return s.Recorder.Wrap(&s.Faults, mux)
}

// AddSKU lists a SKU of product in warehouses with qty each; lock > 0
// puts it under a promotion that refuses decreases.
func (s *Sim) AddSKU(product, sku string, warehouses []string, qty, lock int64) {
	s.mu.Lock()
	s.products[product] = append(s.products[product], sku)
	s.whs[sku] = slices.Clone(warehouses)
	s.mu.Unlock()
	for _, w := range warehouses {
		s.Stock.Put(sku+"/"+w, simkit.Listing{Available: qty, Lock: lock})
	}
}

// Sell takes an order of n units of sku from warehouse and notifies.
func (s *Sim) Sell(ctx context.Context, product, sku, warehouse string, n int64) (string, bool) {
	if !s.Stock.Sell(sku+"/"+warehouse, n) {
		return "", false
	}
	s.mu.Lock()
	s.next++
	id := fmt.Sprint(s.next)
	for range n {
		s.orders[id] = append(s.orders[id], map[string]string{"sku_id": sku, "product_id": product, "warehouse": warehouse})
	}
	s.status[id] = "AWAITING_SHIPMENT"
	s.mu.Unlock()
	s.notify(ctx, id, "AWAITING_SHIPMENT")
	return id, true
}

// Cancel cancels an order, restores its units and notifies ("CANCEL").
func (s *Sim) Cancel(ctx context.Context, orderID string) {
	s.mu.Lock()
	lines := s.orders[orderID]
	s.status[orderID] = "CANCELLED"
	s.mu.Unlock()
	for _, l := range lines {
		s.Stock.Release(l["sku_id"]+"/"+l["warehouse"], 1)
	}
	s.notify(ctx, orderID, "CANCEL")
}

func (s *Sim) notify(ctx context.Context, orderID, status string) {
	if s.cfg.WebhookURL == "" {
		return
	}
	now := s.cfg.Now()
	data, _ := json.Marshal(map[string]any{"order_id": orderID, "order_status": status, "update_time": now.Unix()})
	body, _ := json.Marshal(map[string]any{"type": 1, "tts_notification_id": fmt.Sprintf("%s-%s", orderID, status),
		"shop_id": s.cfg.ShopID, "timestamp": now.Unix(), "data": json.RawMessage(data)})
	m := hmac.New(sha256.New, []byte(s.cfg.AppSecret))
	m.Write([]byte(s.cfg.AppKey))
	m.Write(body)
	h := http.Header{"Content-Type": {"application/json"}, "Authorization": {hex.EncodeToString(m.Sum(nil))}}
	s.Emitter.Emit(ctx, simkit.Delivery{URL: s.cfg.WebhookURL, Header: h, Body: body})
}

func (s *Sim) skuOf(product, sku string) ([]string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !slices.Contains(s.products[product], sku) {
		return nil, false
	}
	return s.whs[sku], true
}
