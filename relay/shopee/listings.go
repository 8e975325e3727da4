package shopee

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/edged/edged/relay"
)

// PathItemList is get_item_list.
const PathItemList = "/api/v2/product/get_item_list"

// Page sizes: get_item_list takes at most 100, get_item_base_info 50 ids.
const (
	itemPage = 100
	infoPage = 50
	// modelWorkers read model lists in parallel; the path's limiter
	// still caps the rate.
	modelWorkers = 8
)

type stockLocations struct {
	SellerStock []struct {
		LocationID string `json:"location_id"`
	} `json:"seller_stock"`
}

type baseItem struct {
	ItemID   int64          `json:"item_id"`
	ItemSKU  string         `json:"item_sku"`
	Name     string         `json:"item_name"`
	HasModel bool           `json:"has_model"`
	Stock    stockLocations `json:"stock_info_v2"`
}

// Listings implements relay.ListingReader: the NORMAL items
// (get_item_list, 100 a page), their base info (50 a call) and, for items
// with variants, their models (get_model_list, in parallel). Model
// listings carry model_sku, items without variants item_sku (model "0");
// multi-warehouse shops get one Listing per location_id. Throttled calls
// are retried (relay.Retry).
func (c *Client) Listings(ctx context.Context) ([]relay.Listing, error) {
	ids, err := c.itemIDs(ctx)
	if err != nil {
		return nil, err
	}
	var items []baseItem
	for len(ids) > 0 {
		n := min(len(ids), infoPage)
		batch, err := c.baseInfo(ctx, ids[:n])
		if err != nil {
			return nil, err
		}
		items, ids = append(items, batch...), ids[n:]
	}
	return c.modelListings(ctx, items)
}

func (c *Client) get(ctx context.Context, path string, q url.Values, into any) error {
	return relay.Retry(ctx, func() error {
		a, err := c.call(ctx, path, q, nil)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(a.Response, into); err != nil {
			return fmt.Errorf("%w: %w: undecodable answer: %w", relay.ErrUnavailable, ErrAPI, err)
		}
		return nil
	})
}

func (c *Client) itemIDs(ctx context.Context) ([]string, error) {
	var ids []string
	for offset := 0; ; {
		var r struct {
			Item []struct {
				ItemID int64 `json:"item_id"`
			} `json:"item"`
			HasNext bool `json:"has_next_page"`
			Next    int  `json:"next_offset"`
		}
		q := url.Values{"offset": {strconv.Itoa(offset)}, "page_size": {strconv.Itoa(itemPage)}, "item_status": {"NORMAL"}}
		if err := c.get(ctx, PathItemList, q, &r); err != nil {
			return nil, fmt.Errorf("shopee: item list at %d: %w", offset, err)
		}
		for _, it := range r.Item {
			ids = append(ids, strconv.FormatInt(it.ItemID, 10))
		}
		if !r.HasNext || r.Next <= offset {
			return ids, nil
		}
		offset = r.Next
	}
}

func (c *Client) baseInfo(ctx context.Context, ids []string) ([]baseItem, error) {
	var r struct {
		ItemList []baseItem `json:"item_list"`
	}
	if err := c.get(ctx, PathItemBaseInfo, url.Values{"item_id_list": {strings.Join(ids, ",")}}, &r); err != nil {
		return nil, fmt.Errorf("shopee: base info of items %s…: %w", ids[0], err)
	}
	return r.ItemList, nil
}

// modelListings reads the models of the items that have them, in
// parallel, and returns every listing in item order.
func (c *Client) modelListings(ctx context.Context, items []baseItem) ([]relay.Listing, error) {
	per := make([][]relay.Listing, len(items))
	errs := make([]error, len(items))
	next := make(chan int)
	var wg sync.WaitGroup
	for range modelWorkers {
		wg.Go(func() {
			for i := range next {
				per[i], errs[i] = c.itemListings(ctx, items[i])
			}
		})
	}
	for i := range items {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []relay.Listing
	for i := range items {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out = append(out, per[i]...)
	}
	return out, nil
}

func (c *Client) itemListings(ctx context.Context, it baseItem) ([]relay.Listing, error) {
	item := strconv.FormatInt(it.ItemID, 10)
	base := relay.Listing{Channel: relay.Shopee, Item: item, Title: it.Name}
	if !it.HasModel {
		base.Variant, base.SellerSKU = "0", strings.TrimSpace(it.ItemSKU)
		return atLocations(base, it.Stock), nil
	}
	var r struct {
		Model []struct {
			ModelID  int64          `json:"model_id"`
			ModelSKU string         `json:"model_sku"`
			Stock    stockLocations `json:"stock_info_v2"`
		} `json:"model"`
	}
	if err := c.get(ctx, PathModelList, url.Values{"item_id": {item}}, &r); err != nil {
		return nil, fmt.Errorf("shopee: item %s: models: %w", item, err)
	}
	var out []relay.Listing
	for _, m := range r.Model {
		l := base
		l.Variant, l.SellerSKU = strconv.FormatInt(m.ModelID, 10), strings.TrimSpace(m.ModelSKU)
		out = append(out, atLocations(l, m.Stock)...)
	}
	return out, nil
}

// atLocations is l once per seller_stock location_id, or once without a
// location for single-warehouse shops.
func atLocations(l relay.Listing, st stockLocations) []relay.Listing {
	var out []relay.Listing
	for _, s := range st.SellerStock {
		if s.LocationID != "" {
			l.Location = s.LocationID
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		l.Location = ""
		out = append(out, l)
	}
	return out
}

var _ relay.ListingReader = (*Client)(nil)
