package tiktok

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/edged/edged/relay"
)

// Client calls TikTok Shop for one shop. It implements relay.Pusher and
// stock.OrderFetcher.
type Client struct {
	cfg  Config
	http *http.Client
	lim  *relay.PathLimiter
	log  *slog.Logger
	// Now is the clock for timestamps; tests may replace it before use.
	Now func() time.Time
	// access and cipher, once SetToken was called, replace the config's.
	access, cipher relay.Renewed
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

// envelope is TikTok's response.
type envelope struct {
	Code      int             `json:"code"`
	Message   string          `json:"message"`
	RequestID string          `json:"request_id"`
	Data      json.RawMessage `json:"data"`
}

// call signs and sends one request; body nil means GET. A token replaced
// while the request was in flight is tried again with the new one.
func (c *Client) call(ctx context.Context, path string, extra url.Values, body []byte) (envelope, error) {
	return relay.CallWithToken(c.accessToken, func(token string) (envelope, error) {
		return c.send(ctx, path, extra, body, token)
	})
}

func (c *Client) send(ctx context.Context, path string, extra url.Values, body []byte, token string) (envelope, error) {
	if err := c.lim.Wait(ctx, path); err != nil {
		return envelope{}, err
	}
	if token == "" {
		return envelope{}, errNoToken
	}
	q := url.Values{"app_key": {c.cfg.AppKey}, "shop_cipher": {c.shopCipher()},
		"timestamp": {strconv.FormatInt(c.Now().Unix(), 10)}}
	for k, v := range extra {
		q[k] = v
	}
	q.Set("sign", Sign(c.cfg.AppSecret, path, q, body))
	method, rd := http.MethodGet, io.Reader(nil)
	if body != nil {
		method, rd = http.MethodPost, bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimSuffix(c.cfg.BaseURL, "/")+path+"?"+q.Encode(), rd)
	if err != nil {
		return envelope{}, err
	}
	req.Header.Set("x-tts-access-token", token)
	req.Header.Set("Content-Type", "application/json")
	return c.do(req, token)
}

func (c *Client) do(req *http.Request, token string) (envelope, error) {
	resp, body, err := relay.Fetch(c.http, req, 4<<20, token, c.cfg.AppSecret)
	if err != nil {
		return envelope{}, err
	}
	var env envelope
	jerr := json.Unmarshal(body, &env)
	if err := relay.HTTPError(resp, body); err != nil {
		return env, authStatus(env, err)
	}
	if jerr != nil {
		return env, fmt.Errorf("%w: undecodable response: %w", relay.ErrUnavailable, jerr)
	}
	if env.Code != 0 {
		return env, codeError(env.Code, env.Message+" [request "+env.RequestID+"]")
	}
	return env, nil
}

// codeError classifies a TikTok error code.
func codeError(code int, msg string) error {
	err := fmt.Errorf("%w: code %d: %s", ErrAPI, code, msg)
	switch code {
	case 36009002:
		return &relay.RetryAfterError{After: time.Second, Err: fmt.Errorf("%w: %w", relay.ErrThrottled, err)}
	case 36009003, 36009007:
		return &relay.RetryAfterError{Err: fmt.Errorf("%w: %w", relay.ErrUnavailable, err)}
	case 105002:
		return refused(err)
	case 36009004:
		if strings.Contains(strings.ToLower(msg), "token") {
			return refused(err)
		}
	}
	return fmt.Errorf("%w: %w", relay.ErrPermanent, err)
}
