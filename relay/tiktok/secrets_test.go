package tiktok_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/redacttest"
	"github.com/edged/edged/relay/tiktok"
	"github.com/edged/edged/relay/tiktok/tiktoksim"
)

const (
	secretApp   = "as-74696b746f6b5f6170705f736563726574"
	secretToken = "at-ROW_dGlrdG9rX2FjY2Vzc190b2tlbg"
	wrongToken  = "at-0000000000deadbeef0000000000"
)

// Every failure goes through the real client and simulator, the
// dispatcher and the status page; neither the log (not redacting
// itself), nor the status, nor the errors may carry the app secret, the
// token (sent in x-tts-access-token) or a signature seen on the wire.
func TestSecretsNeverLeave(t *testing.T) {
	r := redacttest.New(t, secretApp, secretToken, wrongToken)
	echo := `{"code":36009003,"message":"upstream said: x-tts-access-token=` + secretToken + ` app_secret ` + secretApp + `"}`
	for _, f := range redacttest.Failures(echo) {
		sim := tiktoksim.New(tiktoksim.Config{AppKey: appKey, AppSecret: secretApp, AccessToken: secretToken, ShopCipher: cipher})
		sim.AddSKU("10", "1", []string{"A"}, 5, 0)
		srv := sim.Start()
		token := secretToken
		if f.WrongToken {
			token = wrongToken
		}
		hc := &http.Client{Transport: srv.Client().Transport, Timeout: redacttest.Timeout}
		c, err := tiktok.New(tiktok.Config{BaseURL: srv.URL, AppKey: appKey, AppSecret: secretApp, AccessToken: token,
			ShopCipher: cipher, RatePerSecond: 50}, hc, r.Log.With("test", f.Name))
		if err != nil {
			t.Fatal(err)
		}
		if f.Cause != nil {
			f.Cause(&sim.Faults, sim.ExpireTokens, srv)
		}
		st := r.Push(f.Name, c, it("10", "1", "A", 7))
		_, err = c.FetchOrder(context.Background(), "576684019603311365")
		f.Check(t, st, r.Err(f.Name+": order fetch", err))
		srv.Close()
		if r.Wire(sim.Recorder.Requests()) == 0 && f.Name != "connection refused" {
			t.Errorf("%s: the simulator saw no request", f.Name)
		}
		// The transport error keeps the URL, with the signature replaced.
		if f.Name == "connection refused" && err != nil && !strings.Contains(err.Error(), "sign="+relay.Redacted) {
			t.Errorf("connection refused: error %q", err)
		}
	}
	r.Check()
}
