package tiktoksim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
)

type updateReq struct {
	Skus []struct {
		ID        string `json:"id"`
		Inventory []struct {
			WarehouseID string `json:"warehouse_id"`
			Quantity    *int64 `json:"quantity"`
		} `json:"inventory"`
	} `json:"skus"`
}

type skuError struct {
	Code    int            `json:"code"`
	Message string         `json:"message"`
	Detail  map[string]any `json:"detail"`
}

func (s *Sim) update(w http.ResponseWriter, r *http.Request) {
	body := s.authorize(w, r)
	if body == nil {
		return
	}
	var req updateReq
	if err := json.Unmarshal(body, &req); err != nil || len(req.Skus) == 0 {
		reply(w, 400, 36009001, "invalid body", nil)
		return
	}
	if len(req.Skus) > 100 {
		reply(w, 200, 12052050, "more than 100 SKUs", nil)
		return
	}
	var errs []skuError
	seen := map[string]bool{}
	for _, sk := range req.Skus {
		code, msg := s.checkSku(r.PathValue("pid"), sk.ID, seen, sk.Inventory)
		if code != 0 {
			errs = append(errs, skuError{code, msg, map[string]any{"sku_id": sk.ID}})
		}
	}
	reply(w, 200, 0, "Success", map[string]any{"errors": errs})
}

// checkSku validates one SKU entry and applies it when valid.
func (s *Sim) checkSku(product, id string, seen map[string]bool, inv []struct {
	WarehouseID string `json:"warehouse_id"`
	Quantity    *int64 `json:"quantity"`
}) (int, string) {
	whs, ok := s.skuOf(product, id)
	switch {
	case seen[id]:
		return 12052553, "duplicate sku id"
	case !ok:
		return 12052556, "sku id does not exist in this product"
	}
	seen[id] = true
	got := map[string]int64{}
	for _, e := range inv {
		wh := e.WarehouseID
		if wh == "" && len(whs) == 1 {
			wh = whs[0]
		}
		if e.Quantity == nil || *e.Quantity < s.cfg.MinQuantity || *e.Quantity > 99999 {
			return 12052055, "quantity out of limits"
		}
		got[wh] = *e.Quantity
	}
	if code, msg := warehouseSet(whs, got); code != 0 {
		return code, msg
	}
	return s.apply(id, got)
}

func warehouseSet(whs []string, got map[string]int64) (int, string) {
	for w := range got {
		if !slices.Contains(whs, w) {
			return 12052533, fmt.Sprintf("warehouse %s is not assigned to the sku", w)
		}
	}
	if len(got) != len(whs) {
		return 12019028, "multiple warehouses detected, include all"
	}
	return 0, ""
}

func (s *Sim) apply(id string, got map[string]int64) (int, string) {
	for w, q := range got {
		if l, _ := s.Stock.Get(id + "/" + w); l.Lock > 0 && q < l.Available {
			return 12052393, "product locked for promotion, stock can't be updated below current stock"
		}
	}
	for w, q := range got {
		s.Stock.SetAvailable(id+"/"+w, q)
	}
	return 0, ""
}
