package lazada_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/redacttest"
)

const (
	secretApp   = "as-6c617a6164615f6170705f736563726574"
	secretToken = "at-50000601c14ldD6t1hwJbqCfHTgMdmMAd"
	wrongToken  = "at-0000000000deadbeef0000000000"
)

// Every failure goes through the real client and simulator, the
// dispatcher and the status page; neither the log (not redacting
// itself), nor the status, nor the errors may carry the app secret, a
// token or a signature seen on the wire. The order fetch is a GET with
// the token and the signature in its query.
func TestSecretsNeverLeave(t *testing.T) {
	r := redacttest.New(t, secretApp, secretToken, wrongToken)
	echo := "upstream said: access_token=" + secretToken + " app secret " + secretApp
	for _, f := range redacttest.Failures(echo) {
		sim := lazadasim.New(lazadasim.Config{AppKey: "123456", AppSecret: secretApp, SellerID: "1234567", AccessToken: secretToken})
		sim.AddSKU("900", "1", "S1", "", 5, 0)
		srv := sim.Start()
		token := secretToken
		if f.WrongToken {
			token = wrongToken
		}
		hc := &http.Client{Transport: srv.Client().Transport, Timeout: redacttest.Timeout}
		c, err := lazada.New(lazada.Config{BaseURL: srv.URL + "/rest", AppKey: "123456", AppSecret: secretApp,
			AccessToken: token, RatePerSecond: 50}, hc, r.Log.With("test", f.Name))
		if err != nil {
			t.Fatal(err)
		}
		if f.Cause != nil {
			f.Cause(&sim.Faults, sim.ExpireTokens, srv)
		}
		it := relay.Item{Target: relay.Target{Channel: relay.Lazada, Item: "900", Variant: "1", SellerSKU: "S1"}, Qty: 7}
		st := r.Push(f.Name, c, it)
		_, err = c.FetchOrder(context.Background(), "1001")
		f.Check(t, st, r.Err(f.Name+": order fetch", err))
		srv.Close()
		if r.Wire(sim.Recorder.Requests()) == 0 && f.Name != "connection refused" {
			t.Errorf("%s: the simulator saw no request", f.Name)
		}
		// The transport error keeps the URL, with its secrets replaced.
		if f.Name == "connection refused" && err != nil {
			if s := err.Error(); !strings.Contains(s, "access_token="+relay.Redacted) || !strings.Contains(s, "sign="+relay.Redacted) {
				t.Errorf("connection refused: error %q", s)
			}
		}
	}
	r.Check()
}
