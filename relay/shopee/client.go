package shopee

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/edged/edged/relay"
)

// Client calls Shopee for one shop. It implements relay.Pusher and
// stock.OrderFetcher.
type Client struct {
	cfg  Config
	http *http.Client
	lim  *relay.PathLimiter
	log  *slog.Logger
	// Now is the clock for timestamps; tests may replace it before use.
	Now func() time.Time

	access relay.Renewed // cfg.AccessToken until SetToken

	mu    sync.Mutex
	locks *LockWatcher // nil unless WatchLocks was called
}

// New returns a client; hc nil means http.DefaultClient, log nil discards.
func New(cfg Config, hc *http.Client, log *slog.Logger) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.RatePerSecond == 0 {
		cfg.RatePerSecond = 40
	}
	hc, log = relay.ClientDefaults(hc, log)
	return &Client{cfg: cfg, http: hc, lim: relay.NewPathLimiter(cfg.RatePerSecond, 5), log: log, Now: time.Now}, nil
}

// answer is Shopee's envelope.
type answer struct {
	Error     string          `json:"error"`
	Message   string          `json:"message"`
	RequestID string          `json:"request_id"`
	Response  json.RawMessage `json:"response"`
}

func (c *Client) token() string { return c.access.Get(c.cfg.AccessToken) }

// call sends a shop API request; error_auth means the token must be
// renewed outside the client (see SetToken), unless SetToken already
// replaced the token while the request was in flight: then it is sent
// again with the new one.
func (c *Client) call(ctx context.Context, path string, q url.Values, body any) (answer, error) {
	return relay.CallWithToken(c.token, func(token string) (answer, error) {
		if token == "" {
			return answer{}, errNoToken
		}
		a, err := c.send(ctx, path, q, body, token)
		if err == nil && a.Error != "" {
			err = apiError(a)
		}
		return a, err
	})
}

func (c *Client) send(ctx context.Context, path string, q url.Values, body any, token string) (answer, error) {
	if err := c.lim.Wait(ctx, path); err != nil {
		return answer{}, err
	}
	ts := c.Now().Unix()
	all := url.Values{"partner_id": {strconv.FormatInt(c.cfg.PartnerID, 10)}, "timestamp": {strconv.FormatInt(ts, 10)}}
	if token != "" {
		all.Set("access_token", token)
		all.Set("shop_id", strconv.FormatInt(c.cfg.ShopID, 10))
		all.Set("sign", Sign(c.cfg.PartnerKey, c.cfg.PartnerID, path, ts, token, c.cfg.ShopID))
	} else {
		all.Set("sign", Sign(c.cfg.PartnerKey, c.cfg.PartnerID, path, ts, "", 0))
	}
	for k, v := range q {
		all[k] = v
	}
	req, err := c.request(ctx, strings.TrimSuffix(c.cfg.BaseURL, "/")+path+"?"+all.Encode(), body)
	if err != nil {
		return answer{}, err
	}
	return c.do(req, token)
}

func (c *Client) request(ctx context.Context, u string, body any) (*http.Request, error) {
	if body == nil {
		return http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(raw))
	if err == nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, err
}

func (c *Client) do(req *http.Request, token string) (answer, error) {
	resp, body, err := relay.Fetch(c.http, req, 4<<20, token, c.cfg.PartnerKey, c.cfg.RefreshToken)
	if err != nil {
		return answer{}, err
	}
	var a answer
	jerr := json.Unmarshal(body, &a)
	if jerr == nil && a.Error != "" {
		return a, nil // Shopee errors come in the body whatever the status
	}
	if err := relay.HTTPError(resp, body); err != nil {
		return a, err
	}
	if jerr != nil {
		return a, fmt.Errorf("%w: undecodable response: %w", relay.ErrUnavailable, jerr)
	}
	return a, nil
}

// apiError classifies Shopee's error field.
func apiError(a answer) error {
	err := fmt.Errorf("%w: %s: %s [request %s]", ErrAPI, a.Error, a.Message, a.RequestID)
	switch a.Error {
	case "error_system_busy", "error_server":
		return &relay.RetryAfterError{After: time.Second, Err: fmt.Errorf("%w: %w", relay.ErrThrottled, err)}
	case "error_inner":
		return &relay.RetryAfterError{Err: fmt.Errorf("%w: %w", relay.ErrUnavailable, err)}
	case "error_auth", "invalid_access_token", "invalid_acceess_token":
		return refused(err)
	}
	return fmt.Errorf("%w: %w", relay.ErrPermanent, err)
}
