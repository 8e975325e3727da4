package shopee_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/redacttest"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopee/shopeesim"
)

const (
	secretKey     = "pk-9f8e7d6c5b4a39281706f5e4d3c2b1a0"
	secretToken   = "at-4a6f6b65725f746f6b656e5f736563726574"
	secretRefresh = "rt-7265667265736821736563726574"
	wrongToken    = "at-0000000000deadbeef0000000000"
)

// Every failure goes through the real client and simulator, the
// dispatcher and the status page; neither the log (not redacting
// itself), nor the status, nor the errors may carry the partner key, a
// token or a signature seen on the wire.
func TestSecretsNeverLeave(t *testing.T) {
	r := redacttest.New(t, secretKey, secretToken, secretRefresh, wrongToken)
	echo := "upstream said: access_token=" + secretToken + " partner_key " + secretKey + ` {"refresh_token":"` + secretRefresh + `"}`
	for _, f := range redacttest.Failures(echo) {
		sim := shopeesim.New(shopeesim.Config{PartnerID: partner, PartnerKey: secretKey, ShopID: shopID,
			AccessToken: secretToken, RefreshToken: secretRefresh})
		sim.AddModel(100, 1, "", 5, 0)
		srv := sim.Start()
		token := secretToken
		if f.WrongToken {
			token = wrongToken
		}
		hc := &http.Client{Transport: srv.Client().Transport, Timeout: redacttest.Timeout}
		c, err := shopee.New(shopee.Config{BaseURL: srv.URL, PartnerID: partner, PartnerKey: secretKey, ShopID: shopID,
			AccessToken: token, RefreshToken: secretRefresh}, hc, r.Log.With("test", f.Name))
		if err != nil {
			t.Fatal(err)
		}
		if f.Cause != nil {
			f.Cause(&sim.Faults, sim.ExpireTokens, srv)
		}
		st := r.Push(f.Name, c, it("100", "1", "", 7))
		_, err = c.FetchOrder(context.Background(), "2208000000001QSK")
		f.Check(t, st, r.Err(f.Name+": order fetch", err))
		srv.Close()
		if r.Wire(sim.Recorder.Requests()) == 0 && f.Name != "connection refused" {
			t.Errorf("%s: the simulator saw no request", f.Name)
		}
		// The transport error keeps the URL, with its secrets replaced.
		if f.Name == "connection refused" {
			for _, s := range []string{st.LastError, errText(err)} {
				if !strings.Contains(s, "access_token="+relay.Redacted) || !strings.Contains(s, "sign="+relay.Redacted) {
					t.Errorf("connection refused: error %q", s)
				}
			}
		}
	}
	r.Check()
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
