package shopeesim

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"

	"github.com/edged/edged/relay/simkit"
)

// Config sets the fake shop up. Zero fields take defaults.
type Config struct {
	PartnerID    int64
	PartnerKey   string
	ShopID       int64
	AccessToken  string
	RefreshToken string
	// TokenTTL is how long an access token lives; default 4 h.
	// RefreshTTL is a refresh token's life; default 30 days.
	TokenTTL, RefreshTTL time.Duration
	// RatePerSecond answers error_system_busy above it; 0 means no limit.
	RatePerSecond int
	// PushURL receives pushes; the signature covers it exactly.
	PushURL string
	// Now is the simulator's clock; default time.Now.
	Now func() time.Time
}

type item struct {
	location string // "" for single-warehouse shops
	models   map[int64]bool
}

type line struct{ item, model, qty int64 }

// Sim is a fake Shopee shop.
type Sim struct {
	cfg      Config
	Stock    simkit.Stock // keyed "item/model"; Lock is reserved promotion stock
	Faults   simkit.Faults
	Recorder simkit.Recorder
	Emitter  simkit.Emitter
	win      simkit.Window
	auth     simkit.Tokens
	book     skuBook // AddListings; seller SKUs and names

	mu        sync.Mutex
	items     map[int64]*item
	promoLock bool
	orders    map[string][]line
	status    map[string]string
	next      int
	lost      []lostPush
	lostSeq   int64
}

// New returns a simulator.
func New(cfg Config) *Sim {
	if cfg.TokenTTL == 0 {
		cfg.TokenTTL = 4 * time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Sim{cfg: cfg, items: map[int64]*item{}, orders: map[string][]line{}, status: map[string]string{}}
	s.setupAuth()
	s.Emitter.Acked = func(code int, body []byte) bool { return code/100 == 2 && len(body) == 0 }
	s.Emitter.OnFailed = s.keepLost
	return s
}

// Start serves the simulator on 127.0.0.1.
func (s *Sim) Start() *httptest.Server { return httptest.NewServer(s.Handler()) }

// Handler serves the API.
func (s *Sim) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v2/product/update_stock", s.updateStock)
	mux.HandleFunc("GET /api/v2/order/get_order_detail", s.orderDetail)
	mux.HandleFunc("GET /api/v2/product/get_model_list", s.modelList)
	mux.HandleFunc("GET /api/v2/product/get_item_base_info", s.itemBaseInfo)
	mux.HandleFunc("GET /api/v2/product/get_item_list", s.itemList)
	mux.HandleFunc("POST /api/v2/auth/access_token/get", s.accessTokenGet)
	mux.HandleFunc("POST /api/v2/auth/token/get", s.tokenGet)
	mux.HandleFunc("GET /api/v2/shop/auth_partner", s.authPartner)
	mux.HandleFunc("GET /api/v2/push/get_lost_push_message", s.lostMessages)
	mux.HandleFunc("POST /api/v2/push/confirm_consumed_lost_push_message", s.confirmLost)
	return s.Recorder.Wrap(&s.Faults, mux)
}

// AddModel lists a model (0 for an item without variants) with stock and
// reserved promotion stock; location non-empty makes a multi-warehouse item.
func (s *Sim) AddModel(itemID, modelID int64, location string, stock, reserved int64) {
	s.mu.Lock()
	it := s.items[itemID]
	if it == nil {
		it = &item{location: location, models: map[int64]bool{}}
		s.items[itemID] = it
	}
	it.models[modelID] = true
	s.mu.Unlock()
	s.Stock.Put(key(itemID, modelID), simkit.Listing{Available: stock, Lock: reserved})
}

// PromotionLock turns the promotion lock mode on or off.
func (s *Sim) PromotionLock(on bool) {
	s.mu.Lock()
	s.promoLock = on
	s.mu.Unlock()
}

// ExpireTokens invalidates every access token (as after 4 h).
func (s *Sim) ExpireTokens() { s.auth.ExpireAccess() }

func key(itemID, modelID int64) string { return fmt.Sprintf("%d/%d", itemID, modelID) }

// Sell takes an order of n units and pushes code 3 READY_TO_SHIP.
func (s *Sim) Sell(ctx context.Context, itemID, modelID, n int64) (string, bool) {
	if !s.Stock.Sell(key(itemID, modelID), n) {
		return "", false
	}
	s.mu.Lock()
	s.next++
	sn := fmt.Sprintf("2208%010dQSK", s.next)
	s.orders[sn] = []line{{itemID, modelID, n}}
	s.status[sn] = "READY_TO_SHIP"
	s.mu.Unlock()
	s.push(ctx, sn, "READY_TO_SHIP")
	return sn, true
}

// Cancel cancels an order, restores its stock and pushes CANCELLED.
func (s *Sim) Cancel(ctx context.Context, sn string) {
	s.mu.Lock()
	lines := s.orders[sn]
	s.status[sn] = "CANCELLED"
	s.mu.Unlock()
	for _, l := range lines {
		s.Stock.Release(key(l.item, l.model), l.qty)
	}
	s.push(ctx, sn, "CANCELLED")
}

func (s *Sim) push(ctx context.Context, sn, status string) {
	now := s.cfg.Now().Unix()
	body, _ := json.Marshal(map[string]any{"data": map[string]any{"items": []any{}, "ordersn": sn, "status": status,
		"completed_scenario": "", "update_time": now}, "shop_id": s.cfg.ShopID, "code": 3, "timestamp": now})
	s.sendPush(ctx, body)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
