// Package redacttest checks that no channel secret reaches the relay's
// outputs: the log, the channel status (as JSON, as `relay status` text
// and as the status page) and errors. An adapter's test runs its client
// against its simulator through failures and hands what came out to a
// [Rig], with the secrets it configured and the requests the simulator
// recorded, whose tokens and signatures are secrets too.
package redacttest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/simkit"
	"github.com/edged/edged/relay/status"
)

// Rig collects outputs and the secrets that must not be in them.
type Rig struct {
	t testing.TB
	// Log writes JSON records at debug level into the rig; give it to the
	// client under test. It does not redact: what it holds is what the
	// HTTP layer and the channel status let through.
	Log *slog.Logger

	mu      sync.Mutex
	logs    bytes.Buffer
	secrets map[string]bool
	outputs []output
}

type output struct{ name, text string }

// New returns a rig that checks for secrets (values shorter than
// relay.MinSecretLen are ignored).
func New(t testing.TB, secrets ...string) *Rig {
	r := &Rig{t: t, secrets: map[string]bool{}}
	r.Log = slog.New(slog.NewJSONHandler(lockedWriter{r}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	r.Secrets(secrets...)
	return r
}

type lockedWriter struct{ r *Rig }

func (w lockedWriter) Write(p []byte) (int, error) {
	w.r.mu.Lock()
	defer w.r.mu.Unlock()
	return w.r.logs.Write(p)
}

// Secrets adds values that must appear nowhere.
func (r *Rig) Secrets(vs ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, v := range vs {
		if len(v) >= relay.MinSecretLen {
			r.secrets[v] = true
		}
	}
}

// sensitive are the query and form parameters that carry secrets.
var sensitive = []string{"access_token", "refresh_token", "sign", "app_secret", "client_secret", "partner_key", "code", "auth_code"}

// credentialHeaders carry tokens.
var credentialHeaders = []string{"Authorization", "X-Shopify-Access-Token", "X-Tts-Access-Token"}

// Wire adds the secrets the requests carried: sensitive query and form
// values (tokens, signatures, codes) and credential headers. It returns
// how many requests it read.
func (r *Rig) Wire(reqs []simkit.Request) int {
	for _, req := range reqs {
		q, _ := url.ParseQuery(req.RawQuery)
		form, _ := url.ParseQuery(string(req.Body))
		for _, k := range sensitive {
			r.Secrets(q[k]...)
			r.Secrets(form[k]...)
		}
		for _, h := range credentialHeaders {
			r.Secrets(req.Header.Values(h)...)
		}
	}
	return len(reqs)
}

// Record adds an output to check.
func (r *Rig) Record(name, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outputs = append(r.outputs, output{name, text})
}

// Err records err's text under name and returns err; a nil err fails
// the test, as the failure did not happen.
func (r *Rig) Err(name string, err error) error {
	r.t.Helper()
	if err == nil {
		r.t.Errorf("%s: no error", name)
		return nil
	}
	r.Record(name, err.Error())
	return err
}

// Push hands it to a fresh dispatcher on p until the push fails once,
// records the channel status as JSON, as text and as the status page
// (JSON and HTML) and returns it. The dispatcher is stopped before Push
// returns, so it retries nothing into the next failure.
func (r *Rig) Push(name string, p relay.Pusher, it relay.Item) relay.ChannelStatus {
	r.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	d := relay.NewDispatcher(it.Target.Channel, p, relay.DispatcherConfig{MinBackoff: time.Minute, MaxBackoff: time.Minute}, r.Log)
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	defer func() { cancel(); <-done }()
	d.Enqueue(it)
	for deadline := time.Now().Add(10 * time.Second); d.Status().Failed == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			r.t.Fatalf("%s: the push did not fail: %+v", name, d.Status())
		}
	}
	st := d.Status()
	r.status(name, st)
	return st
}

// status records st as every output point shows it.
func (r *Rig) status(name string, st relay.ChannelStatus) {
	r.t.Helper()
	raw, err := json.Marshal(st)
	if err != nil {
		r.t.Fatal(err)
	}
	r.Record(name+": status JSON", string(raw))
	snap := status.Snapshot{At: time.Now(), Channels: []relay.ChannelStatus{st}}
	var text strings.Builder
	if err := status.WriteText(&text, snap); err != nil {
		r.t.Fatal(err)
	}
	r.Record(name+": status text", text.String())
	srv := httptest.NewServer(status.Handler(func() status.Snapshot { return snap }))
	defer srv.Close()
	for _, q := range []string{"?format=json", ""} {
		r.Record(name+": status page "+q, get(r.t, srv.URL+"/"+q))
	}
}

func get(t testing.TB, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("status page: HTTP %d, %v: %s", resp.StatusCode, err, body)
	}
	return string(body)
}

// Check fails the test for every secret found in an output or in the
// log, naming where and showing the secret's first characters only. It
// fails too when there were no secrets or no outputs to check.
func (r *Rig) Check() {
	r.t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.secrets) == 0 || len(r.outputs) == 0 || r.logs.Len() == 0 {
		r.t.Fatalf("nothing to check: %d secrets, %d outputs, %d bytes of log", len(r.secrets), len(r.outputs), r.logs.Len())
	}
	all := slices.Concat(r.outputs, []output{{"log", r.logs.String()}})
	for s := range r.secrets {
		for _, o := range all {
			if i := strings.Index(o.text, s); i >= 0 {
				r.t.Errorf("%s leaks secret %.4s…: %s", o.name, s, around(o.text, i, len(s)))
			}
		}
	}
}

// around is the text near a leak, for the failure message.
func around(s string, i, n int) string {
	return s[max(0, i-80):min(len(s), i+n+40)]
}
