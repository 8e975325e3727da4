package relay_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/edged/edged/relay"
)

type leakyConfig struct {
	Shop  string
	Token string
}

type tokenValuer string

func (v tokenValuer) LogValue() slog.Value { return slog.StringValue("token " + string(v)) }

func TestRedactingHandler(t *testing.T) {
	const key, tok = "pk-6c6f675f736563726574", "at-6c6f675f746f6b656e"
	var buf bytes.Buffer
	secrets := []string{key}
	h := relay.NewRedactingHandler(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}),
		func() []string { return secrets })
	log := slog.New(h).With("partner_key", key).WithGroup("push")
	secrets = append(secrets, tok) // learnt later, e.g. a renewed token
	log.Debug("calling https://h/api?access_token="+tok+"&shop_id=7",
		"err", fmt.Errorf("wrapped: %w", errors.New("key "+key)),
		"url", "https://h/api?sign=0a1b2c3d4e&shop_id=7",
		slog.Group("req", "header", "Bearer "+tok),
		"config", leakyConfig{Shop: "demo", Token: tok},
		"valuer", tokenValuer(tok),
		"items", 3, "shop", "demo")
	out := buf.String()
	for _, s := range []string{key, tok, "0a1b2c3d4e"} {
		if strings.Contains(out, s) {
			t.Errorf("log shows %q: %s", s, out)
		}
	}
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatal(err)
	}
	push, _ := rec["push"].(map[string]any)
	if rec["partner_key"] != relay.Redacted || push["items"] != 3.0 || push["shop"] != "demo" ||
		push["err"] != "wrapped: key REDACTED" || !strings.Contains(push["url"].(string), "shop_id=7") {
		t.Errorf("record %s", out)
	}
}

func TestRedactingHandlerKeepsLevel(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(relay.NewRedactingHandler(slog.NewTextHandler(&buf, nil), nil))
	log.Debug("hidden")
	log.Info("shown", "code", "x=1")
	if got := buf.String(); strings.Contains(got, "hidden") || !strings.Contains(got, "shown") {
		t.Errorf("log %q", got)
	}
}

func BenchmarkRedactingHandler(b *testing.B) {
	log := slog.New(relay.NewRedactingHandler(slog.NewJSONHandler(discard{}, nil),
		func() []string { return []string{"at-0123456789abcdef", "pk-0123456789abcdef", "as-0123456789abcdef"} }))
	b.ReportAllocs()
	for b.Loop() {
		log.Info("push failed", "channel", relay.Shopee, "listing", "100/1", "err", errors.New("HTTP 404: no such item"))
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
