package shopify

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/edged/edged/relay"
)

// listPage is the page size of the listing queries: Shopify's maximum.
const listPage = 250

const variantsQuery = `query Variants($first: Int!, $after: String) {
  productVariants(first: $first, after: $after) {
    nodes { id sku product { id title } inventoryItem { id inventoryLevels(first: 50) { nodes { location { id } } } } }
    pageInfo { hasNextPage endCursor }
  }
}`

const locationsQuery = `query Locations($first: Int!, $after: String) {
  locations(first: $first, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } }
}`

type pageInfo struct {
	HasNextPage bool    `json:"hasNextPage"`
	EndCursor   *string `json:"endCursor"`
}

type variantNode struct {
	ID      string `json:"id"`
	SKU     string `json:"sku"`
	Product struct {
		Title string `json:"title"`
	} `json:"product"`
	InventoryItem struct {
		ID              string `json:"id"`
		InventoryLevels struct {
			Nodes []struct {
				Location struct {
					ID string `json:"id"`
				} `json:"location"`
			} `json:"nodes"`
		} `json:"inventoryLevels"`
	} `json:"inventoryItem"`
}

// Listings implements relay.ListingReader: every product variant, one
// Listing per location its inventory item is stocked at. A variant
// stocked nowhere is listed at the shop's only location when it has one,
// else with an empty Location (the report shows it as not stocked).
// Throttled pages are retried (relay.Retry).
func (c *Client) Listings(ctx context.Context) ([]relay.Listing, error) {
	locs, err := c.locations(ctx)
	if err != nil {
		return nil, err
	}
	var out []relay.Listing
	err = c.pages(ctx, variantsQuery, "productVariants", func(raw json.RawMessage) error {
		var nodes []variantNode
		if err := json.Unmarshal(raw, &nodes); err != nil {
			return err
		}
		for _, n := range nodes {
			out = append(out, variantListings(n, locs)...)
		}
		return nil
	})
	return out, err
}

func variantListings(n variantNode, locs []string) []relay.Listing {
	l := relay.Listing{Channel: relay.Shopify, SellerSKU: strings.TrimSpace(n.SKU), Item: n.InventoryItem.ID,
		Variant: n.ID[strings.LastIndexByte(n.ID, '/')+1:], Title: n.Product.Title}
	levels := n.InventoryItem.InventoryLevels.Nodes
	if len(levels) == 0 {
		if len(locs) == 1 {
			l.Location = locs[0]
		}
		return []relay.Listing{l}
	}
	out := make([]relay.Listing, len(levels))
	for i, lv := range levels {
		out[i] = l
		out[i].Location = lv.Location.ID
	}
	return out
}

// locations are the shop's Location GIDs.
func (c *Client) locations(ctx context.Context) ([]string, error) {
	var ids []string
	err := c.pages(ctx, locationsQuery, "locations", func(raw json.RawMessage) error {
		var nodes []struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(raw, &nodes); err != nil {
			return err
		}
		for _, n := range nodes {
			ids = append(ids, n.ID)
		}
		return nil
	})
	return ids, err
}

// pages runs a connection query page by page, handing each page's nodes
// to fn.
func (c *Client) pages(ctx context.Context, query, field string, fn func(json.RawMessage) error) error {
	var after *string
	for {
		var g gqlResponse
		err := relay.Retry(ctx, func() error {
			var err error
			g, err = c.graphql(ctx, query, map[string]any{"first": listPage, "after": after})
			return err
		})
		if err != nil {
			return fmt.Errorf("shopify: %s: %w", field, err)
		}
		var d map[string]struct {
			Nodes    json.RawMessage `json:"nodes"`
			PageInfo pageInfo        `json:"pageInfo"`
		}
		if err := json.Unmarshal(g.Data, &d); err != nil {
			return fmt.Errorf("%w: shopify: %s: %w", relay.ErrUnavailable, field, err)
		}
		conn, ok := d[field]
		if !ok {
			return fmt.Errorf("%w: shopify: %s: missing from the answer", relay.ErrUnavailable, field)
		}
		if err := fn(conn.Nodes); err != nil {
			return fmt.Errorf("%w: shopify: %s: %w", relay.ErrUnavailable, field, err)
		}
		if !conn.PageInfo.HasNextPage || conn.PageInfo.EndCursor == nil {
			return nil
		}
		after = conn.PageInfo.EndCursor
	}
}

var _ relay.ListingReader = (*Client)(nil)
