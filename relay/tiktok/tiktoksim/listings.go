package tiktoksim

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"sync"
)

// Listing is one SKU to list with AddListings.
type Listing struct {
	// Product and SKU are numeric ids; SellerSKU may be empty.
	Product, SKU, SellerSKU, Title string
	Warehouses                     []string
	Qty, Lock                      int64
}

// listingBook holds the seller SKUs and titles the search shows.
type listingBook struct {
	mu     sync.Mutex
	seller map[string]string // sku id → seller_sku
	titles map[string]string // product id → title
}

// AddListings lists many SKUs at once (AddSKU each) with their seller SKUs.
func (s *Sim) AddListings(ls ...Listing) {
	s.book.mu.Lock()
	if s.book.seller == nil {
		s.book.seller, s.book.titles = map[string]string{}, map[string]string{}
	}
	for _, l := range ls {
		s.book.seller[l.SKU], s.book.titles[l.Product] = l.SellerSKU, l.Title
	}
	s.book.mu.Unlock()
	for _, l := range ls {
		s.AddSKU(l.Product, l.SKU, l.Warehouses, l.Qty, l.Lock)
	}
}

// searchProducts is Search Products: products in id order, page_size
// (1..100) a page, an opaque page_token to go on; body filters by status
// (every simulated product is ACTIVATE).
func (s *Sim) searchProducts(w http.ResponseWriter, r *http.Request) {
	body := s.authorize(w, r)
	if body == nil {
		return
	}
	var f struct {
		Status string `json:"status"`
	}
	q := r.URL.Query()
	size, err := strconv.Atoi(q.Get("page_size"))
	switch {
	case err != nil || size < 1 || size > 100:
		reply(w, 400, 36009003, "page_size must be between 1 and 100", nil)
		return
	case len(body) > 0 && json.Unmarshal(body, &f) != nil:
		reply(w, 400, 36009003, "body is not JSON", nil)
		return
	}
	ids := s.productIDs()
	if f.Status != "" && f.Status != "ACTIVATE" && f.Status != "ALL" {
		ids = nil
	}
	start := 0
	if tok := q.Get("page_token"); tok != "" {
		raw, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil {
			reply(w, 400, 36009003, "invalid page_token", nil)
			return
		}
		start, _ = slices.BinarySearchFunc(ids, string(raw), cmpNum)
		if start < len(ids) && ids[start] == string(raw) {
			start++
		}
	}
	page := ids[start:min(start+size, len(ids))]
	products := make([]any, len(page))
	for i, id := range page {
		products[i] = s.productJSON(id)
	}
	next := ""
	if start+len(page) < len(ids) {
		next = base64.RawURLEncoding.EncodeToString([]byte(page[len(page)-1]))
	}
	reply(w, 200, 0, "Success", map[string]any{"products": products, "next_page_token": next, "total_count": len(ids)})
}

func (s *Sim) productIDs() []string {
	s.mu.Lock()
	ids := make([]string, 0, len(s.products))
	for id := range s.products {
		ids = append(ids, id)
	}
	s.mu.Unlock()
	slices.SortFunc(ids, cmpNum)
	return ids
}

func (s *Sim) productJSON(id string) map[string]any {
	s.mu.Lock()
	skus := slices.Clone(s.products[id])
	whs := map[string][]string{}
	for _, k := range skus {
		whs[k] = s.whs[k]
	}
	s.mu.Unlock()
	s.book.mu.Lock()
	defer s.book.mu.Unlock()
	list := make([]any, len(skus))
	for i, k := range skus {
		inv := make([]any, len(whs[k]))
		for j, w := range whs[k] {
			l, _ := s.Stock.Get(k + "/" + w)
			inv[j] = map[string]any{"warehouse_id": w, "quantity": l.Available}
		}
		list[i] = map[string]any{"id": k, "seller_sku": s.book.seller[k], "inventory": inv}
	}
	return map[string]any{"id": id, "title": cmp.Or(s.book.titles[id], "Product "+id), "status": "ACTIVATE", "skus": list}
}

func cmpNum(a, b string) int {
	na, _ := strconv.ParseInt(a, 10, 64)
	nb, _ := strconv.ParseInt(b, 10, 64)
	return cmp.Or(cmp.Compare(na, nb), cmp.Compare(a, b))
}
