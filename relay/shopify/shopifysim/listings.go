package shopifysim

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Variant is one product variant of the fake shop, as the productVariants
// query lists it.
type Variant struct {
	// Product and Variant are numeric ids; Item is the InventoryItem GID.
	Product, Variant, Item string
	// SKU may be empty (a variant the seller gave no SKU); Title is the
	// product's.
	SKU, Title string
	// Locations are the Location GIDs the item is stocked at, each with
	// Available units.
	Locations []string
	Available int64
}

// catalog is what the listing queries serve, apart from stock.
type catalog struct {
	mu        sync.Mutex
	variants  map[string]Variant // by numeric variant id
	locations map[string]string  // Location GID → name
}

// AddVariants lists variants, stocking each at its locations (AddItem).
func (s *Sim) AddVariants(vs ...Variant) {
	s.catalog.mu.Lock()
	if s.catalog.variants == nil {
		s.catalog.variants, s.catalog.locations = map[string]Variant{}, map[string]string{}
	}
	for _, v := range vs {
		s.catalog.variants[v.Variant] = v
		for _, l := range v.Locations {
			if _, ok := s.catalog.locations[l]; !ok {
				s.catalog.locations[l] = "Location " + strings.TrimPrefix(l, "gid://shopify/Location/")
			}
		}
	}
	s.catalog.mu.Unlock()
	for _, v := range vs {
		for _, l := range v.Locations {
			s.AddItem(v.Item, l, v.Variant, v.Available, false)
		}
	}
}

// listingQuery answers productVariants and locations queries with
// Shopify's connection shape (nodes and edges, pageInfo); first above 250
// is an error, as on Shopify.
func (s *Sim) listingQuery(req gqlRequest, ext map[string]any) map[string]any {
	var first int
	var after string
	json.Unmarshal(req.Variables["first"], &first)
	json.Unmarshal(req.Variables["after"], &after)
	if first < 1 || first > 250 {
		return map[string]any{"errors": []any{map[string]any{"message": fmt.Sprintf("first: %d not in 1..250", first),
			"extensions": map[string]any{"code": "BAD_REQUEST"}}}, "extensions": ext}
	}
	var data map[string]any
	if strings.Contains(req.Query, "productVariants(") {
		data = map[string]any{"productVariants": s.variantPage(first, after)}
	} else {
		data = map[string]any{"locations": s.locationPage(first, after)}
	}
	return map[string]any{"data": data, "extensions": ext}
}

func (s *Sim) variantPage(first int, after string) map[string]any {
	s.catalog.mu.Lock()
	ids := make([]string, 0, len(s.catalog.variants))
	for id := range s.catalog.variants {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, byNumber)
	page, next := pageOf(ids, first, after)
	nodes := make([]any, len(page))
	for i, id := range page {
		nodes[i] = variantNode(s.catalog.variants[id])
	}
	s.catalog.mu.Unlock()
	return connection(nodes, page, next)
}

func variantNode(v Variant) map[string]any {
	levels := make([]any, len(v.Locations))
	for i, l := range v.Locations {
		levels[i] = map[string]any{"location": map[string]any{"id": l}}
	}
	return map[string]any{"id": "gid://shopify/ProductVariant/" + v.Variant, "sku": v.SKU, "title": "Default Title",
		"product":       map[string]any{"id": "gid://shopify/Product/" + v.Product, "title": v.Title},
		"inventoryItem": map[string]any{"id": v.Item, "inventoryLevels": map[string]any{"nodes": levels}}}
}

func (s *Sim) locationPage(first int, after string) map[string]any {
	s.catalog.mu.Lock()
	ids := make([]string, 0, len(s.catalog.locations))
	for id := range s.catalog.locations {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, byNumber)
	page, next := pageOf(ids, first, after)
	nodes := make([]any, len(page))
	for i, id := range page {
		nodes[i] = map[string]any{"id": id, "name": s.catalog.locations[id], "isActive": true}
	}
	s.catalog.mu.Unlock()
	return connection(nodes, page, next)
}

// pageOf returns up to first ids after the cursor and whether more follow.
func pageOf(ids []string, first int, after string) ([]string, bool) {
	start := 0
	if raw, err := base64.StdEncoding.DecodeString(after); err == nil && after != "" {
		start, _ = slices.BinarySearchFunc(ids, string(raw), byNumber)
		if start < len(ids) && ids[start] == string(raw) {
			start++
		}
	}
	end := min(start+first, len(ids))
	return ids[start:end], end < len(ids)
}

func connection(nodes []any, ids []string, next bool) map[string]any {
	edges := make([]any, len(nodes))
	end := ""
	for i, n := range nodes {
		c := base64.StdEncoding.EncodeToString([]byte(ids[i]))
		edges[i], end = map[string]any{"cursor": c, "node": n}, c
	}
	var cursor any
	if end != "" {
		cursor = end
	}
	return map[string]any{"nodes": nodes, "edges": edges, "pageInfo": map[string]any{"hasNextPage": next, "endCursor": cursor}}
}

// byNumber orders ids (numbers or GIDs ending in one) numerically.
func byNumber(a, b string) int {
	na, _ := strconv.ParseInt(a[strings.LastIndexByte(a, '/')+1:], 10, 64)
	nb, _ := strconv.ParseInt(b[strings.LastIndexByte(b, '/')+1:], 10, 64)
	if c := cmp.Compare(na, nb); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}
