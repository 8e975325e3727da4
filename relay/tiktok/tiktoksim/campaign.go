package tiktoksim

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/edged/edged/relay/simkit"
)

// SetCampaign reserves qty units of the SKU in warehouse for a campaign
// (a promotion lock: decreases are refused while it holds) and sends an
// INVENTORY_STATUS_CHANGE (type 27) webhook with the new distribution.
func (s *Sim) SetCampaign(ctx context.Context, product, sku, warehouse string, qty int64) {
	key := sku + "/" + warehouse
	l, ok := s.Stock.Get(key)
	if !ok {
		return
	}
	l.Lock = qty
	s.Stock.Put(key, l)
	if s.cfg.WebhookURL == "" {
		return
	}
	now := s.cfg.Now().Unix()
	s.mu.Lock()
	s.next++
	id := s.next
	s.mu.Unlock()
	data, _ := json.Marshal(map[string]any{"product_id": product, "sku_id": sku, "current_inventory_status": "SUFFICIENT_STOCK",
		"inventory_distribution": map[string]int64{"total_quantity": l.Available + l.Committed, "available_quantity": l.Available,
			"campaign_reserved_quantity": qty, "creator_reserved_quantity": 0, "committed_quantity": l.Committed}, "update_time": now})
	body, _ := json.Marshal(map[string]any{"type": 27, "tts_notification_id": fmt.Sprint("inv-", id), "shop_id": s.cfg.ShopID,
		"timestamp": now, "data": json.RawMessage(data)})
	m := hmac.New(sha256.New, []byte(s.cfg.AppSecret))
	m.Write([]byte(s.cfg.AppKey))
	m.Write(body)
	h := http.Header{"Content-Type": {"application/json"}, "Authorization": {hex.EncodeToString(m.Sum(nil))}}
	s.Emitter.Emit(ctx, simkit.Delivery{URL: s.cfg.WebhookURL, Header: h, Body: body})
}
