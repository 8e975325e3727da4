package lazadasim

import (
	"encoding/xml"
	"net/http"
)

func (s *Sim) sellableUpdate(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authorize(w, r, "/product/stock/sellable/update")
	if !ok {
		return
	}
	var req xmlRequest
	if err := xml.Unmarshal([]byte(p["payload"]), &req); err != nil || len(req.Skus) == 0 {
		reply(w, "5", "Invalid format of payload", nil)
		return
	}
	switch {
	case len(req.Skus) > 50:
		reply(w, "204", "E204 Too many SKU", nil)
		return
	case s.cfg.Strict20 && len(req.Skus) > 20:
		reply(w, "513", "Internal call exception", nil)
		return
	}
	var detail []map[string]any
	for _, x := range req.Skus {
		if msg := s.apply(x); msg != "" {
			detail = append(detail, map[string]any{"seller_sku": x.SellerSku, "sku_id": x.SkuID, "code": "4", "message": msg})
		}
	}
	if len(detail) > 0 {
		reply(w, "501", "Update product failed", map[string]any{"detail": detail})
		return
	}
	reply(w, "0", "", map[string]any{"data": map[string]any{}})
}

// apply validates and sets one SKU; it returns a failure reason or "".
func (s *Sim) apply(x xmlSku) string {
	k, ok := s.lookup(x.SkuID)
	if !ok || (x.ItemID != "" && x.ItemID != k.ItemID) {
		return errf("SKU %s (item %s) does not exist", x.SkuID, x.ItemID)
	}
	qty, msg := s.quantity(k, x)
	if msg != "" {
		return msg
	}
	l, _ := s.Stock.Get(k.SkuID)
	switch {
	case qty < 0:
		return "Negative sellable"
	case qty < l.Lock:
		return errf("Negative sellable: %d is below the campaign lock %d", qty, l.Lock)
	}
	s.Stock.SetAvailable(k.SkuID, qty)
	return ""
}

// quantity checks the warehouse shape against the seller's.
func (s *Sim) quantity(k sku, x xmlSku) (int64, string) {
	if k.Warehouse == "" {
		if x.Sellable == nil || len(x.Warehouses) > 0 {
			return 0, "single-warehouse seller must send SellableQuantity only"
		}
		return *x.Sellable, ""
	}
	if x.Sellable != nil || len(x.Warehouses) != 1 || x.Warehouses[0].Code != k.Warehouse {
		return 0, errf("multi-warehouse seller must send MultiWarehouseInventories for warehouse %s", k.Warehouse)
	}
	return x.Warehouses[0].Sellable, ""
}
