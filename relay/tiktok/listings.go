package tiktok

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/edged/edged/relay"
)

// PathProductSearch is Search Products.
const PathProductSearch = "/product/202309/products/search"

// listPage is Search Products' largest page.
const listPage = 100

type searchPage struct {
	Products []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Skus  []struct {
			ID        string `json:"id"`
			SellerSKU string `json:"seller_sku"`
			Inventory []struct {
				WarehouseID string `json:"warehouse_id"`
			} `json:"inventory"`
		} `json:"skus"`
	} `json:"products"`
	NextPageToken string `json:"next_page_token"`
}

// Listings implements relay.ListingReader: every ACTIVATE product, 100 a
// page following next_page_token, one Listing per SKU and warehouse.
// Throttled calls are retried (relay.Retry).
func (c *Client) Listings(ctx context.Context) ([]relay.Listing, error) {
	var out []relay.Listing
	token := ""
	for {
		page, err := c.searchPage(ctx, token)
		if err != nil {
			return nil, err
		}
		for _, p := range page.Products {
			for _, s := range p.Skus {
				l := relay.Listing{Channel: relay.TikTok, SellerSKU: strings.TrimSpace(s.SellerSKU), Item: p.ID, Variant: s.ID, Title: p.Title}
				if len(s.Inventory) == 0 {
					out = append(out, l)
				}
				for _, inv := range s.Inventory {
					l.Location = inv.WarehouseID
					out = append(out, l)
				}
			}
		}
		if page.NextPageToken == "" || page.NextPageToken == token {
			return out, nil
		}
		token = page.NextPageToken
	}
}

func (c *Client) searchPage(ctx context.Context, token string) (searchPage, error) {
	q := url.Values{"page_size": {strconv.Itoa(listPage)}}
	if token != "" {
		q.Set("page_token", token)
	}
	var page searchPage
	err := relay.Retry(ctx, func() error {
		env, err := c.call(ctx, PathProductSearch, q, []byte(`{"status":"ACTIVATE"}`))
		if err != nil {
			return err
		}
		if err := json.Unmarshal(env.Data, &page); err != nil {
			return fmt.Errorf("%w: %w: undecodable product search: %w", relay.ErrUnavailable, ErrAPI, err)
		}
		return nil
	})
	if err != nil {
		return page, fmt.Errorf("tiktok: products/search: %w", err)
	}
	return page, nil
}

var _ relay.ListingReader = (*Client)(nil)
