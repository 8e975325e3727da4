package shopeesim

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"

	"github.com/edged/edged/relay/simkit"
)

// Reserve sets the promotion stock reserved for a model (a flash sale
// starting, or 0 when it ends) and pushes code 8, Reserved Stock Change.
func (s *Sim) Reserve(ctx context.Context, itemID, modelID, n int64) {
	l, _ := s.Stock.Get(key(itemID, modelID))
	l.Lock = n
	s.Stock.Put(key(itemID, modelID), l)
	now := s.cfg.Now().Unix()
	body, _ := json.Marshal(map[string]any{"data": map[string]any{"item_id": itemID, "model_id": modelID, "update_time": now},
		"shop_id": s.cfg.ShopID, "code": 8, "timestamp": now})
	s.sendPush(ctx, body)
}

func (s *Sim) sendPush(ctx context.Context, body []byte) {
	if s.cfg.PushURL == "" {
		return
	}
	m := hmac.New(sha256.New, []byte(s.cfg.PartnerKey))
	m.Write([]byte(s.cfg.PushURL + "|"))
	m.Write(body)
	h := http.Header{"Content-Type": {"application/json"}, "Authorization": {hex.EncodeToString(m.Sum(nil))}}
	s.Emitter.Emit(ctx, simkit.Delivery{URL: s.cfg.PushURL, Header: h, Body: body})
}

// stockInfo is stock_info_v2 of one model.
func (s *Sim) stockInfo(itemID, modelID int64, location string) map[string]any {
	l, _ := s.Stock.Get(key(itemID, modelID))
	seller := map[string]any{"stock": l.Available}
	if location != "" {
		seller["location_id"] = location
	}
	return map[string]any{"summary_info": map[string]any{"total_reserved_stock": l.Lock, "total_available_stock": l.Available},
		"seller_stock": []any{seller}, "shopee_stock": []any{}}
}

// models lists an item's models, or nil when it has none.
func (s *Sim) models(itemID int64) (ids []int64, location string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it := s.items[itemID]
	if it == nil {
		return nil, "", false
	}
	for m := range it.models {
		if m != 0 {
			ids = append(ids, m)
		}
	}
	slices.Sort(ids)
	return ids, it.location, true
}

func (s *Sim) modelList(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r, true) {
		return
	}
	id, _ := strconv.ParseInt(r.URL.Query().Get("item_id"), 10, 64)
	ids, loc, ok := s.models(id)
	if !ok {
		reply(w, "error_item_not_found", "Item not found.", nil)
		return
	}
	models := []any{}
	for _, m := range ids {
		models = append(models, map[string]any{"model_id": m, "model_sku": s.sellerSKU(id, m), "stock_info_v2": s.stockInfo(id, m, loc)})
	}
	reply(w, "", "", map[string]any{"tier_variation": []any{}, "model": models})
}

func (s *Sim) itemBaseInfo(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r, true) {
		return
	}
	ids, ok := itemIDList(r.URL.Query().Get("item_id_list"))
	if !ok {
		reply(w, "error_param", "item_id_list must be 1..50 comma-separated item ids", nil)
		return
	}
	items := []any{}
	for _, id := range ids {
		if item, ok := s.baseInfo(id); ok {
			items = append(items, item)
		}
	}
	if len(items) == 0 {
		reply(w, "error_item_not_found", "Item not found.", nil)
		return
	}
	reply(w, "", "", map[string]any{"item_list": items})
}
