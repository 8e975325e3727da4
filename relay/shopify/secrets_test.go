package shopify_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/redacttest"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
)

const (
	secretClient = "shpss_636c69656e745f736563726574"
	secretToken  = "shpat_6163636573735f746f6b656e"
	wrongToken   = "shpat_0000000000deadbeef0000"
)

// Every failure goes through the real client and simulator, the
// dispatcher and the status page; neither the log (not redacting
// itself), nor the status, nor the errors may carry the client secret or
// the token (sent in X-Shopify-Access-Token).
func TestSecretsNeverLeave(t *testing.T) {
	r := redacttest.New(t, secretClient, secretToken, wrongToken)
	echo := `{"errors":"upstream said: X-Shopify-Access-Token: ` + secretToken + `, client_secret ` + secretClient + `"}`
	for _, f := range redacttest.Failures(echo) {
		sim := shopifysim.New(shopifysim.Config{AccessToken: secretToken, ClientSecret: secretClient})
		sim.AddItem(gid("InventoryItem", 1), gid("Location", 1), "1", 5, false)
		srv := sim.Start()
		token := secretToken
		if f.WrongToken {
			token = wrongToken
		}
		hc := &http.Client{Transport: srv.Client().Transport, Timeout: redacttest.Timeout}
		c, err := shopify.New(shopify.Config{BaseURL: srv.URL, AccessToken: token, ClientSecret: secretClient,
			APIVersion: "2026-01", RatePerSecond: 1000}, hc, r.Log.With("test", f.Name))
		if err != nil {
			t.Fatal(err)
		}
		if f.Cause != nil {
			f.Cause(&sim.Faults, sim.ExpireTokens, srv)
		}
		st := r.Push(f.Name, c, it(1, 7))
		res := c.Push(context.Background(), []relay.Item{it(1, 7)})
		f.Check(t, st, r.Err(f.Name+": push", res[0].Err))
		srv.Close()
		if r.Wire(sim.Recorder.Requests()) == 0 && f.Name != "connection refused" {
			t.Errorf("%s: the simulator saw no request", f.Name)
		}
	}
	r.Check()
}
