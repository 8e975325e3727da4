package shopee

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
)

// The stock read APIs, which report promotion-reserved stock.
const (
	PathModelList    = "/api/v2/product/get_model_list"
	PathItemBaseInfo = "/api/v2/product/get_item_base_info"
)

type stockInfo struct {
	Summary struct {
		Reserved int64 `json:"total_reserved_stock"`
	} `json:"summary_info"`
}

// Reserved reads the promotion-reserved stock (stock_info_v2.summary_info
// .total_reserved_stock) of every model of an item, by model id; model
// "0" is an item without variants.
func (c *Client) Reserved(ctx context.Context, itemID string) (map[string]int64, error) {
	a, err := c.call(ctx, PathModelList, url.Values{"item_id": {itemID}}, nil)
	if err != nil {
		return nil, fmt.Errorf("shopee: item %s: models: %w", itemID, err)
	}
	var r struct {
		Model []struct {
			ModelID int64     `json:"model_id"`
			Stock   stockInfo `json:"stock_info_v2"`
		} `json:"model"`
	}
	if err := json.Unmarshal(a.Response, &r); err != nil {
		return nil, fmt.Errorf("shopee: item %s: %w: undecodable model list: %w", itemID, ErrAPI, err)
	}
	if len(r.Model) == 0 {
		return c.reservedWithoutModels(ctx, itemID)
	}
	out := map[string]int64{}
	for _, m := range r.Model {
		out[strconv.FormatInt(m.ModelID, 10)] = m.Stock.Summary.Reserved
	}
	return out, nil
}

func (c *Client) reservedWithoutModels(ctx context.Context, itemID string) (map[string]int64, error) {
	a, err := c.call(ctx, PathItemBaseInfo, url.Values{"item_id_list": {itemID}}, nil)
	if err != nil {
		return nil, fmt.Errorf("shopee: item %s: base info: %w", itemID, err)
	}
	var r struct {
		Items []struct {
			Stock stockInfo `json:"stock_info_v2"`
		} `json:"item_list"`
	}
	if err := json.Unmarshal(a.Response, &r); err != nil || len(r.Items) != 1 {
		return nil, fmt.Errorf("shopee: item %s: %w: want one item in item_list (%v)", itemID, ErrAPI, err)
	}
	return map[string]int64{"0": r.Items[0].Stock.Summary.Reserved}, nil
}
