package relay_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
)

func TestNewAuthKitDefaults(t *testing.T) {
	k := relay.NewAuthKit(nil, nil)
	if k.HTTP != http.DefaultClient || k.Now == nil {
		t.Errorf("kit %+v: want http.DefaultClient and time.Now", k)
	}
	at := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	hc := &http.Client{}
	if k := relay.NewAuthKit(hc, func() time.Time { return at }); k.HTTP != hc || !k.Now().Equal(at) {
		t.Errorf("kit %+v does not keep what it was given", k)
	}
}

func TestClientDefaults(t *testing.T) {
	hc, log := relay.ClientDefaults(nil, nil)
	if hc != http.DefaultClient || log == nil {
		t.Errorf("ClientDefaults(nil, nil) = %v, %v", hc, log)
	}
	mine := &http.Client{}
	if hc, _ := relay.ClientDefaults(mine, nil); hc != mine {
		t.Error("ClientDefaults replaced the client it was given")
	}
}

func TestNeedToConnectListsEveryMissingField(t *testing.T) {
	bad := errors.New("x.base_url: required")
	err := relay.NeedToConnect(bad, map[string]string{"x.b": "", "x.a": "", "x.c": "set"})
	if !errors.Is(err, bad) || err.Error() != "x.base_url: required\nx.a: required to connect\nx.b: required to connect" {
		t.Errorf("NeedToConnect: %q", err)
	}
	if err := relay.NeedToConnect(nil, map[string]string{"x.c": "set"}); err != nil {
		t.Errorf("nothing missing: %v", err)
	}
}

func TestIssuedTokenLives(t *testing.T) {
	at := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	tok := relay.IssuedToken("a", "r", 3600, 86400, at)
	if tok.Access != "a" || tok.Refresh != "r" || !tok.Obtained.Equal(at) ||
		!tok.AccessExpires.Equal(at.Add(time.Hour)) || !tok.RefreshExpires.Equal(at.Add(24*time.Hour)) {
		t.Errorf("token %+v", tok)
	}
	if tok := relay.IssuedToken("a", "", 0, -1, at); !tok.AccessExpires.IsZero() || !tok.RefreshExpires.IsZero() {
		t.Errorf("lives of 0 and -1 give expiries %v and %v, want none", tok.AccessExpires, tok.RefreshExpires)
	}
}

func TestFetchReadsUpToTheLimitAndFailsTransiently(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, "0123456789")
	}))
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	resp, body, err := relay.Fetch(srv.Client(), req, 4)
	if err != nil || resp.StatusCode != http.StatusOK || string(body) != "0123" {
		t.Errorf("Fetch: %v, %q, %v", resp, body, err)
	}
	srv.Close()
	req, _ = http.NewRequest(http.MethodGet, srv.URL+"/?access_token=tok-secret-value", nil)
	_, _, err = relay.Fetch(srv.Client(), req, 4, "tok-secret-value")
	if err == nil || !relay.Retryable(err) || strings.Contains(err.Error(), "tok-secret-value") {
		t.Errorf("Fetch from a closed server: %v; want a transient error without the token", err)
	}
}

// refuser is a channel that takes only the token good.
func refuser(good string, sent *[]string) func(string) (int, error) {
	return func(token string) (int, error) {
		*sent = append(*sent, token)
		if token != good {
			return 0, fmt.Errorf("x: %w: %w", relay.ErrAuth, relay.ErrPermanent)
		}
		return 1, nil
	}
}

func TestCallWithTokenRetriesOnceWithANewToken(t *testing.T) {
	var r relay.Renewed
	r.Set("old")
	var sent []string
	v, err := relay.CallWithToken(func() string { return r.Get("") }, func(token string) (int, error) {
		r.Set("new") // the refresher, while the call is in flight
		return refuser("new", &sent)(token)
	})
	if err != nil || v != 1 || strings.Join(sent, ",") != "old,new" {
		t.Errorf("CallWithToken: %d, %v after sending %v; want old then new", v, err, sent)
	}
}

func TestCallWithTokenKeepsARefusalOfTheCurrentToken(t *testing.T) {
	var sent []string
	_, err := relay.CallWithToken(func() string { return "old" }, refuser("new", &sent))
	if !errors.Is(err, relay.ErrAuth) || relay.Retryable(err) || len(sent) != 1 {
		t.Errorf("CallWithToken: %v after sending %v; want one permanent refusal", err, sent)
	}
}

func TestCallWithTokenLeavesOtherErrorsAlone(t *testing.T) {
	tokens := []string{"old", "new"}
	calls := 0
	_, err := relay.CallWithToken(func() string { t := tokens[0]; tokens = tokens[1:]; return t }, func(string) (int, error) {
		calls++
		return 0, relay.ErrUnavailable
	})
	if !errors.Is(err, relay.ErrUnavailable) || calls != 1 {
		t.Errorf("CallWithToken: %v after %d calls; want ErrUnavailable after one", err, calls)
	}
}

func TestRenewedGivesTheConfiguredValueUntilSet(t *testing.T) {
	var r relay.Renewed
	if got := r.Get("configured"); got != "configured" {
		t.Errorf("before Set: %q", got)
	}
	r.Set("renewed")
	if got := r.Get("configured"); got != "renewed" {
		t.Errorf("after Set: %q", got)
	}
}
