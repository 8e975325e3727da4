package shopee

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/edged/edged/relay"
)

// Lost-push APIs (partner-level, signed without token and shop).
const (
	PathLostPush    = "/api/v2/push/get_lost_push_message"
	PathConfirmLost = "/api/v2/push/confirm_consumed_lost_push_message"
)

type lostPage struct {
	HasNextPage   bool  `json:"has_next_page"`
	LastMessageID int64 `json:"last_message_id"`
	List          []struct {
		ShopID    int64  `json:"shop_id"`
		Code      int    `json:"code"`
		Timestamp int64  `json:"timestamp"`
		Data      string `json:"data"`
	} `json:"push_message_list"`
}

// RecoverLostPushes feeds the pushes Shopee could not deliver (kept 3 days)
// to sink, page by page, confirming each page once sink holds it. Run it at
// start-up and periodically: Shopee disables a subscription whose success
// rate falls below 30% and never re-sends what it missed meanwhile. It
// returns how many messages were taken.
func (c *Client) RecoverLostPushes(ctx context.Context, sink relay.OrderSink) (int, error) {
	n := 0
	for {
		page, err := c.lostPage(ctx)
		if err != nil || len(page.List) == 0 {
			return n, err
		}
		for _, m := range page.List {
			body, _ := json.Marshal(map[string]any{"code": m.Code, "shop_id": m.ShopID, "timestamp": m.Timestamp, "data": json.RawMessage(m.Data)})
			if err := c.take(ctx, sink, body); err != nil {
				return n, err
			}
			n++
		}
		if err := c.confirm(ctx, page.LastMessageID); err != nil || !page.HasNextPage {
			return n, err
		}
	}
}

func (c *Client) take(ctx context.Context, sink relay.OrderSink, body []byte) error {
	ev, ok, err := ParsePush(body)
	if err != nil {
		c.log.Warn("lost push undecodable; skipped", "err", err)
		return nil
	}
	if !ok {
		return nil
	}
	return sink.AcceptOrder(ctx, ev)
}

func (c *Client) lostPage(ctx context.Context) (lostPage, error) {
	a, err := c.send(ctx, PathLostPush, nil, nil, "")
	if err == nil && a.Error != "" {
		err = apiError(a)
	}
	if err != nil {
		return lostPage{}, fmt.Errorf("shopee: lost pushes: %w", err)
	}
	var p lostPage
	if err := json.Unmarshal(a.Response, &p); err != nil {
		return lostPage{}, fmt.Errorf("shopee: lost pushes: %w: %w", ErrAPI, err)
	}
	return p, nil
}

func (c *Client) confirm(ctx context.Context, last int64) error {
	a, err := c.send(ctx, PathConfirmLost, nil, map[string]any{"last_message_id": last}, "")
	if err == nil && a.Error != "" {
		err = apiError(a)
	}
	if err != nil {
		return fmt.Errorf("shopee: confirm lost pushes up to %d: %w", last, err)
	}
	return nil
}
