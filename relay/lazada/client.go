package lazada

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
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
	access relay.Renewed
}

// New returns a client; hc nil means http.DefaultClient, log nil discards.
func New(cfg Config, hc *http.Client, log *slog.Logger) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	hc, log = relay.ClientDefaults(hc, log)
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
// params in a form body (POST) or the query (GET). A refused token is an
// error here, not a code left to the caller, so that one replaced while
// the call was in flight is tried again with the new one.
func (c *Client) call(ctx context.Context, method, apiPath string, biz map[string]string) (envelope, error) {
	return relay.CallWithToken(c.accessToken, func(token string) (envelope, error) {
		env, err := c.send(ctx, method, apiPath, biz, token)
		if err == nil && env.Code != "0" {
			if cerr := codeError(env); errors.Is(cerr, relay.ErrAuth) {
				return env, cerr
			}
		}
		return env, err
	})
}

func (c *Client) send(ctx context.Context, method, apiPath string, biz map[string]string, token string) (envelope, error) {
	if err := c.lim.Wait(ctx, apiPath); err != nil {
		return envelope{}, err
	}
	if token == "" {
		return envelope{}, errNoToken
	}
	p := map[string]string{"app_key": c.cfg.AppKey, "access_token": token,
		"sign_method": "sha256", "timestamp": msTimestamp(c.Now().UnixMilli())}
	form := signedForm(c.cfg.AppSecret, apiPath, p, biz)
	req, err := c.request(ctx, method, apiPath, form)
	if err != nil {
		return envelope{}, err
	}
	return c.do(req, token)
}

// signedForm adds biz to the system params p, signs them and returns them
// as a form: how every call carries its params, token calls included.
func signedForm(secret, apiPath string, p, biz map[string]string) url.Values {
	for k, v := range biz {
		p[k] = v
	}
	p["sign"] = Sign(secret, apiPath, p)
	form := url.Values{}
	for k, v := range p {
		form.Set(k, v)
	}
	return form
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

func (c *Client) do(req *http.Request, token string) (envelope, error) {
	resp, body, err := relay.Fetch(c.http, req, 4<<20, token, c.cfg.AppSecret)
	if err != nil {
		return envelope{}, err
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
