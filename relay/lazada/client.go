package lazada

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/edged/edged/relay"
)

// Client calls the Lazada API for one seller. It implements relay.Pusher and
// stock.OrderFetcher.
type Client struct {
	cfg  Config
	http *http.Client
	lim  *relay.PathLimiter
	log  *slog.Logger
	// Now is the clock for timestamps; tests may replace it before use.
	Now func() time.Time
	// access, once SetToken was called, replaces cfg.AccessToken.
	access atomic.Pointer[string]
}

// New returns a client; hc nil means http.DefaultClient, log nil discards.
func New(cfg Config, hc *http.Client, log *slog.Logger) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if hc == nil {
		hc = http.DefaultClient
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg = cfg.withDefaults()
	return &Client{cfg: cfg, http: hc, lim: relay.NewPathLimiter(cfg.RatePerSecond, 5), log: log, Now: time.Now}, nil
}

// envelope is Lazada's response.
type envelope struct {
	Code      string          `json:"code"`
	Type      string          `json:"type"`
	Message   string          `json:"message"`
	RequestID string          `json:"request_id"`
	Data      json.RawMessage `json:"data"`
	Detail    []struct {
		SellerSku string `json:"seller_sku"`
		SkuID     string `json:"sku_id"`
		Message   string `json:"message"`
		Code      string `json:"code"`
	} `json:"detail"`
}

// call signs and sends one API call; business params go with the system
// params in a form body (POST) or the query (GET).
func (c *Client) call(ctx context.Context, method, apiPath string, biz map[string]string) (envelope, error) {
	if err := c.lim.Wait(ctx, apiPath); err != nil {
		return envelope{}, err
	}
	if c.accessToken() == "" {
		return envelope{}, errNoToken
	}
	p := map[string]string{"app_key": c.cfg.AppKey, "access_token": c.accessToken(),
		"sign_method": "sha256", "timestamp": msTimestamp(c.Now().UnixMilli())}
	for k, v := range biz {
		p[k] = v
	}
	p["sign"] = Sign(c.cfg.AppSecret, apiPath, p)
	form := url.Values{}
	for k, v := range p {
		form.Set(k, v)
	}
	req, err := c.request(ctx, method, apiPath, form)
	if err != nil {
		return envelope{}, err
	}
	return c.do(req)
}

func (c *Client) request(ctx context.Context, method, apiPath string, form url.Values) (*http.Request, error) {
	u := strings.TrimSuffix(c.cfg.BaseURL, "/") + apiPath
	if method == http.MethodGet {
		return http.NewRequestWithContext(ctx, method, u+"?"+form.Encode(), nil)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, strings.NewReader(form.Encode()))
	if err == nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
	}
	return req, err
}

func (c *Client) do(req *http.Request) (envelope, error) {
	resp, err := relay.Do(c.http, req, c.accessToken(), c.cfg.AppSecret)
	if err != nil {
		return envelope{}, relay.Transient(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return envelope{}, relay.Transient(err)
	}
	if err := relay.HTTPError(resp, body); err != nil {
		return envelope{}, err
	}
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return envelope{}, fmt.Errorf("%w: undecodable response: %w", relay.ErrUnavailable, err)
	}
	return env, nil
}

// codeError turns a non-zero envelope code into a classified error.
func codeError(env envelope) error {
	err := fmt.Errorf("%w: code %s (%s): %s [request %s]", ErrAPI, env.Code, env.Type, env.Message, env.RequestID)
	switch env.Code {
	case "901", "ApiCallLimit":
		return &relay.RetryAfterError{After: time.Second, Err: fmt.Errorf("%w: %w", relay.ErrThrottled, err)}
	case "513", "1000":
		return &relay.RetryAfterError{Err: fmt.Errorf("%w: %w", relay.ErrUnavailable, err)}
	case "IllegalAccessToken", "AccessTokenExpired", "IllegalRefreshToken", "InvalidCode":
		return refused(err)
	}
	return fmt.Errorf("%w: %w", relay.ErrPermanent, err)
}
