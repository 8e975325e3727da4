package shopee

import (
	"context"
	"encoding/json"
	"fmt"
)

// PathTokenGet is the public API that refreshes a shop's tokens.
const PathTokenGet = "/api/v2/auth/access_token/get"

// refreshTokens trades the refresh token for a new pair.
func (c *Client) refreshTokens(ctx context.Context) error {
	c.mu.Lock()
	rt := c.refresh
	c.mu.Unlock()
	body := map[string]any{"refresh_token": rt, "partner_id": c.cfg.PartnerID, "shop_id": c.cfg.ShopID}
	a, err := c.send(ctx, PathTokenGet, nil, body, "")
	if err == nil && a.Error != "" {
		err = apiError(a)
	}
	if err != nil {
		return fmt.Errorf("shopee: refresh access token: %w (re-authorise the shop if the refresh token expired)", err)
	}
	var tok struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
	}
	if err := json.Unmarshal(a.Response, &tok); err != nil || tok.AccessToken == "" {
		return fmt.Errorf("shopee: refresh access token: %w: no token in answer", ErrAPI)
	}
	c.mu.Lock()
	c.access, c.refresh = tok.AccessToken, tok.RefreshToken
	c.mu.Unlock()
	c.log.Info("shopee access token refreshed")
	if c.OnTokens != nil {
		c.OnTokens(tok.AccessToken, tok.RefreshToken)
	}
	return nil
}
