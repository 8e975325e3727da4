package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/tiktok"
)

// The relay's logger redacts the channels' configured secrets wherever
// they appear, and sensitive query fields whatever their value.
func TestLoggerRedactsChannelSecrets(t *testing.T) {
	const key, secret = "pk-636d645f7061727465725f6b6579", "as-636d645f6170705f736563726574"
	var buf bytes.Buffer
	ch := server.Channels{Shopee: shopee.Config{PartnerKey: key}, TikTok: tiktok.Config{AppSecret: secret}}
	log, err := logger(&buf, "debug", "", channelSecrets(ch).List)
	if err != nil {
		t.Fatal(err)
	}
	log.Warn("push failed", "err", errors.New("HTTP 400: bad key "+key), "url", "https://h/x?access_token=abcdef&sign=0123", "secret", secret)
	out := buf.String()
	for _, s := range []string{key, secret, "abcdef", "sign=0123"} {
		if strings.Contains(out, s) {
			t.Errorf("log shows %q: %s", s, out)
		}
	}
	if !strings.Contains(out, "bad key REDACTED") {
		t.Errorf("log %s", out)
	}
}

func TestLoggerFormats(t *testing.T) {
	var buf bytes.Buffer
	log, err := logger(&buf, "info", "journal", nil)
	if err != nil {
		t.Fatal(err)
	}
	log.Error("push failed", "channel", "lazada")
	if got := buf.String(); got != "<3>level=ERROR msg=\"push failed\" channel=lazada\n" {
		t.Errorf("journal line %q", got)
	}
	if _, err := logger(&buf, "info", "xml", nil); err == nil {
		t.Error("log.format xml was taken")
	}
}
