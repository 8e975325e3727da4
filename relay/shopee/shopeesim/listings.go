package shopeesim

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Listing is one model to list with AddListings.
type Listing struct {
	// ModelID is 0 for an item without variants.
	ItemID, ModelID int64
	// SKU is the model's model_sku, or for model 0 the item's item_sku.
	SKU string
	// ItemSKU is the parent's item_sku of an item with models (often empty).
	ItemSKU string
	// Name is the item's name; Location non-empty makes a multi-warehouse item.
	Name, Location  string
	Stock, Reserved int64
}

// skuBook holds the seller SKUs and names the listing endpoints show.
type skuBook struct {
	mu    sync.Mutex
	skus  map[string]string // key(item, model) → model_sku; model 0 → item_sku
	names map[int64]string
}

// AddListings lists many models at once (AddModel each) with their SKUs.
func (s *Sim) AddListings(ls ...Listing) {
	s.book.mu.Lock()
	if s.book.skus == nil {
		s.book.skus, s.book.names = map[string]string{}, map[int64]string{}
	}
	for _, l := range ls {
		s.book.skus[key(l.ItemID, l.ModelID)] = l.SKU
		if l.ModelID != 0 && l.ItemSKU != "" {
			s.book.skus[key(l.ItemID, 0)] = l.ItemSKU
		}
		s.book.names[l.ItemID] = l.Name
	}
	s.book.mu.Unlock()
	for _, l := range ls {
		s.AddModel(l.ItemID, l.ModelID, l.Location, l.Stock, l.Reserved)
	}
}

func (s *Sim) sellerSKU(itemID, modelID int64) string {
	s.book.mu.Lock()
	defer s.book.mu.Unlock()
	return s.book.skus[key(itemID, modelID)]
}

// itemList is get_item_list: item ids in order, offset and page_size
// (1..100); every simulated item is NORMAL.
func (s *Sim) itemList(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r, true) {
		return
	}
	q := r.URL.Query()
	offset, oerr := strconv.Atoi(q.Get("offset"))
	size, serr := strconv.Atoi(q.Get("page_size"))
	switch {
	case oerr != nil || offset < 0:
		reply(w, "error_param", "offset must be a non-negative integer", nil)
		return
	case serr != nil || size < 1 || size > 100:
		reply(w, "error_param", "page_size should be between 1 and 100", nil)
		return
	case len(q["item_status"]) == 0:
		reply(w, "error_param", "item_status is required", nil)
		return
	}
	var ids []int64
	if slices.Contains(q["item_status"], "NORMAL") {
		ids = s.itemIDs()
	}
	page := ids[min(offset, len(ids)):min(offset+size, len(ids))]
	items := make([]any, len(page))
	for i, id := range page {
		items[i] = map[string]any{"item_id": id, "item_status": "NORMAL", "update_time": s.cfg.Now().Unix()}
	}
	next := offset + len(page)
	reply(w, "", "", map[string]any{"item": items, "total_count": len(ids), "has_next_page": next < len(ids), "next_offset": next})
}

func (s *Sim) itemIDs() []int64 {
	s.mu.Lock()
	ids := make([]int64, 0, len(s.items))
	for id := range s.items {
		ids = append(ids, id)
	}
	s.mu.Unlock()
	slices.Sort(ids)
	return ids
}

// baseInfo is one item of get_item_base_info, or false when unknown.
func (s *Sim) baseInfo(id int64) (map[string]any, bool) {
	ids, loc, ok := s.models(id)
	if !ok {
		return nil, false
	}
	s.book.mu.Lock()
	name := cmp.Or(s.book.names[id], "Item "+itoa(id))
	s.book.mu.Unlock()
	item := map[string]any{"item_id": id, "has_model": len(ids) > 0, "item_sku": s.sellerSKU(id, 0),
		"item_name": name, "item_status": "NORMAL"}
	if len(ids) == 0 {
		item["stock_info_v2"] = s.stockInfo(id, 0, loc)
	}
	return item, true
}

// itemIDList parses item_id_list: up to 50 comma-separated ids.
func itemIDList(v string) ([]int64, bool) {
	parts := strings.Split(v, ",")
	if len(parts) > 50 {
		return nil, false
	}
	out := make([]int64, 0, len(parts))
	for _, p := range parts {
		id, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64)
		if err != nil {
			return nil, false
		}
		out = append(out, id)
	}
	return out, true
}
