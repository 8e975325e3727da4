package relay_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
)

func TestRedact(t *testing.T) {
	const tok = "tok-3f9a1b2c4d"
	for _, c := range []struct{ in, want string }{
		{"GET https://h/api?access_token=abc&sign=0f3e&shop_id=7", "GET https://h/api?access_token=REDACTED&sign=REDACTED&shop_id=7"},
		{"?Access_Token=abc&SIGN=x&partner_id=1", "?Access_Token=REDACTED&SIGN=REDACTED&partner_id=1"},
		{"a app_secret=s1 client_secret=s2; partner_key=s3, refresh_token=s4", "a app_secret=REDACTED client_secret=REDACTED; partner_key=REDACTED, refresh_token=REDACTED"},
		{"callback?code=0ab&state=xyz&auth_code=77 password=hunter2", "callback?code=REDACTED&state=xyz&auth_code=REDACTED password=REDACTED"},
		{`{"access_token": "abc", "refresh_token":"def","expires_in":14400}`, `{"access_token": "REDACTED", "refresh_token":"REDACTED","expires_in":14400}`},
		{`quoted "{\"access_token\":\"abc\",\"x\":1}"`, `quoted "{\"access_token\":\"REDACTED\",\"x\":1}"`},
		// Lazada's and TikTok Shop's error codes stay.
		{`{"code":"IllegalAccessToken","message":"bad"}`, `{"code":"IllegalAccessToken","message":"bad"}`},
		// Names are whole: design= and shop_code= are not sign= and code=.
		{"design=blue&shop_code=SG&timestamp=1", "design=blue&shop_code=SG&timestamp=1"},
		{"the token " + tok + " and " + url.QueryEscape(tok+"/+") + " again", "the token REDACTED and REDACTED again"},
		{"nothing here", "nothing here"},
		{"sign=&x=1", "sign=&x=1"},
	} {
		if got := relay.Redact(c.in, tok, tok+"/+", "", "x"); got != c.want {
			t.Errorf("Redact(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestRedactAllocatesNothingWhenClean(t *testing.T) {
	s := "push failed: HTTP 404: item 42 not found (code=, shop_id=7)"
	if n := testing.AllocsPerRun(100, func() { relay.Redact(s, "some-secret-value", "another-one") }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

const (
	doToken  = "at-72656461637465645f746f6b656e"
	doSecret = "pk-7061727465725f6b65795f736563726574"
)

// request is a signed request as the adapters send: token and signature
// in the query, the token again in a header, the secret in the path.
func request(t *testing.T, ctx context.Context, base string) *http.Request {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/"+doSecret+"?access_token="+doToken+"&sign=c0ffee42&shop_id=7", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Shopify-Access-Token", doToken)
	req.Header.Set("Authorization", "Bearer "+doToken)
	return req
}

func wantClean(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	msg := relay.Transient(err).Error()
	for _, s := range []string{doToken, doSecret, "c0ffee42", "Bearer", "X-Shopify"} {
		if strings.Contains(msg, s) {
			t.Errorf("error shows %q: %s", s, msg)
		}
	}
	if !strings.Contains(msg, "access_token=REDACTED") || !strings.Contains(msg, "shop_id=7") {
		t.Errorf("URL not kept, redacted: %s", msg)
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Errorf("not a *url.Error: %T", err)
	}
}

func TestDoRedactsConnectionRefused(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	_, err := relay.Do(srv.Client(), request(t, context.Background(), srv.URL), doToken, doSecret)
	wantClean(t, err)
	var op *net.OpError
	if !errors.As(err, &op) || !relay.Retryable(relay.Transient(err)) {
		t.Errorf("cause lost: %v", err)
	}
}

func TestDoRedactsTimeouts(t *testing.T) {
	stop := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-stop }))
	defer srv.Close()
	defer close(stop)

	hc := &http.Client{Timeout: 50 * time.Millisecond}
	_, err := relay.Do(hc, request(t, context.Background(), srv.URL), doToken, doSecret)
	wantClean(t, err)
	var ne net.Error
	if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("client timeout lost: %v", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = relay.Do(srv.Client(), request(t, ctx, srv.URL), doToken, doSecret)
	wantClean(t, err)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline lost: %v", err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	_, err = relay.Do(srv.Client(), request(t, ctx, srv.URL), doToken, doSecret)
	wantClean(t, err)
	if !errors.Is(err, context.Canceled) || relay.Retryable(relay.Transient(err)) {
		t.Errorf("cancellation lost: %v", err)
	}
}

// HTTPError quotes the body with the secrets given to Do, the credential
// headers and the query's signature redacted.
func TestHTTPErrorRedactsQuotedBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		w.Write([]byte("proxy error for " + r.URL.String() + " key " + doSecret + " header " + r.Header.Get("Authorization")))
	}))
	defer srv.Close()
	resp, err := relay.Do(srv.Client(), request(t, context.Background(), srv.URL), doToken, doSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	err = relay.HTTPError(resp, body)
	if !errors.Is(err, relay.ErrUnavailable) {
		t.Fatalf("classification lost: %v", err)
	}
	for _, s := range []string{doToken, doSecret, "c0ffee42"} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error shows %q: %v", s, err)
		}
	}
	if !strings.Contains(err.Error(), "header REDACTED") {
		t.Errorf("body not quoted: %v", err)
	}
}
