package shopeesim

import (
	"encoding/json"
	"fmt"
	"net/http"
)

type updateReq struct {
	ItemID    int64 `json:"item_id"`
	StockList []struct {
		ModelID     int64 `json:"model_id"`
		SellerStock []struct {
			LocationID *string `json:"location_id"`
			Stock      int64   `json:"stock"`
		} `json:"seller_stock"`
	} `json:"stock_list"`
}

func (s *Sim) updateStock(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r, true) {
		return
	}
	var req updateReq
	if r.Header.Get("Content-Type") != "application/json" || json.NewDecoder(r.Body).Decode(&req) != nil {
		reply(w, "error_param", "Body must be JSON with Content-Type application/json.", nil)
		return
	}
	s.mu.Lock()
	it, promo := s.items[req.ItemID], s.promoLock
	s.mu.Unlock()
	switch {
	case it == nil:
		reply(w, "error_item_not_found", "Item not found.", nil)
	case len(req.StockList) == 0 || len(req.StockList) > 50:
		reply(w, "error_param", "stock_list must hold 1 to 50 entries.", nil)
	case promo:
		reply(w, "error_cannt_edit_stock_in_promotion", "Can not edit stock during promotion.", nil)
	default:
		s.applyList(w, req, it)
	}
}

func (s *Sim) applyList(w http.ResponseWriter, req updateReq, it *item) {
	var ok, failed []map[string]any
	seen := map[int64]bool{}
	for _, e := range req.StockList {
		if why := s.check(req.ItemID, it, e.ModelID, seen, len(e.SellerStock)); why != "" {
			failed = append(failed, map[string]any{"model_id": e.ModelID, "failed_reason": why})
			continue
		}
		ss := e.SellerStock[0]
		if (ss.LocationID != nil) != (it.location != "") || (ss.LocationID != nil && *ss.LocationID != it.location) {
			failed = append(failed, map[string]any{"model_id": e.ModelID, "failed_reason": "Lack of location_id or structure mismatch."})
			continue
		}
		l, _ := s.Stock.Get(key(req.ItemID, e.ModelID))
		if ss.Stock < 0 || ss.Stock < l.Lock {
			failed = append(failed, map[string]any{"model_id": e.ModelID, "failed_reason": "Stock should be larger than reserved stock."})
			continue
		}
		s.Stock.SetAvailable(key(req.ItemID, e.ModelID), ss.Stock)
		ok = append(ok, map[string]any{"model_id": e.ModelID, "location_id": it.location, "stock": ss.Stock})
	}
	reply(w, "", "", map[string]any{"success_list": ok, "failure_list": failed})
}

func (s *Sim) check(itemID int64, it *item, model int64, seen map[int64]bool, nStock int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case seen[model]:
		return "Repeated model_id."
	case !it.models[model]:
		return fmt.Sprintf("model_id %d does not belong to item %d.", model, itemID)
	case model == 0 && len(it.models) > 1:
		return "model_id 0 is only for items without variants."
	case nStock != 1:
		return "seller_stock must hold one entry per location."
	}
	seen[model] = true
	return ""
}
