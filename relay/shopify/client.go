package shopify

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/edged/edged/relay"
)

// Client talks to one shop. It implements relay.Pusher.
type Client struct {
	cfg  Config
	http *http.Client
	lim  *relay.Limiter
	log  *slog.Logger
	// access, once SetToken was called, replaces cfg.AccessToken.
	access relay.Renewed

	mu        sync.Mutex
	known     map[string]int64    // Target.Key → Shopify's available as last read or set
	byVariant map[string][]string // variant id → Target.Keys, for expect
	seen      map[string]bool     // webhook ids already used by expect
}

// New returns a client; hc nil means http.DefaultClient, log nil discards.
func New(cfg Config, hc *http.Client, log *slog.Logger) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	hc, log = relay.ClientDefaults(hc, log)
	cfg = cfg.withDefaults()
	return &Client{cfg: cfg, http: hc, lim: relay.NewLimiter(cfg.RatePerSecond, 10), log: log,
		known: map[string]int64{}, byVariant: map[string][]string{}, seen: map[string]bool{}}, nil
}

// gqlResponse is a GraphQL answer with Shopify's cost extension.
type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string `json:"message"`
		Extensions struct {
			Code string `json:"code"`
		} `json:"extensions"`
	} `json:"errors"`
	Extensions struct {
		Cost struct {
			RequestedQueryCost float64 `json:"requestedQueryCost"`
			ThrottleStatus     struct {
				CurrentlyAvailable float64 `json:"currentlyAvailable"`
				RestoreRate        float64 `json:"restoreRate"`
			} `json:"throttleStatus"`
		} `json:"cost"`
	} `json:"extensions"`
}

// graphql posts one operation; THROTTLED becomes a RetryAfterError with the
// cost deficit divided by the restore rate. A token replaced while the
// request was in flight is tried again with the new one.
func (c *Client) graphql(ctx context.Context, query string, vars any) (gqlResponse, error) {
	raw, _ := json.Marshal(map[string]any{"query": query, "variables": vars}) // plain maps: cannot fail
	return relay.CallWithToken(c.accessToken, func(token string) (gqlResponse, error) {
		return c.post(ctx, raw, token)
	})
}

// post sends one GraphQL request with token.
func (c *Client) post(ctx context.Context, raw []byte, token string) (gqlResponse, error) {
	if err := c.lim.Wait(ctx); err != nil {
		return gqlResponse{}, err
	}
	u := strings.TrimSuffix(c.cfg.BaseURL, "/") + "/admin/api/" + c.cfg.APIVersion + "/graphql.json"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(raw))
	if err != nil {
		return gqlResponse{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Shopify-Access-Token", token)
	resp, body, err := relay.Fetch(c.http, req, 4<<20, token, c.cfg.ClientSecret)
	if err != nil {
		return gqlResponse{}, err
	}
	if err := relay.HTTPError(resp, body); err != nil {
		return gqlResponse{}, authStatus(resp.StatusCode, err)
	}
	return decodeGQL(body)
}

func decodeGQL(body []byte) (gqlResponse, error) {
	var g gqlResponse
	if err := json.Unmarshal(body, &g); err != nil {
		return g, fmt.Errorf("%w: undecodable response: %w", relay.ErrUnavailable, err)
	}
	if len(g.Errors) == 0 {
		return g, nil
	}
	e := g.Errors[0]
	err := fmt.Errorf("%w: %s (%s)", ErrAPI, e.Message, e.Extensions.Code)
	if e.Extensions.Code == "THROTTLED" {
		cost := g.Extensions.Cost
		wait := time.Second
		if ts := cost.ThrottleStatus; ts.RestoreRate > 0 {
			wait = time.Duration((cost.RequestedQueryCost - ts.CurrentlyAvailable) / ts.RestoreRate * float64(time.Second))
		}
		return g, &relay.RetryAfterError{After: max(wait, 10*time.Millisecond), Err: fmt.Errorf("%w: %w", relay.ErrThrottled, err)}
	}
	return g, fmt.Errorf("%w: %w", relay.ErrPermanent, err)
}

// newKey returns a random UUIDv4 for @idempotent.
func newKey() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
