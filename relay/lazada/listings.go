package lazada

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/edged/edged/relay"
)

// PathProductsGet is the API path of GetProducts.
const PathProductsGet = "/products/get"

// listPage is GetProducts' largest page.
const listPage = 50

// id reads an id Lazada sends as a number or a string.
type id string

func (v *id) UnmarshalJSON(b []byte) error {
	*v = id(strings.Trim(string(bytes.TrimSpace(b)), `"`))
	return nil
}

type productsPage struct {
	TotalProducts int `json:"total_products"`
	Products      []struct {
		ItemID     id `json:"item_id"`
		Attributes struct {
			Name string `json:"name"`
		} `json:"attributes"`
		Skus []struct {
			SkuID      id          `json:"SkuId"`
			SellerSku  string      `json:"SellerSku"`
			Warehouses []warehouse `json:"multiWarehouseInventories"`
		} `json:"skus"`
	} `json:"products"`
}

// Listings implements relay.ListingReader: every SKU of every product
// (filter=all), 50 products a call, one Listing per warehouse for
// multi-warehouse sellers. Throttled calls are retried (relay.Retry).
func (c *Client) Listings(ctx context.Context) ([]relay.Listing, error) {
	var out []relay.Listing
	for offset := 0; ; offset += listPage {
		page, err := c.productsPage(ctx, offset)
		if err != nil {
			return nil, err
		}
		for _, p := range page.Products {
			for _, s := range p.Skus {
				l := relay.Listing{Channel: relay.Lazada, SellerSKU: strings.TrimSpace(s.SellerSku), Item: string(p.ItemID),
					Variant: string(s.SkuID), Title: p.Attributes.Name}
				out = append(out, atWarehouses(l, s.Warehouses)...)
			}
		}
		if len(page.Products) < listPage || offset+listPage >= page.TotalProducts {
			return out, nil
		}
	}
}

type warehouse struct {
	Code string `json:"warehouseCode"`
}

func atWarehouses(l relay.Listing, whs []warehouse) []relay.Listing {
	if len(whs) == 0 {
		return []relay.Listing{l}
	}
	out := make([]relay.Listing, len(whs))
	for i, w := range whs {
		out[i] = l
		out[i].Location = w.Code
	}
	return out
}

func (c *Client) productsPage(ctx context.Context, offset int) (productsPage, error) {
	var page productsPage
	err := relay.Retry(ctx, func() error {
		env, err := c.call(ctx, http.MethodGet, PathProductsGet, map[string]string{"filter": "all",
			"offset": strconv.Itoa(offset), "limit": strconv.Itoa(listPage)})
		if err != nil {
			return err
		}
		if env.Code != "0" {
			return codeError(env)
		}
		if err := json.Unmarshal(env.Data, &page); err != nil {
			return fmt.Errorf("%w: products at offset %d: %w", relay.ErrUnavailable, offset, err)
		}
		return nil
	})
	if err != nil {
		return page, fmt.Errorf("lazada: products/get: %w", err)
	}
	return page, nil
}

var _ relay.ListingReader = (*Client)(nil)
