package lazadasim

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
)

// Listing is one SKU to list with AddListings.
type Listing struct {
	ItemID, SkuID, SellerSku string
	// Warehouse non-empty makes a multi-warehouse listing.
	Warehouse string
	Qty, Lock int64
}

// AddListings lists many SKUs at once (AddSKU each).
func (s *Sim) AddListings(ls ...Listing) {
	for _, l := range ls {
		s.AddSKU(l.ItemID, l.SkuID, l.SellerSku, l.Warehouse, l.Qty, l.Lock)
	}
}

// productsGet is GetProducts: products in item order, offset and limit
// (1..50) counting products, each with its skus[].
func (s *Sim) productsGet(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authorize(w, r, "/products/get")
	if !ok {
		return
	}
	offset, oerr := strconv.Atoi(cmp.Or(p["offset"], "0"))
	limit, lerr := strconv.Atoi(cmp.Or(p["limit"], "10"))
	switch {
	case oerr != nil || lerr != nil || offset < 0:
		reply(w, "InvalidParameter", "offset and limit must be non-negative integers", nil)
		return
	case limit < 1 || limit > 50:
		reply(w, "InvalidParameter", errf("limit %d not in 1..50", limit), nil)
		return
	case !slices.Contains([]string{"", "all", "live", "sold-out"}, p["filter"]):
		reply(w, "InvalidParameter", errf("filter %q not supported by the simulator", p["filter"]), nil)
		return
	}
	items := s.products()
	total := len(items)
	items = items[min(offset, total):min(offset+limit, total)]
	out := make([]any, len(items))
	for i, skus := range items {
		out[i] = s.productJSON(skus)
	}
	reply(w, "0", "", map[string]any{"data": map[string]any{"total_products": total, "products": out}})
}

// products groups the SKUs by item, in numeric item then SKU order.
func (s *Sim) products() [][]sku {
	s.mu.Lock()
	all := make([]sku, 0, len(s.skus))
	for _, k := range s.skus {
		all = append(all, k)
	}
	s.mu.Unlock()
	slices.SortFunc(all, func(a, b sku) int {
		return cmp.Or(cmpNum(a.ItemID, b.ItemID), cmpNum(a.SkuID, b.SkuID))
	})
	var out [][]sku
	for i, k := range all {
		if i == 0 || k.ItemID != all[i-1].ItemID {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], k)
	}
	return out
}

func (s *Sim) productJSON(skus []sku) map[string]any {
	list := make([]any, len(skus))
	for i, k := range skus {
		l, _ := s.Stock.Get(k.SkuID)
		m := map[string]any{"SkuId": num(k.SkuID), "SellerSku": k.SellerSku, "quantity": l.Available, "Status": "active"}
		if k.Warehouse != "" {
			m["multiWarehouseInventories"] = []any{map[string]any{"warehouseCode": k.Warehouse, "quantity": l.Available}}
		}
		list[i] = m
	}
	return map[string]any{"item_id": num(skus[0].ItemID), "status": "Active",
		"attributes": map[string]any{"name": "Product " + skus[0].ItemID}, "skus": list}
}

// num sends a numeric id as a JSON number, as Lazada does.
func num(id string) any {
	if n, err := strconv.ParseInt(id, 10, 64); err == nil {
		return n
	}
	return id
}

func cmpNum(a, b string) int {
	na, _ := strconv.ParseInt(a, 10, 64)
	nb, _ := strconv.ParseInt(b, 10, 64)
	return cmp.Or(cmp.Compare(na, nb), cmp.Compare(a, b))
}
