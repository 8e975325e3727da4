package lazadasim

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
	"strings"
	"sync"
	"time"

	"github.com/edged/edged/relay/simkit"
)

// Config sets the fake seller up. Zero fields take defaults.
type Config struct {
	AppKey, AppSecret, AccessToken string
	// SellerID appears in pushes and in token answers.
	SellerID string
	// TokenTTL and RefreshTTL are the lives of tokens from OAuth; default
	// 7 and 30 days.
	TokenTTL, RefreshTTL time.Duration
	// RatePerSecond is the call limit (901 above); default 50.
	RatePerSecond int
	// Strict20 answers 513 to batches above 20 SKUs.
	Strict20 bool
	// PushURL receives LPM pushes; empty sends none.
	PushURL string
	// Now is the simulator's clock; default time.Now.
	Now func() time.Time
}

// sku is one listing.
type sku struct {
	ItemID, SkuID, SellerSku string
	Warehouse                string // empty: single-warehouse seller
}

// Sim is a fake Lazada seller.
type Sim struct {
	cfg      Config
	Stock    simkit.Stock
	Faults   simkit.Faults
	Recorder simkit.Recorder
	Emitter  simkit.Emitter
	win      simkit.Window
	auth     simkit.Tokens

	mu     sync.Mutex
	skus   map[string]sku
	orders map[string][]string // order id → sku ids, one per unit
	status map[string]string
	nextID int64 // beyond 32 bits: int would not build for armhf
}

// New returns a simulator; start it with Start or serve Handler.
func New(cfg Config) *Sim {
	if cfg.RatePerSecond == 0 {
		cfg.RatePerSecond = 50
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Sim{cfg: cfg, skus: map[string]sku{}, orders: map[string][]string{}, status: map[string]string{}, nextID: 260422900198363}
	s.Emitter.Acked = func(code int, _ []byte) bool { return code == http.StatusOK }
	s.setupAuth()
	return s
}

// Start serves the simulator on 127.0.0.1 until the returned server closes.
func (s *Sim) Start() *httptest.Server { return httptest.NewServer(s.Handler()) }

// Handler serves the API under /rest.
func (s *Sim) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/rest/product/stock/sellable/update", s.sellableUpdate)
	mux.HandleFunc("GET /rest/order/items/get", s.orderItems)
	mux.HandleFunc("GET /rest/products/get", s.productsGet)
	mux.HandleFunc("GET /oauth/authorize", s.authorizePage)
	mux.HandleFunc("/rest/auth/token/create", s.tokenCreate)
	mux.HandleFunc("/rest/auth/token/refresh", s.tokenRefresh)
	return s.Recorder.Wrap(&s.Faults, mux)
}

// AddSKU lists a SKU with a sellable quantity and optional campaign lock;
// warehouse non-empty makes it a multi-warehouse listing.
func (s *Sim) AddSKU(itemID, skuID, sellerSku, warehouse string, qty, lock int64) {
	s.mu.Lock()
	s.skus[skuID] = sku{itemID, skuID, sellerSku, warehouse}
	s.mu.Unlock()
	s.Stock.Put(skuID, simkit.Listing{Available: qty, Lock: lock})
}

// Sell takes an order for n units of skuID if sellable allows, moving them
// to withhold, and pushes an "unpaid" trade message. It returns the order id.
func (s *Sim) Sell(ctx context.Context, skuID string, n int64) (string, bool) {
	if !s.Stock.Sell(skuID, n) {
		return "", false
	}
	s.mu.Lock()
	s.nextID++
	id := fmt.Sprint(s.nextID)
	for range n {
		s.orders[id] = append(s.orders[id], skuID)
	}
	s.status[id] = "unpaid"
	s.mu.Unlock()
	s.push(ctx, id, "unpaid")
	return id, true
}

// CancelOutOfStock is a seller cancellation with reason "Out of Stock":
// Lazada then sets the SKU's sellable to 0 by itself, a change the relay
// did not make (its reconciliation repairs it).
func (s *Sim) CancelOutOfStock(ctx context.Context, orderID string) {
	s.Cancel(ctx, orderID)
	units, _ := s.orderUnits(orderID)
	for _, id := range units {
		s.Stock.Zero(id)
	}
}

// ExpireUnpaid cancels an order still unpaid, as Lazada does after 30
// minutes (time-compressed: the test decides when).
func (s *Sim) ExpireUnpaid(ctx context.Context, orderID string) bool {
	if _, status := s.orderUnits(orderID); status != "unpaid" {
		return false
	}
	s.Cancel(ctx, orderID)
	return true
}

// Cancel cancels an order, returns its units to sellable and pushes it.
func (s *Sim) Cancel(ctx context.Context, orderID string) {
	s.mu.Lock()
	units := s.orders[orderID]
	s.status[orderID] = "canceled"
	s.mu.Unlock()
	for _, id := range units {
		s.Stock.Release(id, 1)
	}
	s.push(ctx, orderID, "canceled")
}

func (s *Sim) push(ctx context.Context, orderID, status string) {
	if s.cfg.PushURL == "" {
		return
	}
	data, _ := json.Marshal(map[string]any{"order_status": status, "trade_order_id": orderID,
		"trade_order_line_id": orderID + "1", "status_update_time": s.cfg.Now().Unix()})
	body, _ := json.Marshal(map[string]any{"seller_id": s.cfg.SellerID, "message_type": 0,
		"data": json.RawMessage(data), "timestamp": s.cfg.Now().UnixMilli(), "site": "lazada_sg"})
	m := hmac.New(sha256.New, []byte(s.cfg.AppSecret))
	m.Write([]byte(s.cfg.AppKey))
	m.Write(body)
	h := http.Header{"Content-Type": {"application/json"}, "Authorization": {hex.EncodeToString(m.Sum(nil))}}
	s.Emitter.Emit(ctx, simkit.Delivery{URL: s.cfg.PushURL, Header: h, Body: body})
}

// ForgePush sends a push signed with the wrong secret; it returns the
// relay's HTTP status.
func (s *Sim) ForgePush(ctx context.Context, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.cfg.PushURL, strings.NewReader(string(body)))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", strings.Repeat("ab", 32))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func (s *Sim) lookup(id string) (sku, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.skus[id]
	return k, ok
}

func (s *Sim) orderUnits(id string) ([]string, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.orders[id]), s.status[id]
}
