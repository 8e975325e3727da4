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
	skus, code, msg := s.parsePayload(p["payload"])
	if code != "" {
		reply(w, code, msg, nil)
		return
	}
	var detail []map[string]any
	for _, x := range skus {
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

// parsePayload decodes the XML payload and checks the SKU count; on
// failure it returns Lazada's code and message.
func (s *Sim) parsePayload(raw string) ([]xmlSku, string, string) {
	var req xmlRequest
	if err := xml.Unmarshal([]byte(raw), &req); err != nil || len(req.Skus) == 0 {
		return nil, "5", "Invalid format of payload"
	}
	switch {
	case len(req.Skus) > 50:
		return nil, "204", "E204 Too many SKU"
	case s.cfg.Strict20 && len(req.Skus) > 20:
		return nil, "513", "Internal call exception"
	}
	return req.Skus, "", ""
}

// apply validates and sets one SKU; it returns a failure reason or "".
func (s *Sim) apply(x xmlSku) string {
	k, ok := s.lookup(x.SkuID)
	if !ok || (x.ItemID != "" && x.ItemID != k.ItemID) {
		return errf("SKU %s (item %s) does not exist", x.SkuID, x.ItemID)
	}
	qty, msg := quantity(k, x)
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

// quantity checks the warehouse shape against the seller's: a
// single-warehouse seller must not send MultiWarehouseInventories at all,
// not even empty, and a multi-warehouse seller must not send a plain
// SellableQuantity.
func quantity(k sku, x xmlSku) (int64, string) {
	if k.Warehouse == "" {
		if x.Sellable == nil || x.Multi != nil {
			return 0, "single-warehouse seller must send SellableQuantity only, without MultiWarehouseInventories"
		}
		return *x.Sellable, ""
	}
	if x.Sellable != nil || x.Multi == nil || len(x.Multi.Warehouses) != 1 || x.Multi.Warehouses[0].Code != k.Warehouse {
		return 0, errf("multi-warehouse seller must send MultiWarehouseInventories for warehouse %s", k.Warehouse)
	}
	return x.Multi.Warehouses[0].Sellable, ""
}
